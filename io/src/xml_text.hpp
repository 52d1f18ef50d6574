#pragma once
// Text placed inside SVG (XML) elements and attributes.

#include <string>
#include <string_view>

namespace cajal {

inline std::string escape_xml(std::string_view text) {
    std::string out;
    for (char c: text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

} // namespace cajal
