#pragma once
// Mechanisms by name.

#include <cajal/support/errors.hpp>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/mechanisms/mechanism.hpp>

namespace cajal {

class unknown_mechanism: public input_error {
    using input_error::input_error;
};

class mechanism_catalogue {
public:
    // Adds a mechanism; a name already present is an error.
    void add(mechanism_implementation mech);
    bool contains(std::string_view name) const;
    // Throws unknown_mechanism listing the known names.
    const mechanism_implementation& get(std::string_view name) const;
    std::vector<std::string> names() const;   // sorted
    // The order in which mechanisms were added, as NEURON's registration
    // order: which mechanism runs first in a phase (see docs/numerics.md).
    std::size_t position(std::string_view name) const;

private:
    std::map<std::string, std::pair<std::size_t, mechanism_implementation>, std::less<>> mechanisms_;
};

// The mechanisms compiled from cajal's own .mod files (mechanisms/mod), added
// in NEURON's order for its built-in ones: pas, IClamp, ExpSyn, Exp2Syn,
// SEClamp, hh; then CaDecay (calcium in a shell) and Kv3st (a kinetic-scheme
// potassium channel).
const mechanism_catalogue& builtin_catalogue();

} // namespace cajal
