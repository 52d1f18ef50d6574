#pragma once
// The tokens of a Neurolucida ASC file, cut as NEURON's Import3d_Neurolucida3
// cuts them (its lex()), private to the morphology library. A line ends at
// "\n", "\r\n" or "\r"; spaces at its end are dropped; ';' where a token could
// start comments out the rest of the line. Tokens never span lines.

#include <cstddef>
#include <string>
#include <string_view>

namespace cajal::asc_detail {

enum class token_kind {
    end,              // the end of the file
    number,           // as scanf's %lf reads it: [+-]digits[.digits][e[+-]digits], or inf/nan
    open,             // (
    close,            // )
    comma,            // ,
    bar,              // |  (between sibling branches)
    open_spine,       // <
    close_spine,      // >
    set,              // "set", "Set" or "SET" (also as the start of a longer word, as Import3d reads it)
    rgb,              // "RGB" (likewise)
    string,           // "...", on one line; text is what is between the quotes
    label,            // [A-Za-z0-9_]+ not starting as a number
    unclosed_string,  // a '"' without its closing quote on the line; the rest of the line is dropped
    bad,              // anything else; Import3d's lexer cannot get past it
};

struct token {
    token_kind kind = token_kind::end;
    double number = 0;
    std::string_view text;   // the token as written (a string's: between its quotes)
    std::size_t line = 0;    // 1-based
    std::size_t column = 0;  // 1-based, in bytes
};

class lexer {
public:
    explicit lexer(std::string_view text);
    token next();

private:
    bool next_line();

    std::string_view text_;
    std::size_t pos_ = 0;        // where the next line starts
    std::string_view line_;      // the current line, trailing spaces dropped
    std::size_t at_ = 0;         // position in line_
    std::size_t line_number_ = 0;
};

// "')'", "the number 2.5", "the name \"Cross\"" and so on, for messages.
std::string describe(const token& t);

} // namespace cajal::asc_detail
