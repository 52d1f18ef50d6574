// Token handling shared by the whole parser: looking ahead, consuming,
// expecting, and the small pieces (names, units, numbers) every block uses.

#include <charconv>
#include <system_error>

#include "cajal/nmodl/parse_error.hpp"
#include "cajal/nmodl/parser.hpp"
#include "parser_impl.hpp"

namespace cajal::nmodl {

parser::parser(std::string_view source, const std::string& file) : lexer_(source, file), current_(lexer_.next()) {}

parser::depth_guard::depth_guard(parser& owner, int levels) : parser_(owner) {
    for (int i = 0; i < levels; ++i) enter();
}

parser::depth_guard::~depth_guard() { parser_.depth_ -= levels_; }

void parser::depth_guard::enter() {
    ++levels_;
    if (++parser_.depth_ > max_nesting_depth) {
        parser_.fail(parser_.current_.position, "nesting deeper than " + std::to_string(max_nesting_depth));
    }
}

const token& parser::peek_next() {
    if (!next_) next_ = lexer_.next();
    return *next_;
}

token parser::advance() {
    token consumed = std::move(current_);
    if (next_) {
        current_ = std::move(*next_);
        next_.reset();
    } else {
        current_ = lexer_.next();
    }
    return consumed;
}

bool parser::at_keyword(std::string_view word) const { return at(token_kind::identifier) && current_.text == word; }

bool parser::accept(token_kind kind) {
    if (!at(kind)) return false;
    advance();
    return true;
}

bool parser::accept_keyword(std::string_view word) {
    if (!at_keyword(word)) return false;
    advance();
    return true;
}

token parser::expect(token_kind kind) {
    if (!at(kind)) fail_expected(describe(kind));
    return advance();
}

void parser::expect_keyword(std::string_view word) {
    if (!accept_keyword(word)) fail_expected(word);
}

identifier parser::expect_name(std::string_view what) {
    if (!at(token_kind::identifier)) fail_expected(what);
    const token token = advance();
    return identifier{token.text, token.position};
}

// `a, b, c`: one name or more, separated by commas.
std::vector<identifier> parser::parse_name_list(std::string_view what) {
    std::vector<identifier> names{expect_name(what)};
    while (accept(token_kind::comma)) names.push_back(expect_name(what));
    return names;
}

// `[4]` or `[NANN]` after a declared name; nullopt when there is none.
std::optional<array_extent> parser::parse_optional_array_size() {
    if (!accept(token_kind::left_bracket)) return std::nullopt;
    array_extent size;
    if (at(token_kind::identifier)) {
        size.define = advance().text;
    } else {
        size.value = parse_integer("an array size");
    }
    expect(token_kind::right_bracket);
    return size;
}

// A unit in parentheses, where one may stand; empty when there is none.
std::string parser::parse_optional_unit() {
    if (!at(token_kind::left_paren)) return "";
    const token unit = lexer_.unit_after(current_);
    next_.reset();
    current_ = lexer_.next();
    return unit.text;
}

double parser::parse_signed_number(std::string_view what) {
    const bool negative = accept(token_kind::minus);
    if (!negative) accept(token_kind::plus);
    if (!at(token_kind::integer) && !at(token_kind::real)) fail_expected(what);
    const double value = number_value(advance());
    return negative ? -value : value;
}

double parser::number_value(const token& token) const {
    double value = 0.0;
    const auto* first = token.text.data();
    const auto* last = first + token.text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last) fail(token.position, "number out of range: " + token.text);
    return value;
}

long long parser::parse_integer(std::string_view what) {
    if (!at(token_kind::integer)) fail_expected(what);
    const token token = advance();
    long long value = 0;
    const auto* first = token.text.data();
    const auto* last = first + token.text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last) fail(token.position, "integer out of range: " + token.text);
    return value;
}

void parser::fail_expected(std::string_view what) const {
    fail(current_.position, "expected " + std::string(what) + ", found " + describe(current_));
}

void parser::fail(source_position position, const std::string& message) const {
    throw parse_error(lexer_.file(), position, message);
}

} // namespace cajal::nmodl
