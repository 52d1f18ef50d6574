#pragma once
// Mechanisms by name.

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/mechanisms/mechanism.hpp>

namespace cajal {

class unknown_mechanism: public std::runtime_error {
    using std::runtime_error::runtime_error;
};

class mechanism_catalogue {
public:
    // Adds a mechanism; a name already present is an error.
    void add(mechanism_implementation mech);
    bool contains(std::string_view name) const;
    // Throws unknown_mechanism listing the known names.
    const mechanism_implementation& get(std::string_view name) const;
    std::vector<std::string> names() const;

private:
    std::map<std::string, mechanism_implementation, std::less<>> mechanisms_;
};

// pas, hh, IClamp, ExpSyn, Exp2Syn, written by hand.
const mechanism_catalogue& builtin_catalogue();

} // namespace cajal
