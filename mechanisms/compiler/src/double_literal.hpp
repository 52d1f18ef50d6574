#pragma once
// A double as a C++ floating literal: the shortest text that reads back as the
// same value, with ".0" added to whole numbers so that C++ never divides them
// as integers. Finite values only.

#include <charconv>
#include <cmath>
#include <string>

namespace cajal::nmodl {

inline std::string double_literal(double x) {
    char text[32];
    std::string s(text, std::to_chars(text, text + sizeof text, x).ptr);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

// Any double as the generated code writes it: infinities as the runtime's.
inline std::string real_literal(double x) {
    if (std::isinf(x)) return x > 0 ? "rt::infinity" : "-rt::infinity";
    return double_literal(x);
}

} // namespace cajal::nmodl
