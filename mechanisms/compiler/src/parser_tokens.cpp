// Token handling shared by the whole parser: looking ahead, consuming,
// expecting, and the small pieces (names, units, numbers) every block uses.

#include <charconv>
#include <system_error>

#include "cajal/nmodl/parse_error.hpp"
#include "cajal/nmodl/parser.hpp"
#include "parser_impl.hpp"

namespace cajal::nmodl {

Parser::Parser(std::string_view source, const std::string& file) : lexer_(source, file), current_(lexer_.next()) {}

Parser::DepthGuard::DepthGuard(Parser& parser) : parser_(parser) {
    if (++parser_.depth_ > max_nesting_depth) {
        parser_.fail(parser_.current_.position, "nesting deeper than " + std::to_string(max_nesting_depth));
    }
}

Parser::DepthGuard::~DepthGuard() { --parser_.depth_; }

const Token& Parser::peek_next() {
    if (!next_) next_ = lexer_.next();
    return *next_;
}

Token Parser::advance() {
    Token consumed = std::move(current_);
    if (next_) {
        current_ = std::move(*next_);
        next_.reset();
    } else {
        current_ = lexer_.next();
    }
    return consumed;
}

bool Parser::at_keyword(std::string_view word) const { return at(TokenKind::Identifier) && current_.text == word; }

bool Parser::accept(TokenKind kind) {
    if (!at(kind)) return false;
    advance();
    return true;
}

bool Parser::accept_keyword(std::string_view word) {
    if (!at_keyword(word)) return false;
    advance();
    return true;
}

Token Parser::expect(TokenKind kind) {
    if (!at(kind)) fail_expected(describe(kind));
    return advance();
}

void Parser::expect_keyword(std::string_view word) {
    if (!accept_keyword(word)) fail_expected(word);
}

Name Parser::expect_name(std::string_view what) {
    if (!at(TokenKind::Identifier)) fail_expected(what);
    const Token token = advance();
    return Name{token.text, token.position};
}

// `a, b, c`: one name or more, separated by commas.
std::vector<Name> Parser::parse_name_list(std::string_view what) {
    std::vector<Name> names{expect_name(what)};
    while (accept(TokenKind::Comma)) names.push_back(expect_name(what));
    return names;
}

// `[4]` or `[NANN]` after a declared name; nullopt when there is none.
std::optional<ArraySize> Parser::parse_optional_array_size() {
    if (!accept(TokenKind::LeftBracket)) return std::nullopt;
    ArraySize size;
    if (at(TokenKind::Identifier)) {
        size.define = advance().text;
    } else {
        size.value = parse_integer("an array size");
    }
    expect(TokenKind::RightBracket);
    return size;
}

// A unit in parentheses, where one may stand; empty when there is none.
std::string Parser::parse_optional_unit() {
    if (!at(TokenKind::LeftParen)) return "";
    const Token unit = lexer_.unit_after(current_);
    next_.reset();
    current_ = lexer_.next();
    return unit.text;
}

double Parser::parse_signed_number(std::string_view what) {
    const bool negative = accept(TokenKind::Minus);
    if (!negative) accept(TokenKind::Plus);
    if (!at(TokenKind::Integer) && !at(TokenKind::Real)) fail_expected(what);
    const double value = number_value(advance());
    return negative ? -value : value;
}

double Parser::number_value(const Token& token) const {
    double value = 0.0;
    const auto* first = token.text.data();
    const auto* last = first + token.text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last) fail(token.position, "number out of range: " + token.text);
    return value;
}

long long Parser::parse_integer(std::string_view what) {
    if (!at(TokenKind::Integer)) fail_expected(what);
    const Token token = advance();
    long long value = 0;
    const auto* first = token.text.data();
    const auto* last = first + token.text.size();
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last) fail(token.position, "integer out of range: " + token.text);
    return value;
}

void Parser::fail_expected(std::string_view what) const {
    fail(current_.position, "expected " + std::string(what) + ", found " + describe(current_));
}

void Parser::fail(SourcePosition position, const std::string& message) const {
    throw ParseError(lexer_.file(), position, message);
}

} // namespace cajal::nmodl
