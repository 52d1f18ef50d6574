#include "cajal/nmodl/token.hpp"

namespace cajal::nmodl {

std::string_view describe(token_kind kind) {
    switch (kind) {
    case token_kind::identifier: return "identifier";
    case token_kind::integer: return "integer";
    case token_kind::real: return "number";
    case token_kind::string: return "string";
    case token_kind::unit: return "unit";
    case token_kind::title: return "TITLE";
    case token_kind::verbatim: return "VERBATIM block";
    case token_kind::left_paren: return "'('";
    case token_kind::right_paren: return "')'";
    case token_kind::left_brace: return "'{'";
    case token_kind::right_brace: return "'}'";
    case token_kind::left_bracket: return "'['";
    case token_kind::right_bracket: return "']'";
    case token_kind::comma: return "','";
    case token_kind::assign: return "'='";
    case token_kind::equal: return "'=='";
    case token_kind::not_equal: return "'!='";
    case token_kind::less: return "'<'";
    case token_kind::less_equal: return "'<='";
    case token_kind::greater: return "'>'";
    case token_kind::greater_equal: return "'>='";
    case token_kind::logical_and: return "'&&'";
    case token_kind::logical_or: return "'||'";
    case token_kind::logical_not: return "'!'";
    case token_kind::plus: return "'+'";
    case token_kind::minus: return "'-'";
    case token_kind::star: return "'*'";
    case token_kind::slash: return "'/'";
    case token_kind::percent: return "'%'";
    case token_kind::caret: return "'^'";
    case token_kind::prime: return "'''";
    case token_kind::tilde: return "'~'";
    case token_kind::reversible: return "'<->'";
    case token_kind::arrow: return "'->'";
    case token_kind::flux: return "'<<'";
    case token_kind::end: return "end of input";
    }
    return "token";
}

std::string describe(const token& token) {
    switch (token.kind) {
    case token_kind::identifier:
    case token_kind::integer:
    case token_kind::real: return "'" + token.text + "'";
    case token_kind::string: return "string \"" + token.text + "\"";
    case token_kind::unit: return "unit (" + token.text + ")";
    default: return std::string(describe(token.kind));
    }
}

} // namespace cajal::nmodl
