#pragma once
// A CSV field as RFC 4180 writes it: quoted when it holds a separator, a
// quote or a line break, its quotes doubled.

#include <string>

namespace cajal {

inline std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c: text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

} // namespace cajal
