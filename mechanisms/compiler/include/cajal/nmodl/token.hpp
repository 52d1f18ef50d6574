#pragma once
// The tokens of NMODL, as the lexer produces them.

#include <cstddef>
#include <string>
#include <string_view>

#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

enum class token_kind {
    identifier,
    integer,
    real,
    string,   // text holds the contents, without the quotes
    unit,     // text holds what lies between the parentheses
    title,    // text holds the rest of the t_i_t_l_e line
    verbatim, // text holds what lies between v_e_r_b_a_t_i_m and e_n_d_v_e_r_b_a_t_i_m
    left_paren,
    right_paren,
    left_brace,
    right_brace,
    left_bracket,
    right_bracket,
    comma,
    assign,
    equal,
    not_equal,
    less,
    less_equal,
    greater,
    greater_equal,
    logical_and,
    logical_or,
    logical_not,
    plus,
    minus,
    star,
    slash,
    percent,
    caret,
    prime,
    tilde,
    reversible, // <->
    arrow,      // ->
    flux,       // <<
    end,
};

struct token {
    token_kind kind = token_kind::end;
    std::string text;
    source_position position;
    std::size_t offset = 0; // byte offset of the token's first character
};

// How an error message names a kind of token ("identifier", "'<->'").
std::string_view describe(token_kind kind);

// How an error message names a token it found ("'foo'", "end of input").
std::string describe(const token& token);

} // namespace cajal::nmodl
