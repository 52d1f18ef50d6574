#pragma once
// A double as a C++ floating literal: the shortest text that reads back as the
// same value, with ".0" added to whole numbers so that C++ never divides them
// as integers. Finite values only.

#include <charconv>
#include <string>

namespace cajal::nmodl {

inline std::string double_literal(double x) {
    char text[32];
    std::string s(text, std::to_chars(text, text + sizeof text, x).ptr);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

} // namespace cajal::nmodl
