#pragma once
// The tokens of NMODL, as the lexer produces them.

#include <cstddef>
#include <string>
#include <string_view>

#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

enum class TokenKind {
    Identifier,
    Integer,
    Real,
    String,   // text holds the contents, without the quotes
    Unit,     // text holds what lies between the parentheses
    Title,    // text holds the rest of the TITLE line
    Verbatim, // text holds what lies between VERBATIM and ENDVERBATIM
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Assign,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And,
    Or,
    Not,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,
    Prime,
    Tilde,
    Reversible, // <->
    Flux,       // <<
    End,
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;
    SourcePosition position;
    std::size_t offset = 0; // byte offset of the token's first character
};

// How an error message names a kind of token ("identifier", "'<->'").
std::string_view describe(TokenKind kind);

// How an error message names a token it found ("'foo'", "end of input").
std::string describe(const Token& token);

} // namespace cajal::nmodl
