#include "units_text.hpp"

#include <array>
#include <cctype>

namespace cajal {

namespace {

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// A unit symbol without its prefix, written for a reader.
std::string symbol_text(std::string_view symbol) {
    if (symbol == "ohm" || symbol == "Ohm") return "Ω";
    if (symbol == "degC") return "°C";
    return std::string(symbol);
}

// Symbols that a "u" in front of makes micro-units (um, uS, uA, umho, ...).
bool is_micro_base(std::string_view symbol) {
    static constexpr std::array<std::string_view, 17> bases = {
        "m", "g", "l", "L", "s", "S", "A", "F", "M", "V", "W", "J", "C", "N", "mol", "mho", "ohm"};
    for (std::string_view base: bases) {
        if (symbol == base) return true;
    }
    return false;
}

std::string word_text(std::string_view word) {
    if (word.size() > 1 && word[0] == 'u' && is_micro_base(word.substr(1))) return "µ" + symbol_text(word.substr(1));
    if (word.size() > 3 && (word.substr(word.size() - 3) == "ohm")) return std::string(word.substr(0, word.size() - 3)) + "Ω";
    return symbol_text(word);
}

} // namespace

std::string superscript(std::string_view exponent) {
    static constexpr std::array<const char*, 10> digits = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string out;
    for (char c: exponent) out += c == '-' ? "⁻" : digits[static_cast<std::size_t>(c - '0')];
    return out;
}

std::string units_text(std::string_view units) {
    const auto first = units.find_first_not_of(' ');
    if (first == std::string_view::npos) return "";
    units = units.substr(first, units.find_last_not_of(' ') - first + 1);
    if (units == "1") return "";

    std::string out;
    std::size_t i = 0;
    while (i < units.size()) {
        if (is_letter(units[i])) {
            std::size_t end = i;
            while (end < units.size() && is_letter(units[end])) ++end;
            out += word_text(units.substr(i, end - i));
            // An exponent follows the symbol directly: "cm2", "ms-1".
            std::size_t digits = end;
            if (digits < units.size() && units[digits] == '-') ++digits;
            std::size_t stop = digits;
            while (stop < units.size() && is_digit(units[stop])) ++stop;
            if (stop > digits) {
                out += superscript(units.substr(end, stop - end));
                end = stop;
            }
            i = end;
        } else if (units[i] == ' ' || units[i] == '*') {
            while (i < units.size() && (units[i] == ' ' || units[i] == '*')) ++i;
            if (!out.empty() && out.back() != '/' && i < units.size() && units[i] != '/') out += "·";
        } else {
            out += units[i++];
        }
    }
    return out;
}

} // namespace cajal
