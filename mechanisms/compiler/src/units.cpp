#include "cajal/nmodl/units.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <set>

namespace cajal::nmodl {
namespace {

struct prefix {
    std::string_view name;
    double factor;
};

// The prefixes nocmodl knows, in the order it tries them.
constexpr prefix neuron_prefixes[] = {
    {"atto", 1e-18}, {"femto", 1e-15}, {"pico", 1e-12}, {"nano", 1e-9}, {"micro", 1e-6}, {"milli", 1e-3},
    {"centi", 1e-2}, {"deci", 1e-1},   {"deka", 1e1},   {"hecta", 1e2}, {"hecto", 1e2}, {"kilo", 1e3},
    {"mega", 1e6},   {"meg", 1e6},     {"giga", 1e9},   {"tera", 1e12},
};

// Tried only where NEURON finds no meaning. nrnunits.lib has the one-letter
// prefixes commented out, which is why every UNITS block says (mV) = (millivolt).
constexpr prefix extra_prefixes[] = {
    {"yocto", 1e-24}, {"zepto", 1e-21}, {"peta", 1e15}, {"exa", 1e18}, {"zetta", 1e21}, {"yotta", 1e24},
    {"f", 1e-15},     {"p", 1e-12},     {"n", 1e-9},    {"u", 1e-6},   {"m", 1e-3},     {"c", 1e-2},
    {"d", 1e-1},      {"k", 1e3},       {"M", 1e6},     {"G", 1e9},    {"T", 1e12},
};

struct definition {
    std::string_view name;
    std::string_view text;
};

// The part of NEURON 8.2's nrnunits.lib that .mod files use, worded as there
// and in an order where each name is defined before use, so that every factor
// comes out bit for bit as nocmodl computes it.
constexpr definition neuron_definitions[] = {
    {"pi", "3.14159265358979323846"},
    // Exact in the SI since 2019 (CODATA 2018), NEURON's default. Its legacy
    // values (nrnunit_use_legacy) are mole 6.022169e23, e 1.6021917e-19 C,
    // faraday 96485.309 C, gasconstant 8.3144598 J/K, boltzmann 1.38064852e-23 J/K.
    {"mole", "6.02214076+23"}, // Avogadro's number: a plain number in NEURON
    {"e", "1.602176634-19 coul"},
    {"second", "sec"},
    {"s", "sec"},
    {"minute", "60 sec"},
    {"min", "minute"},
    {"hour", "60 min"},
    {"hr", "hour"},
    {"day", "24 hr"},
    {"ms", "millisec"},
    {"us", "microsec"},
    {"gram", "millikg"},
    {"gm", "gram"},
    {"mg", "milligram"},
    {"meter", "m"},
    {"metre", "meter"},
    {"cm", "centimeter"},
    {"mm", "millimeter"},
    {"km", "kilometer"},
    {"nm", "nanometer"},
    {"micron", "micrometer"},
    {"angstrom", "decinanometer"},
    {"cc", "cm3"},
    {"liter", "kilocc"},
    {"litre", "liter"},
    {"ml", "milliliter"},
    {"newton", "kg-m/sec2"},
    {"nt", "newton"},
    {"N", "newton"},
    {"joule", "nt-m"},
    {"cal", "4.1868 joule"},
    {"kcal", "kilocal"},
    {"coulomb", "coul"},
    {"C", "coul"},
    {"ampere", "coul/sec"},
    {"amp", "ampere"},
    {"watt", "joule/sec"},
    {"volt", "watt/amp"},
    {"V", "volt"},
    {"eV", "e V"},
    {"ohm", "volt/amp"},
    {"kilohm", "kiloohm"},
    {"megohm", "megaohm"},
    {"mho", "/ohm"},
    {"siemens", "/ohm"},
    {"farad", "coul/volt"},
    {"pf", "picofarad"},
    {"hertz", "/sec"},
    {"Hz", "hertz"},
    {"faraday", "e-mole"},
    {"boltzmann", "1.380649-23 joule/K"}, // SI 2019 exact
    {"k", "boltzmann"},
    {"gasconstant", "k-mole"},
    {"R", "gasconstant"},
    {"kelvin", "K"},
    {"degC", "K"}, // a temperature interval
    {"%", "1|100"},
    {"percent", "%"},
};

// Names NEURON lacks, defined as real UNITS blocks define them ((mol) = (1),
// (molar) = (1/liter), (S) = (siemens)); a UNITS block may redefine them.
constexpr definition extra_definitions[] = {
    {"mol", "1"}, {"molar", "1/liter"}, {"M", "molar"}, {"S", "siemens"}, {"A", "ampere"},
    {"F", "farad"}, {"l", "liter"},     {"L", "liter"}, {"avogadro", "mole"},
};

// nrnunits.lib names missing above that the extra prefixes would misread
// (erlang-based ccs, peck, megabyte, ft3/sec, poundal): unknown rather than
// read differently from NEURON.
constexpr std::string_view neuron_only_names[] = {"ccs", "pk", "meg", "cfs", "pdl"};

bool is_neuron_only(std::string_view name) {
    for (std::string_view reserved : neuron_only_names) {
        if (name == reserved) return true;
    }
    return false;
}

constexpr std::size_t max_name_length = 64;

struct builtin_unit {
    unit_value value;
    bool from_neuron;
};

using builtin_map = std::map<std::string, builtin_unit, std::less<>>;
using alias_map = std::map<std::string, unit_value, std::less<>>;

// Whole names: a UNITS block's aliases shadow the built-ins.
struct name_source {
    const builtin_map& builtins;
    const alias_map* aliases;

