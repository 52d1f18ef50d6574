#include "asc_lexer.hpp"

#include <charconv>
#include <limits>
#include <string>

namespace cajal::asc_detail {

namespace {

// What scanf's " " skips, less the line ends (a line holds none).
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_label_char(char c) {
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
        if (c != prefix[i]) return false;
    }
    return true;
}

// Roughly log10 of a decimal number's magnitude: where its first significant
// digit stands, plus its exponent.
long decimal_order(std::string_view text) {
    long order = 0;
    bool seen_point = false, significant = false;
    std::size_t i = 0;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        const char c = text[i];
        if (c == '.') {
            seen_point = true;
        } else if (is_digit(c)) {
            if (c != '0') significant = true;
            if (significant && !seen_point) ++order;
            if (!significant && seen_point) --order;
        }
    }
    long exponent = 0;
    if (i < text.size()) {
        std::string_view e = text.substr(i + 1);
        if (!e.empty() && e.front() == '+') e.remove_prefix(1);
        if (std::from_chars(e.data(), e.data() + e.size(), exponent).ec == std::errc::result_out_of_range) {
            exponent = e.front() == '-' ? std::numeric_limits<long>::min() / 2 : std::numeric_limits<long>::max() / 2;
        }
    }
    return order + exponent;
}

// The length of the number %lf reads at the start of s (0: none), and its value.
std::size_t scan_number(std::string_view s, double& value) {
    std::size_t i = 0;
    const bool negative = i < s.size() && s[i] == '-';
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::string_view rest = s.substr(i);
    // %lf also reads infinities and NaNs, whatever their case, so a word that
    // starts so is a number to Import3d.
    if (starts_with_nocase(rest, "inf")) {
        value = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return i + (starts_with_nocase(rest, "infinity") ? 8 : 3);
    }
    if (starts_with_nocase(rest, "nan")) {
        value = std::numeric_limits<double>::quiet_NaN();
        return i + 3;
    }
    const std::size_t digits_start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    std::size_t digits = i - digits_start;
    if (i < s.size() && s[i] == '.') {
        ++i;
        const std::size_t fraction_start = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        digits += i - fraction_start;
    }
    if (digits == 0) return 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        const std::size_t exponent_start = j;
        while (j < s.size() && is_digit(s[j])) ++j;
        if (j > exponent_start) i = j;
    }
    std::string_view text = s.substr(0, i);
    if (text.front() == '+') text.remove_prefix(1);
    if (std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc::result_out_of_range) {
        // Beyond a double: scanf gives ±HUGE_VAL for overflow, zero for underflow.
        value = decimal_order(text) > 0 ? (negative ? -std::numeric_limits<double>::infinity()
                                                    : std::numeric_limits<double>::infinity())
                                        : 0.0;
    }
    return i;
}

// A keyword that Import3d matches with scanf(" set %[^@]"): the word, then
// whatever whitespace follows, then at least one more character on the line.
bool keyword_at(std::string_view rest, std::string_view word) {
    if (rest.substr(0, word.size()) != word) return false;
    std::size_t i = word.size();
    while (i < rest.size() && is_blank(rest[i])) ++i;
    return i < rest.size();
}

} // namespace

lexer::lexer(std::string_view text): text_(text) {}

bool lexer::next_line() {
    if (pos_ >= text_.size()) return false;
    std::size_t end = text_.find_first_of("\r\n", pos_);
    if (end == std::string_view::npos) end = text_.size();
    line_ = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    if (end + 1 < text_.size() && text_[end] == '\r' && text_[end + 1] == '\n') ++pos_;
    while (!line_.empty() && line_.back() == ' ') line_.remove_suffix(1);
    ++line_number_;
    at_ = 0;
    return true;
}

token lexer::next() {
    for (;;) {
        if (at_ >= line_.size()) {
            if (!next_line()) return {token_kind::end, 0, {}, line_number_ == 0 ? 1 : line_number_, line_.size() + 1};
            continue;
        }
        const std::size_t blank_start = at_;
        while (at_ < line_.size() && is_blank(line_[at_])) ++at_;
        auto make = [&](token_kind kind, std::size_t length) {
            token t{kind, 0, line_.substr(at_, length), line_number_, at_ + 1};
            at_ += length;
            return t;
        };
        if (at_ == line_.size()) {
            // Whitespace other than spaces ends the line: Import3d's lexer
            // finds no token in it and cannot get past it.
            std::size_t first = blank_start;
            while (line_[first] == ' ') ++first;
            at_ = first;
            return make(token_kind::bad, line_.size() - first);
        }
        const std::string_view rest = line_.substr(at_);
        if (rest.front() == ';') {
            at_ = line_.size();
            continue;
        }
        double value = 0;
        if (const std::size_t length = scan_number(rest, value); length > 0) {
            token t = make(token_kind::number, length);
            t.number = value;
            return t;
        }
        switch (rest.front()) {
            case '(': return make(token_kind::open, 1);
            case ')': return make(token_kind::close, 1);
            case ',': return make(token_kind::comma, 1);
            case '|': return make(token_kind::bar, 1);
            case '<': return make(token_kind::open_spine, 1);
            case '>': return make(token_kind::close_spine, 1);
            default: break;
        }
        for (std::string_view word: {"set", "Set", "SET"}) {
            if (keyword_at(rest, word)) return make(token_kind::set, 3);
        }
        if (keyword_at(rest, "RGB")) return make(token_kind::rgb, 3);
        if (rest.front() == '"') {
            const std::size_t close = rest.find('"', 1);
            if (close == std::string_view::npos) return make(token_kind::unclosed_string, rest.size());
            token t = make(token_kind::string, close + 1);
            t.text = rest.substr(1, close - 1);
            return t;
        }
        std::size_t length = 0;
        while (length < rest.size() && is_label_char(rest[length])) ++length;
        if (length > 0) return make(token_kind::label, length);
        return make(token_kind::bad, 1);
    }
}

std::string describe(const token& t) {
    switch (t.kind) {
        case token_kind::end: return "the end of the file";
        case token_kind::number: return "the number " + std::string(t.text);
        case token_kind::open: return "'('";
        case token_kind::close: return "')'";
        case token_kind::comma: return "','";
        case token_kind::bar: return "'|'";
        case token_kind::open_spine: return "'<'";
        case token_kind::close_spine: return "'>'";
        case token_kind::set: return "the word '" + std::string(t.text) + "' (a set)";
        case token_kind::rgb: return "'RGB'";
        case token_kind::string: return "the string \"" + std::string(t.text) + "\"";
        case token_kind::label: return "the name '" + std::string(t.text) + "'";
        case token_kind::unclosed_string: return "a string with no closing quote on its line";
        case token_kind::bad: break;
    }
    if (is_blank(t.text.front())) return "a tab or other whitespace but a space at the end of the line";
    const auto byte = static_cast<unsigned char>(t.text.front());
    if (byte < 0x20 || byte >= 0x7f) {
        constexpr char hex[] = "0123456789abcdef";
        return std::string("the byte \\x") + hex[byte >> 4] + hex[byte & 0xf];
    }
    return "'" + std::string(1, t.text.front()) + "'";
}

} // namespace cajal::asc_detail
