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

Lexer::Lexer(std::string_view source, std::string file) : source_(source), file_(std::move(file)) {}

char Lexer::peek(std::size_t ahead) const {
    return offset_ + ahead < source_.size() ? source_[offset_ + ahead] : '\0';
}

void Lexer::advance() {
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
bool Lexer::at_word(std::string_view word) const {
    if (source_.substr(offset_, word.size()) != word) return false;
    if (offset_ > 0 && is_word_char(source_[offset_ - 1])) return false;
    return !is_word_char(peek(word.size()));
}

void Lexer::fail(SourcePosition position, const std::string& message) const {
    throw ParseError(file_, position, message);
}

void Lexer::skip_space_and_comments() {
    while (offset_ < source_.size()) {
        const char c = peek();
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            advance();
        } else if (c == ':' || c == '?') {
            while (offset_ < source_.size() && peek() != '\n') advance();
        } else if (at_word("COMMENT")) {
            const SourcePosition start{line_, column_};
            for (std::size_t i = 0; i < std::string_view("COMMENT").size(); ++i) advance();
            read_until_word("ENDCOMMENT", start, "COMMENT");
        } else {
            return;
        }
    }
}

// Consumes everything up to and including `end_word`; returns what lies
// before it. `start_word`, at `start`, opened the block.
std::string Lexer::read_until_word(std::string_view end_word, SourcePosition start, std::string_view start_word) {
    const std::size_t body = offset_;
    while (offset_ < source_.size() && !at_word(end_word)) advance();
    if (offset_ >= source_.size()) fail(start, std::string(start_word) + " without " + std::string(end_word));
    std::string text(source_.substr(body, offset_ - body));
    for (std::size_t i = 0; i < end_word.size(); ++i) advance();
    return text;
}

Token Lexer::next() {
    skip_space_and_comments();
    Token token{TokenKind::End, "", {line_, column_}, offset_};
    if (offset_ >= source_.size()) return token;
    const char c = peek();
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return lex_number(std::move(token));
    if (is_word_start(c)) return lex_word(std::move(token));
    if (c == '"') return lex_string(std::move(token));
    return lex_operator(std::move(token));
}

Token Lexer::lex_number(Token token) {
    const std::size_t start = offset_;
    token.kind = TokenKind::Integer;
    while (is_digit(peek())) advance();
    if (peek() == '.') {
        token.kind = TokenKind::Real;
        advance();
        while (is_digit(peek())) advance();
    }
    const bool signed_exponent = (peek(1) == '+' || peek(1) == '-') && is_digit(peek(2));
    if ((peek() == 'e' || peek() == 'E') && (is_digit(peek(1)) || signed_exponent)) {
        token.kind = TokenKind::Real;
        advance();
        if (signed_exponent) advance();
        while (is_digit(peek())) advance();
    }
    token.text = std::string(source_.substr(start, offset_ - start));
    return token;
}

Token Lexer::lex_word(Token token) {
    const std::size_t start = offset_;
    while (is_word_char(peek())) advance();
    token.text = std::string(source_.substr(start, offset_ - start));
    token.kind = TokenKind::Identifier;
    if (token.text == "TITLE") {
        token.kind = TokenKind::Title;
        const std::size_t body = offset_;
        while (offset_ < source_.size() && peek() != '\n') advance();
        token.text = std::string(source_.substr(body, offset_ - body));
        const auto first = token.text.find_first_not_of(" \t");
        const auto last = token.text.find_last_not_of(" \t\r");
        token.text = first == std::string::npos ? "" : token.text.substr(first, last - first + 1);
    } else if (token.text == "VERBATIM") {
        token.kind = TokenKind::Verbatim;
        token.text = read_until_word("ENDVERBATIM", token.position, "VERBATIM");
    }
    return token;
}

Token Lexer::lex_string(Token token) {
    advance();
    const std::size_t body = offset_;
    while (offset_ < source_.size() && peek() != '"' && peek() != '\n') {
        if (peek() == '\\') advance();
        advance();
    }
    if (peek() != '"') fail(token.position, "unterminated string");
    token.kind = TokenKind::String;
    token.text = std::string(source_.substr(body, offset_ - body));
    advance();
    return token;
}

Token Lexer::lex_operator(Token token) {
    struct Spelling {
        std::string_view text;
        TokenKind kind;
    };
    // Longest spellings first.
    static constexpr Spelling spellings[] = {
        {"<->", TokenKind::Reversible}, {"<<", TokenKind::Flux},      {"<=", TokenKind::LessEqual},
        {">=", TokenKind::GreaterEqual}, {"==", TokenKind::Equal},    {"!=", TokenKind::NotEqual},
        {"&&", TokenKind::And},          {"||", TokenKind::Or},       {"(", TokenKind::LeftParen},
        {")", TokenKind::RightParen},    {"{", TokenKind::LeftBrace}, {"}", TokenKind::RightBrace},
        {"[", TokenKind::LeftBracket},   {"]", TokenKind::RightBracket}, {",", TokenKind::Comma},
        {"=", TokenKind::Assign},        {"<", TokenKind::Less},      {">", TokenKind::Greater},
        {"!", TokenKind::Not},           {"+", TokenKind::Plus},      {"-", TokenKind::Minus},
        {"*", TokenKind::Star},          {"/", TokenKind::Slash},     {"%", TokenKind::Percent},
        {"^", TokenKind::Caret},         {"'", TokenKind::Prime},     {"~", TokenKind::Tilde},
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

Token Lexer::unit_after(const Token& open_paren) {
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
    return Token{TokenKind::Unit, std::move(text), open_paren.position, open_paren.offset};
}

} // namespace cajal::nmodl