    const unit_value* find(std::string_view name) const {
        static const unit_value one{};
        if (name.empty()) return &one; // what a bare prefix ("milli") leaves
        if (aliases) {
            if (auto it = aliases->find(name); it != aliases->end()) return &it->second;
        }
        if (auto it = builtins.find(name); it != builtins.end()) return &it->second.value;
        return nullptr;
    }
};

struct match {
    const unit_value* unit;
    double scale; // product of the prefixes
};

// A name's meaning: whole, then NEURON's prefixes, then without a plural
// 's'; then the extra prefixes. Names that failed are remembered, so that
// the search stays polynomial in the name's length.
class resolver {
public:
    explicit resolver(const name_source& names) : names_(names) {}

    std::optional<match> resolve(std::string_view name, double scale) {
        if (failed_.contains(name)) return std::nullopt;
        auto found = attempt(name, scale);
        if (!found) failed_.emplace(name);
        return found;
    }

private:
    std::optional<match> attempt(std::string_view name, double scale) {
        if (const unit_value* unit = names_.find(name)) return match{unit, scale};
        if (is_neuron_only(name)) return std::nullopt;
        for (const prefix& p : neuron_prefixes) {
            if (!name.starts_with(p.name)) continue;
            if (auto found = resolve(name.substr(p.name.size()), scale * p.factor)) return found;
        }
        if (name.size() > 1 && name.back() == 's') {
            if (auto found = resolve(name.substr(0, name.size() - 1), scale)) return found;
        }
        for (const prefix& p : extra_prefixes) {
            if (name.size() <= p.name.size() || !name.starts_with(p.name)) continue;
            if (auto found = resolve(name.substr(p.name.size()), scale * p.factor)) return found;
        }
        return std::nullopt;
    }

    const name_source& names_;
    std::set<std::string, std::less<>> failed_;
};

// Reads a unit expression the way units(1) does, one character at a time.
class expression_reader {
public:
    static constexpr int end = -1;

    explicit expression_reader(std::string_view text) : text_(text) {}

    int get() {
        if (pushed_back_ != 0) {
            int c = pushed_back_;
            pushed_back_ = 0;
            return c;
        }
        return position_ < text_.size() ? static_cast<unsigned char>(text_[position_++]) : end;
    }

