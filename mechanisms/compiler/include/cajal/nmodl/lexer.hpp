#pragma once
// Splits NMODL source into tokens. Comments (':' or '?' to end of line,
// COMMENT ... ENDCOMMENT) are skipped; TITLE lines and VERBATIM blocks come
// back whole. Units are context-dependent, so the parser asks for one with
// unit_after() when a '(' stands where a unit may.

#include <cstddef>
#include <string>
#include <string_view>

#include "cajal/nmodl/token.hpp"

namespace cajal::nmodl {

class lexer {
public:
    // The source must outlive the lexer. `file` names it in error messages.
    lexer(std::string_view source, std::string file);

    token next();

    // Re-reads from just after `open_paren` (a '(' this lexer returned) to the
    // matching ')' and returns the text between as a Unit token; the next
    // call to next() continues after the ')'.
    token unit_after(const token& open_paren);

    const std::string& file() const { return file_; }

private:
    char peek(std::size_t ahead = 0) const;
    void advance();
    bool at_word(std::string_view word) const;
    void skip_space_and_comments();
    std::string read_until_word(std::string_view end_word, source_position start, std::string_view start_word);
    token lex_number(token token);
    token lex_word(token token);
    token lex_string(token token);
    token lex_operator(token token);
    [[noreturn]] void fail(source_position position, const std::string& message) const;

    std::string_view source_;
    std::string file_;
    std::size_t offset_ = 0;
    int line_ = 1;
    int column_ = 1;
};

} // namespace cajal::nmodl
