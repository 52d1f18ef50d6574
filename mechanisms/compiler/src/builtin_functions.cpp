#include "builtin_functions.hpp"

#include <array>

namespace cajal::nmodl {

namespace {

// C's math library, as NEURON's generated C calls it, plus NEURON's at_time.
constexpr std::array<builtin_function, 24> builtins{{
    {"exp", "::exp", 1},     {"log", "::log", 1},     {"log10", "::log10", 1}, {"sqrt", "::sqrt", 1},
    {"fabs", "::fabs", 1},   {"sin", "::sin", 1},     {"cos", "::cos", 1},     {"tan", "::tan", 1},
    {"asin", "::asin", 1},   {"acos", "::acos", 1},   {"atan", "::atan", 1},   {"atan2", "::atan2", 2},
    {"sinh", "::sinh", 1},   {"cosh", "::cosh", 1},   {"tanh", "::tanh", 1},   {"pow", "::pow", 2},
    {"floor", "::floor", 1}, {"ceil", "::ceil", 1},   {"fmod", "::fmod", 2},   {"erf", "::erf", 1},
    {"erfc", "::erfc", 1},   {"fmin", "::fmin", 2},   {"fmax", "::fmax", 2},   {"at_time", "rt::at_time", 1},
}};

} // namespace

const builtin_function* find_builtin_function(const std::string& name) {
    for (const auto& b: builtins) {
        if (name == b.name) return &b;
    }
    return nullptr;
}

} // namespace cajal::nmodl