    // A leading number: digits and '.', an exponent written "+N" or "-N"
    // ("1-10" is 1e-10), then "|divisor". Returns 0 when there is none.
    double read_number() {
        int c = get();
        while (c == ' ' || c == '\t') c = get();
        std::string digits;
        for (; (c >= '0' && c <= '9') || c == '.'; c = get()) digits += static_cast<char>(c);
        if (c == '+' || c == '-') {
            digits += 'e';
            for (digits += static_cast<char>(c), c = get(); c >= '0' && c <= '9'; c = get()) {
                digits += static_cast<char>(c);
            }
        }
        // Read as C's atof reads it (what nocmodl uses for the modern table):
        // the longest valid prefix, 0 when there is none.
        double d = 0.;
        const auto read = std::from_chars(digits.data(), digits.data() + digits.size(), d);
        if (read.ec == std::errc::result_out_of_range) {
            throw unit_error("number out of range in (" + std::string(text_) + ")");
        }
        if (c == '|') return d / read_number();
        pushed_back_ = c;
        return d;
    }

private:
    std::string_view text_;
    std::size_t position_ = 0;
    int pushed_back_ = 0;
};

bool ends_name(int c) {
    return (c >= '1' && c <= '9') || c == '-' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
           c == expression_reader::end;
}

std::string quoted(std::string_view text) { return "(" + std::string(text) + ")"; }

void apply(unit_value& result, std::string_view name, bool denominator, int power, resolver& names,
           std::string_view text) {
    if (name.size() > max_name_length) throw unit_error("unit name too long in " + quoted(text));
    auto found = names.resolve(name, 1.);
    if (!found) throw unit_error("unknown unit '" + std::string(name) + "' in " + quoted(text));
    for (int i = 0; i < power; ++i) {
        const double factor = found->unit->factor * found->scale;
        if (denominator) {
            result.factor /= factor;
        } else {
            result.factor *= factor;
        }
        for (std::size_t d = 0; d < base_dimension_count; ++d) {
            result.dims[d] += denominator ? -found->unit->dims[d] : found->unit->dims[d];
        }
    }
}

unit_value evaluate(std::string_view text, const name_source& source) {
    expression_reader in(text);
    unit_value result;
    result.factor = in.read_number();
    if (result.factor == 0.) result.factor = 1.; // no number, as in nocmodl
    resolver names(source);
    bool denominator = false; // everything after the first '/'
    std::string name;
    for (;;) {
        const int c = in.get();
        if (!ends_name(c)) {
            name += static_cast<char>(c);
            continue;
        }
        if (!name.empty()) {
            apply(result, name, denominator, c >= '2' && c <= '9' ? c - '0' : 1, names, text);
            name.clear();
        }
        if (c == '/') denominator = true;
        if (c == expression_reader::end) break;
    }
    if (!std::isfinite(result.factor) || result.factor == 0.) throw unit_error("unit out of range: " + quoted(text));
    return result;
}

builtin_map make_builtins() {
    builtin_map table;
    auto add_base = [&](const char* name, base_dimension dimension) {
        unit_value value;
        value.dims[static_cast<std::size_t>(dimension)] = 1;
        table.emplace(name, builtin_unit{value, true});
    };
    add_base("m", base_dimension::length);
    add_base("kg", base_dimension::mass);
    add_base("sec", base_dimension::time);
    add_base("coul", base_dimension::charge);
    add_base("K", base_dimension::temperature);
    for (const auto& [name, text] : neuron_definitions) {
        table.emplace(name, builtin_unit{evaluate(text, name_source{table, nullptr}), true});
    }
    for (const auto& [name, text] : extra_definitions) {
        table.emplace(name, builtin_unit{evaluate(text, name_source{table, nullptr}), false});
    }
    return table;
}

const builtin_map& builtins() {
    static const builtin_map table = make_builtins();
    return table;
}

} // namespace

std::string to_string(const dimension& dims) {
    static constexpr std::string_view symbols[base_dimension_count] = {"m", "kg", "s", "C", "K"};
    auto side = [&](int sign) {
        std::string text;
        for (std::size_t d = 0; d < base_dimension_count; ++d) {
            const int power = sign * dims[d];
            if (power <= 0) continue;
            if (!text.empty()) text += ' ';
            text += symbols[d];
            if (power > 1) text += std::to_string(power);
        }
        return text;
    };
    std::string numerator = side(1);
    const std::string denominator = side(-1);
    if (numerator.empty()) numerator = "1";
    return denominator.empty() ? numerator : numerator + "/" + denominator;
}

void unit_table::add_alias(std::string_view name, std::string_view definition) {
    const bool bad_start = !name.empty() && ((name[0] >= '0' && name[0] <= '9') || name[0] == '.' || name[0] == '+');
    bool bad_char = false;
    for (char c : name) bad_char = bad_char || ends_name(static_cast<unsigned char>(c));
    if (name.empty() || bad_start || bad_char || name.size() > max_name_length) {
        throw unit_error("cannot define a unit named " + quoted(name));
    }
    if (aliases_.contains(name)) throw unit_error("redefinition of unit " + quoted(name));
    if (auto it = builtins().find(name); (it != builtins().end() && it->second.from_neuron) || is_neuron_only(name)) {
        throw unit_error("redefinition of unit " + quoted(name) + ", which NEURON defines");
    }
    unit_value value = parse(definition);
    aliases_.emplace(std::string(name), value);
}

unit_value unit_table::parse(std::string_view text) const { return evaluate(text, name_source{builtins(), &aliases_}); }

double unit_table::convert(std::string_view from, std::string_view to) const {
    const unit_value a = parse(from);
    const unit_value b = parse(to);
    if (a.dims != b.dims) {
        throw unit_error("cannot convert " + quoted(from) + " to " + quoted(to) + ": " + to_string(a.dims) +
                         " is not " + to_string(b.dims));
    }
    return a.factor / b.factor;
}

unit_value parse_unit(std::string_view text) { return unit_table{}.parse(text); }

double conversion_factor(std::string_view from, std::string_view to) { return unit_table{}.convert(from, to); }

} // namespace cajal::nmodl
