#pragma once
// Unit expressions as NMODL writes them ("mA/cm2", "/ms", "k-mole",
// "10000 coulomb"), with the values NEURON's nocmodl takes from nrnunits.lib
// (NEURON 8.2, modern SI 2019 constants).
//
// Grammar (that of units(1), which nocmodl uses): an optional leading number
// ("1-10" is 1e-10, "1|3" a third), then names separated by ' ', '-' (a
// product) or '/' (everything after the first '/' is in the denominator); a
// digit 2..9 right after a name is a power ("cm2"). A name is looked up
// whole, then as a prefix ("milli", "kilo", ...) and the rest, then without
// a plural 's'; where NEURON finds nothing, the one-letter prefixes ("mV",
// "uS", "nA") and a few names NEURON lacks (mol, molar, M, S, A, F, l, L, avogadro)
// are tried as well.

#include <cajal/support/errors.hpp>
#include <array>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cajal::nmodl {

class unit_error : public input_error {
public:
    using input_error::input_error;
};

// NEURON's base dimensions. The mole is a plain number there (6.02214076e23)
// and charge, not current, is the electrical base, so `FARADAY = (faraday)
// (coulomb)` and `R = (k-mole) (joule/degC)` are conformable.
enum class base_dimension : std::size_t { length, mass, time, charge, temperature };
inline constexpr std::size_t base_dimension_count = 5;
using dimension = std::array<int, base_dimension_count>;

// `factor` is in metres, kilograms, seconds, coulombs and kelvins.
struct unit_value {
    double factor = 1.0;
    dimension dims{};

    friend bool operator==(const unit_value&, const unit_value&) = default;
};

// "m2 kg/s2 C" for a volt; "1" when dimensionless.
std::string to_string(const dimension& dims);

// A UNITS block's aliases on top of the built-in names.
class unit_table {
public:
    // `(name) = (definition)`. Redefining a name NEURON already knows, or one
    // defined before, is an error (as in nocmodl); the few built-in names
    // NEURON lacks (mol, molar, M, S, A, F, l, L, avogadro) may be redefined once.
    void add_alias(std::string_view name, std::string_view definition);

    unit_value parse(std::string_view text) const;

    // The factor that turns a quantity in `from` into one in `to`: the value
    // of `NAME = (from) (to)`. Throws when the dimensions differ; nocmodl
    // does not check, and gives parse(from).factor / parse(to).factor.
    double convert(std::string_view from, std::string_view to) const;

private:
    std::map<std::string, unit_value, std::less<>> aliases_;
};

// With the built-in names only.
unit_value parse_unit(std::string_view text);
double conversion_factor(std::string_view from, std::string_view to);

} // namespace cajal::nmodl
