// SWC text to samples, one line at a time. Numbers are read with
// std::from_chars, so the result does not depend on the process locale.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <system_error>

#include <cajal/support/text_file.hpp>

#include "swc_stages.hpp"

namespace cajal::swc_detail {

namespace {

constexpr std::size_t column_count = 7;
constexpr std::array<const char*, column_count> column_names = {"id", "type", "x", "y", "z", "radius", "parent"};
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Integers written with a decimal point or exponent ("3.0", "1e3") are accepted
// only where a double holds them exactly.
constexpr double largest_exact_integer = 9007199254740992.0;  // 2^53

// Columns are separated by spaces and tabs only.
bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

// The first column_count fields of s and how many there are (at most
// column_count: further columns are ignored).
std::size_t split_fields(std::string_view s, std::array<std::string_view, column_count>& fields) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (count < column_count) {
        while (i < s.size() && is_blank(s[i])) ++i;
        if (i == s.size()) break;
        std::size_t start = i;
        while (i < s.size() && !is_blank(s[i])) ++i;
        fields[count++] = s.substr(start, i - start);
    }
    return count;
}

enum class number_problem { none, not_a_number, not_finite, out_of_range, not_integral };

// from_chars rejects a leading '+', which some writers emit.
std::string_view without_plus(std::string_view s) {
    if (s.size() > 1 && s.front() == '+' && s[1] != '+' && s[1] != '-') s.remove_prefix(1);
    return s;
}

number_problem parse_double(std::string_view s, double& value) {
    s = without_plus(s);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc::invalid_argument || end != s.data() + s.size()) return number_problem::not_a_number;
    if (ec == std::errc::result_out_of_range) return number_problem::out_of_range;
    if (!std::isfinite(value)) return number_problem::not_finite;
    return number_problem::none;
}

number_problem parse_integer(std::string_view s, std::int64_t& value) {
    s = without_plus(s);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (end == s.data() + s.size()) {
        if (ec == std::errc{}) return number_problem::none;
        if (ec == std::errc::result_out_of_range) return number_problem::out_of_range;
    }
    double d = 0;
    if (auto problem = parse_double(s, d); problem != number_problem::none) return problem;
    if (std::trunc(d) != d) return number_problem::not_integral;
    if (std::fabs(d) > largest_exact_integer) return number_problem::out_of_range;
    value = static_cast<std::int64_t>(d);
    return number_problem::none;
}

class line_parser {
public:
    line_parser(const std::string& name, std::size_t line, std::string_view text):
        name_(name), line_(line), text_(text) {}

    // Coordinates and radii: NEURON keeps 3-d points in single precision, so a
    // value beyond its range would become infinite there.
    double real(std::size_t column, std::string_view field) const {
        double value = 0;
        check(parse_double(field, value), column, field, "a finite decimal number");
        if (std::fabs(value) > std::numeric_limits<float>::max()) {
            check(number_problem::out_of_range, column, field, "a magnitude below 3.4e38 (NEURON keeps 3-d points in single precision)");
        }
        return value;
    }

    std::int64_t integer(std::size_t column, std::string_view field) const {
        std::int64_t value = 0;
        check(parse_integer(field, value), column, field, "a whole number");
        return value;
    }

    int small_integer(std::size_t column, std::string_view field) const {
        std::int64_t value = integer(column, field);
        if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
            check(number_problem::out_of_range, column, field, "a whole number");
        }
        return static_cast<int>(value);
    }

    [[noreturn]] void fail(const std::string& what, const std::string& expected) const {
        throw swc_error(name_, line_, what + " in line " + quote_swc_text(text_) + "; expected " + expected);
    }

private:
    void check(number_problem problem, std::size_t column, std::string_view field, const char* expected) const {
        if (problem == number_problem::none) return;
        std::string what = std::string("column ") + column_names[column] + " ";
        switch (problem) {
        case number_problem::not_a_number: what += "is not a number"; break;
        case number_problem::not_finite: what += "is not finite"; break;
        case number_problem::out_of_range: what += "is out of range"; break;
        case number_problem::not_integral: what += "is not a whole number"; break;
        case number_problem::none: break;
        }
        fail(what + " (" + quote_swc_text(field) + ")", expected);
    }

    const std::string& name_;
    std::size_t line_;
    std::string_view text_;
};

swc_sample parse_sample_line(const std::string& name, std::size_t line, std::string_view text,
                             std::string_view content) {
    line_parser parser(name, line, text);
    // A carriage return not ending a line most likely ends lines in an old
    // Mac file; read as a blank it would hide every line after the first.
    if (content.find('\r') != std::string_view::npos) {
        parser.fail("a carriage return inside the line", "lines that end in \\n or \\r\\n");
    }
    std::array<std::string_view, column_count> fields;
    std::size_t found = split_fields(content, fields);
    if (found < column_count) {
        parser.fail("too few columns (" + std::to_string(found) + ")",
                    "7 columns: id type x y z radius parent");
    }
    swc_sample s;
    s.id = parser.integer(0, fields[0]);
    s.type = parser.small_integer(1, fields[1]);
    s.x = parser.real(2, fields[2]);
    s.y = parser.real(3, fields[3]);
    s.z = parser.real(4, fields[4]);
    s.radius = parser.real(5, fields[5]);
    s.parent_id = parser.integer(6, fields[6]);
    s.line = line;
    if (s.radius < 0) parser.fail("negative radius (" + quote_swc_text(fields[5]) + ")", "a radius of 0 or more");
    if (s.id < 0) parser.fail("negative id (" + quote_swc_text(fields[0]) + ")", "an id of 0 or more");
    return s;
}

} // namespace

std::string quote_swc_text(std::string_view text) {
    constexpr std::size_t max_shown = 80;
    constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    std::size_t shown = std::min(text.size(), max_shown);
    for (std::size_t i = 0; i < shown; ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7f) {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        } else {
            out += text[i];
        }
    }
    if (shown < text.size()) out += "...";
    out += '"';
    return out;
}

parsed_swc parse_swc_samples(std::string_view text, const std::string& name) {
    if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
    parsed_swc parsed;
    std::size_t line = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        ++line;
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view whole = text.substr(pos, end - pos);
        pos = end + 1;
        if (!whole.empty() && whole.back() == '\r') whole.remove_suffix(1);
        std::string_view content = trim(whole.substr(0, whole.find('#')));
        if (content.empty()) continue;
        parsed.samples.push_back(parse_sample_line(name, line, trim(whole), content));
        parsed.line_text.push_back(trim(whole));
    }
    return parsed;
}

} // namespace cajal::swc_detail

namespace cajal {

swc_file parse_swc(std::string_view text, std::string_view name, const swc_options& opts) {
    std::string file_name(name);
    return swc_detail::validate_swc(swc_detail::parse_swc_samples(text, file_name), file_name, opts);
}

swc_file read_swc(const std::filesystem::path& path, const swc_options& opts) {
    return parse_swc(read_text_file(path, morphology_file_limit, "morphology"), path.string(), opts);
}

} // namespace cajal
