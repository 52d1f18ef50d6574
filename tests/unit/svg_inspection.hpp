#pragma once
// Reading back what an SVG drawing holds, for tests of its structure: texts by
// class, attributes, groups. Regular expressions over the text cajal writes,
// not an XML parser.

#include <cctype>
#include <cmath>
#include <regex>
#include <string>
#include <vector>

namespace cajal::test::svg {

// The elements of a kind ("<text", "<path", ...): how many start tags.
inline std::size_t count(const std::string& svg, const std::string& start_tag) {
    std::size_t n = 0;
    for (std::size_t at = 0; (at = svg.find(start_tag, at)) != std::string::npos; at += start_tag.size()) ++n;
    return n;
}

// Every element in the document: how many tags open one.
inline std::size_t elements(const std::string& svg) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 1 < svg.size(); ++i) n += svg[i] == '<' && svg[i + 1] != '/';
    return n;
}

// A start or empty-element tag's inside, "name a="1" b="2"" or with a
// closing "/": a name, then attributes, each quoted.
inline bool tag_well_formed(const std::string& tag) {
    const auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':'; };
    std::size_t i = 0;
    if (tag.empty() || !std::isalpha(static_cast<unsigned char>(tag[0]))) return false;
    while (i < tag.size() && name_char(tag[i])) ++i;
    for (;;) {
        const std::size_t space = i;
        while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
        if (i == tag.size() || (tag[i] == '/' && i + 1 == tag.size())) return true;
        if (i == space || !name_char(tag[i])) return false;
        while (i < tag.size() && name_char(tag[i])) ++i;
        if (tag.compare(i, 2, "=\"") != 0) return false;
        const std::size_t close = tag.find('"', i + 2);
        if (close == std::string::npos || tag.find('<', i + 2) < close) return false;
        i = close + 1;
    }
}

// Well-formed as XML: one root element, every start tag closed in order,
// attributes quoted, and no bare '<' or '&' in text.
inline bool well_formed(const std::string& svg) {
    std::vector<std::string> open;
    std::size_t roots = 0;
    for (std::size_t i = 0; i < svg.size(); ++i) {
        if (svg[i] == '&') {
            const std::size_t end = svg.find(';', i);
            if (end == std::string::npos || !std::regex_match(svg.substr(i, end - i + 1), std::regex("&(amp|lt|gt|quot|apos|#\\d+);"))) return false;
            continue;
        }
        if (svg[i] != '<') continue;
        const std::size_t end = svg.find('>', i);
        if (end == std::string::npos) return false;
        const std::string tag = svg.substr(i + 1, end - i - 1);
        i = end;
        if (!tag.empty() && tag[0] == '/') {
            if (open.empty() || open.back() != tag.substr(1)) return false;
            open.pop_back();
            continue;
        }
        if (!tag_well_formed(tag)) return false;
        if (open.empty() && ++roots > 1) return false;
        if (tag.back() != '/') open.push_back(tag.substr(0, tag.find_first_of(" \n/")));
    }
    return roots == 1 && open.empty();
}

struct text_element {
    double x = 0, y = 0;
    std::string text;
};

// The <text class="CLASS" x=".." y=".." ...>TEXT</text> elements, in document order.
inline std::vector<text_element> texts(const std::string& svg, const std::string& cls) {
    const std::regex text("<text class=\"" + cls + R"re(" x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>)re");
    std::vector<text_element> found;
    for (std::sregex_iterator it(svg.begin(), svg.end(), text), end; it != end; ++it) {
        found.push_back({std::stod((*it)[1]), std::stod((*it)[2]), (*it)[3]});
    }
    return found;
}

inline std::vector<std::string> strings(const std::vector<text_element>& elements) {
    std::vector<std::string> out;
    for (const auto& e: elements) out.push_back(e.text);
    return out;
}

// A tick label's number: the minus sign (U+2212) read as '-'.
inline double number(std::string label) {
    for (std::size_t at; (at = label.find("\u2212")) != std::string::npos;) label.replace(at, 3, "-");
    return std::stod(label);
}

// The groups <g class="CLASS">...</g> (not nested), each with its content.
inline std::vector<std::string> groups(const std::string& svg, const std::string& cls) {
    std::vector<std::string> found;
    const std::string open = "<g class=\"" + cls + "\"";
    for (std::size_t at = 0; (at = svg.find(open, at)) != std::string::npos;) {
        const std::size_t end = svg.find("</g>", at);
        found.push_back(svg.substr(at, end - at));
        at = end;
    }
    return found;
}

// Ticks at round values: equally spaced by 1, 2 or 5 × 10^n, each a whole multiple of the step.
inline bool round_ticks(const std::vector<double>& at) {
    if (at.size() < 2) return false;
    const double step = at[1] - at[0];
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    bool round = std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 || std::abs(mantissa - 5) < 1e-6;
    for (std::size_t i = 0; i < at.size(); ++i) {
        if (i > 0) round = round && std::abs(at[i] - at[i - 1] - step) < 1e-6 * step;
        round = round && std::abs(at[i] / step - std::round(at[i] / step)) < 1e-6;
    }
    return round;
}

} // namespace cajal::test::svg
