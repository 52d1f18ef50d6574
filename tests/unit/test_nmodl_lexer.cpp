// The NMODL lexer: token kinds, texts, positions, comments and raw blocks.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cajal/nmodl/lexer.hpp"
#include "cajal/nmodl/parse_error.hpp"

namespace nmodl = cajal::nmodl;
using nmodl::TokenKind;

namespace {

std::vector<nmodl::Token> lex_all(const std::string& source) {
    nmodl::Lexer lexer(source, "t.mod");
    std::vector<nmodl::Token> tokens;
    for (auto token = lexer.next(); token.kind != TokenKind::End; token = lexer.next()) tokens.push_back(token);
    return tokens;
}

std::vector<TokenKind> kinds(const std::vector<nmodl::Token>& tokens) {
    std::vector<TokenKind> result;
    for (const auto& token : tokens) result.push_back(token.kind);
    return result;
}

std::string lex_error(const std::string& source) {
    try {
        lex_all(source);
    } catch (const nmodl::ParseError& error) {
        return error.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("nmodl lexer: numbers", "[nmodl]") {
    const auto tokens = lex_all("42 0.5 .6 3. 1e-7 5E+3 2e 7");
    REQUIRE(tokens.size() == 9);
    CHECK(kinds(tokens) == std::vector{TokenKind::Integer, TokenKind::Real, TokenKind::Real, TokenKind::Real,
                                       TokenKind::Real, TokenKind::Real, TokenKind::Integer, TokenKind::Identifier,
                                       TokenKind::Integer});
    CHECK(tokens[2].text == ".6");
    CHECK(tokens[4].text == "1e-7");
    CHECK(tokens[5].text == "5E+3");
    CHECK(tokens[7].text == "e");
}

TEST_CASE("nmodl lexer: operators, longest first", "[nmodl]") {
    const auto tokens = lex_all("~ A <-> B << x' == != <= >= && || ! ^ % v<-50");
    CHECK(kinds(tokens) == std::vector{TokenKind::Tilde, TokenKind::Identifier, TokenKind::Reversible,
                                       TokenKind::Identifier, TokenKind::Flux, TokenKind::Identifier, TokenKind::Prime,
                                       TokenKind::Equal, TokenKind::NotEqual, TokenKind::LessEqual,
                                       TokenKind::GreaterEqual, TokenKind::And, TokenKind::Or, TokenKind::Not,
                                       TokenKind::Caret, TokenKind::Percent, TokenKind::Identifier, TokenKind::Less,
                                       TokenKind::Minus, TokenKind::Integer});
}

TEST_CASE("nmodl lexer: positions are 1-based lines and columns", "[nmodl]") {
    const auto tokens = lex_all("NEURON {\n\tSUFFIX hh\n}");
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[0].position == nmodl::SourcePosition{1, 1});
    CHECK(tokens[1].position == nmodl::SourcePosition{1, 8});
    CHECK(tokens[2].position == nmodl::SourcePosition{2, 2});
    CHECK(tokens[3].position == nmodl::SourcePosition{2, 9});
    CHECK(tokens[4].position == nmodl::SourcePosition{3, 1});
}

TEST_CASE("nmodl lexer: comments are skipped, TITLE and VERBATIM kept whole", "[nmodl]") {
    const auto tokens = lex_all("TITLE  Sodium channel : fast \n"
                                "a : to end of line\n"
                                "? also a comment\n"
                                "COMMENT\n b c\nENDCOMMENT d\n"
                                "VERBATIM\n return 0; \nENDVERBATIM e \"str\"");
    REQUIRE(tokens.size() == 6);
    CHECK(tokens[0].kind == TokenKind::Title);
    CHECK(tokens[0].text == "Sodium channel : fast");
    CHECK(tokens[1].text == "a");
    CHECK(tokens[2].text == "d");
    CHECK(tokens[2].position == nmodl::SourcePosition{6, 12});
    CHECK(tokens[3].kind == TokenKind::Verbatim);
    CHECK(tokens[3].text == "\n return 0; \n");
    CHECK(tokens[3].position == nmodl::SourcePosition{7, 1});
    CHECK(tokens[4].text == "e");
    CHECK(tokens[4].position == nmodl::SourcePosition{9, 13});
    CHECK(tokens[5].kind == TokenKind::String);
    CHECK(tokens[5].text == "str");
}

TEST_CASE("nmodl lexer: a unit is read on request after '('", "[nmodl]") {
    const std::string source = "x (mA/cm2) y";
    nmodl::Lexer lexer(source, "t.mod");
    CHECK(lexer.next().text == "x");
    const auto paren = lexer.next();
    REQUIRE(paren.kind == TokenKind::LeftParen);
    const auto unit = lexer.unit_after(paren);
    CHECK(unit.kind == TokenKind::Unit);
    CHECK(unit.text == "mA/cm2");
    CHECK(unit.position == nmodl::SourcePosition{1, 3});
    const auto after = lexer.next();
    CHECK(after.text == "y");
    CHECK(after.position == nmodl::SourcePosition{1, 12});
}

TEST_CASE("nmodl lexer: errors name file, line and column", "[nmodl]") {
    CHECK(lex_error("a\n  COMMENT never closed") == "t.mod:2:3: COMMENT without ENDCOMMENT");
    CHECK(lex_error("VERBATIM x") == "t.mod:1:1: VERBATIM without ENDVERBATIM");
    CHECK(lex_error("a = 1\n b $ c") == "t.mod:2:4: unexpected character '$'");
    CHECK(lex_error("printf(\"abc\n\")") == "t.mod:1:8: unterminated string");
    CHECK(lex_error(std::string("a \x01")) == "t.mod:1:3: unexpected character byte 1");
}
