#pragma once
// A double as the shortest text that reads back to it, for error messages.

#include <array>
#include <charconv>
#include <string>

namespace cajal {

inline std::string number_text(double x) {
    std::array<char, 32> buf{};
    const auto end = std::to_chars(buf.data(), buf.data() + buf.size(), x).ptr;
    return std::string(buf.data(), end);
}

} // namespace cajal
