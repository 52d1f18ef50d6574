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

class Lexer {
public:
    // The source must outlive the lexer. `file` names it in error messages.
    Lexer(std::string_view source, std::string file);

    Token next();

    // Re-reads from just after `open_paren` (a '(' this lexer returned) to the
    // matching ')' and returns the text between as a Unit token; the next
    // call to next() continues after the ')'.
    Token unit_after(const Token& open_paren);

    const std::string& file() const { return file_; }

private:
    char peek(std::size_t ahead = 0) const;
    void advance();
    bool at_word(std::string_view word) const;
    void skip_space_and_comments();
    std::string read_until_word(std::string_view end_word, SourcePosition start, std::string_view start_word);
    Token lex_number(Token token);
    Token lex_word(Token token);
    Token lex_string(Token token);
    Token lex_operator(Token token);
    [[noreturn]] void fail(SourcePosition position, const std::string& message) const;

    std::string_view source_;
    std::string file_;
    std::size_t offset_ = 0;
    int line_ = 1;
    int column_ = 1;
};

} // namespace cajal::nmodl
