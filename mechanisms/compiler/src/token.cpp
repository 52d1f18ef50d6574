#include "cajal/nmodl/token.hpp"

namespace cajal::nmodl {

std::string_view describe(TokenKind kind) {
    switch (kind) {
    case TokenKind::Identifier: return "identifier";
    case TokenKind::Integer: return "integer";
    case TokenKind::Real: return "number";
    case TokenKind::String: return "string";
    case TokenKind::Unit: return "unit";
    case TokenKind::Title: return "TITLE";
    case TokenKind::Verbatim: return "VERBATIM block";
    case TokenKind::LeftParen: return "'('";
    case TokenKind::RightParen: return "')'";
    case TokenKind::LeftBrace: return "'{'";
    case TokenKind::RightBrace: return "'}'";
    case TokenKind::LeftBracket: return "'['";
    case TokenKind::RightBracket: return "']'";
    case TokenKind::Comma: return "','";
    case TokenKind::Assign: return "'='";
    case TokenKind::Equal: return "'=='";
    case TokenKind::NotEqual: return "'!='";
    case TokenKind::Less: return "'<'";
    case TokenKind::LessEqual: return "'<='";
    case TokenKind::Greater: return "'>'";
    case TokenKind::GreaterEqual: return "'>='";
    case TokenKind::And: return "'&&'";
    case TokenKind::Or: return "'||'";
    case TokenKind::Not: return "'!'";
    case TokenKind::Plus: return "'+'";
    case TokenKind::Minus: return "'-'";
    case TokenKind::Star: return "'*'";
    case TokenKind::Slash: return "'/'";
    case TokenKind::Percent: return "'%'";
    case TokenKind::Caret: return "'^'";
    case TokenKind::Prime: return "'''";
    case TokenKind::Tilde: return "'~'";
    case TokenKind::Reversible: return "'<->'";
    case TokenKind::Flux: return "'<<'";
    case TokenKind::End: return "end of input";
    }
    return "token";
}

std::string describe(const Token& token) {
    switch (token.kind) {
    case TokenKind::Identifier:
    case TokenKind::Integer:
    case TokenKind::Real: return "'" + token.text + "'";
    case TokenKind::String: return "string \"" + token.text + "\"";
    case TokenKind::Unit: return "unit (" + token.text + ")";
    default: return std::string(describe(token.kind));
    }
}

} // namespace cajal::nmodl
