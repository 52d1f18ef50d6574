#include "cajal/nmodl/lexer.hpp"

#include <cctype>
#include <utility>

#include "cajal/nmodl/parse_error.hpp"

namespace cajal::nmodl {
namespace {

bool is_word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_word_char(char c) { return is_word_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

} // namespace

lexer::lexer(std::string_view source, std::string file) : source_(source), file_(std::move(file)) {}

char lexer::peek(std::size_t ahead) const {
    return offset_ + ahead < source_.size() ? source_[offset_ + ahead] : '\0';
}

void lexer::advance() {
    if (offset_ >= source_.size()) return;
    if (source_[offset_] == '\n') {
        ++line_;
        column_ = 1;
    } else {
        ++column_;
    }
    ++offset_;
}

// True when `word` starts here as a whole word.
bool lexer::at_word(std::string_view word) const {
    if (source_.substr(offset_, word.size()) != word) return false;
    if (offset_ > 0 && is_word_char(source_[offset_ - 1])) return false;
    return !is_word_char(peek(word.size()));
}

void lexer::fail(source_position position, const std::string& message) const {
    throw parse_error(file_, position, message);
}

void lexer::skip_space_and_comments() {
    while (offset_ < source_.size()) {
        const char c = peek();
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            advance();
        } else if (c == ':' || c == '?') {
            while (offset_ < source_.size() && peek() != '\n') advance();
        } else if (at_word("COMMENT")) {
            const source_position start{line_, column_};
            for (std::size_t i = 0; i < std::string_view("COMMENT").size(); ++i) advance();
            read_until_word("ENDCOMMENT", start, "COMMENT");
        } else {
            return;
        }
    }
}

// Consumes everything up to and including `end_word`; returns what lies
// before it. `start_word`, at `start`, opened the block.
std::string lexer::read_until_word(std::string_view end_word, source_position start, std::string_view start_word) {
    const std::size_t body = offset_;
    while (offset_ < source_.size() && !at_word(end_word)) advance();
    if (offset_ >= source_.size()) fail(start, std::string(start_word) + " without " + std::string(end_word));
    std::string text(source_.substr(body, offset_ - body));
    for (std::size_t i = 0; i < end_word.size(); ++i) advance();
    return text;
}

token lexer::next() {
    skip_space_and_comments();
    token token{token_kind::end, "", {line_, column_}, offset_};
    if (offset_ >= source_.size()) return token;
    const char c = peek();
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return lex_number(std::move(token));
    if (is_word_start(c)) return lex_word(std::move(token));
    if (c == '"') return lex_string(std::move(token));
    return lex_operator(std::move(token));
}

token lexer::lex_number(token token) {
    const std::size_t start = offset_;
    token.kind = token_kind::integer;
    while (is_digit(peek())) advance();
    if (peek() == '.') {
        token.kind = token_kind::real;
        advance();
        while (is_digit(peek())) advance();
    }
    const bool signed_exponent = (peek(1) == '+' || peek(1) == '-') && is_digit(peek(2));
    if ((peek() == 'e' || peek() == 'E') && (is_digit(peek(1)) || signed_exponent)) {
        token.kind = token_kind::real;
        advance();
        if (signed_exponent) advance();
        while (is_digit(peek())) advance();
    }
    token.text = std::string(source_.substr(start, offset_ - start));
    return token;
}

token lexer::lex_word(token token) {
    const std::size_t start = offset_;
    while (is_word_char(peek())) advance();
    token.text = std::string(source_.substr(start, offset_ - start));
    token.kind = token_kind::identifier;
    if (token.text == "TITLE") {
        token.kind = token_kind::title;
        const std::size_t body = offset_;
        while (offset_ < source_.size() && peek() != '\n') advance();
        token.text = std::string(source_.substr(body, offset_ - body));
        const auto first = token.text.find_first_not_of(" \t");
        const auto last = token.text.find_last_not_of(" \t\r");
        token.text = first == std::string::npos ? "" : token.text.substr(first, last - first + 1);
    } else if (token.text == "VERBATIM") {
        token.kind = token_kind::verbatim;
        token.text = read_until_word("ENDVERBATIM", token.position, "VERBATIM");
    }
    return token;
}

token lexer::lex_string(token token) {
    advance();
    const std::size_t body = offset_;
    while (offset_ < source_.size() && peek() != '"' && peek() != '\n') {
        if (peek() == '\\') advance();
        advance();
    }
    if (peek() != '"') fail(token.position, "unterminated string");
    token.kind = token_kind::string;
    token.text = std::string(source_.substr(body, offset_ - body));
    advance();
    return token;
}

token lexer::lex_operator(token token) {
    struct operator_spelling {
        std::string_view text;
        token_kind kind;
    };
    // Longest spellings first.
    static constexpr operator_spelling spellings[] = {
        {"<->", token_kind::reversible},    {"->", token_kind::arrow},         {"<<", token_kind::flux},
        {"<=", token_kind::less_equal},     {">=", token_kind::greater_equal}, {"==", token_kind::equal},
        {"!=", token_kind::not_equal},      {"&&", token_kind::logical_and},   {"||", token_kind::logical_or},
        {"(", token_kind::left_paren},      {")", token_kind::right_paren},    {"{", token_kind::left_brace},
        {"}", token_kind::right_brace},     {"[", token_kind::left_bracket},   {"]", token_kind::right_bracket},
        {",", token_kind::comma},           {"=", token_kind::assign},         {"<", token_kind::less},
        {">", token_kind::greater},         {"!", token_kind::logical_not},    {"+", token_kind::plus},
        {"-", token_kind::minus},           {"*", token_kind::star},           {"/", token_kind::slash},
        {"%", token_kind::percent},         {"^", token_kind::caret},          {"'", token_kind::prime},
        {"~", token_kind::tilde},
    };
    for (const auto& spelling : spellings) {
        if (source_.substr(offset_, spelling.text.size()) == spelling.text) {
            for (std::size_t i = 0; i < spelling.text.size(); ++i) advance();
            token.kind = spelling.kind;
            token.text = std::string(spelling.text);
            return token;
        }
    }
    const unsigned char c = static_cast<unsigned char>(peek());
    const std::string shown = std::isprint(c) != 0 ? "'" + std::string(1, peek()) + "'" : "byte " + std::to_string(c);
    fail(token.position, "unexpected character " + shown);
}

token lexer::unit_after(const token& open_paren) {
    offset_ = open_paren.offset;
    line_ = open_paren.position.line;
    column_ = open_paren.position.column;
    advance();
    const std::size_t body = offset_;
    while (offset_ < source_.size() && peek() != ')' && peek() != '\n') advance();
    if (peek() != ')') fail(open_paren.position, "unit without ')'");
    std::string text(source_.substr(body, offset_ - body));
    advance();
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
    return token{token_kind::unit, std::move(text), open_paren.position, open_paren.offset};
}

} // namespace cajal::nmodl
