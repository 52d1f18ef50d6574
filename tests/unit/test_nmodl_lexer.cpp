// The NMODL lexer: token kinds, texts, positions, comments and raw blocks.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cajal/nmodl/lexer.hpp"
#include "cajal/nmodl/parse_error.hpp"

namespace nmodl = cajal::nmodl;
using nmodl::token_kind;

namespace {

std::vector<nmodl::token> lex_all(const std::string& source) {
    nmodl::lexer lexer(source, "t.mod");
    std::vector<nmodl::token> tokens;
    for (auto token = lexer.next(); token.kind != token_kind::end; token = lexer.next()) tokens.push_back(token);
    return tokens;
}

std::vector<token_kind> kinds(const std::vector<nmodl::token>& tokens) {
    std::vector<token_kind> result;
    for (const auto& token : tokens) result.push_back(token.kind);
    return result;
}

std::string lex_error(const std::string& source) {
    try {
        lex_all(source);
    } catch (const nmodl::parse_error& error) {
        return error.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("nmodl lexer: numbers", "[nmodl]") {
    const auto tokens = lex_all("42 0.5 .6 3. 1e-7 5E+3 2e 7");
    REQUIRE(tokens.size() == 9);
    CHECK(kinds(tokens) == std::vector{token_kind::integer, token_kind::real, token_kind::real, token_kind::real,
                                       token_kind::real, token_kind::real, token_kind::integer, token_kind::identifier,
                                       token_kind::integer});
    CHECK(tokens[2].text == ".6");
    CHECK(tokens[4].text == "1e-7");
    CHECK(tokens[5].text == "5E+3");
    CHECK(tokens[7].text == "e");
}

TEST_CASE("nmodl lexer: operators, longest first", "[nmodl]") {
    const auto tokens = lex_all("~ A <-> B << x' == != <= >= && || ! ^ % v<-50");
    CHECK(kinds(tokens) == std::vector{token_kind::tilde, token_kind::identifier, token_kind::reversible,
                                       token_kind::identifier, token_kind::flux, token_kind::identifier,
                                       token_kind::prime, token_kind::equal, token_kind::not_equal,
                                       token_kind::less_equal, token_kind::greater_equal, token_kind::logical_and,
                                       token_kind::logical_or, token_kind::logical_not, token_kind::caret,
                                       token_kind::percent, token_kind::identifier, token_kind::less,
                                       token_kind::minus, token_kind::integer});
    CHECK(kinds(lex_all("A -> B - > C")) == std::vector{token_kind::identifier, token_kind::arrow,
                                                        token_kind::identifier, token_kind::minus,
                                                        token_kind::greater, token_kind::identifier});
}

TEST_CASE("nmodl lexer: positions are 1-based lines and columns", "[nmodl]") {
    const auto tokens = lex_all("NEURON {\n\tSUFFIX hh\n}");
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[0].position == nmodl::source_position{1, 1});
    CHECK(tokens[1].position == nmodl::source_position{1, 8});
    CHECK(tokens[2].position == nmodl::source_position{2, 2});
    CHECK(tokens[3].position == nmodl::source_position{2, 9});
    CHECK(tokens[4].position == nmodl::source_position{3, 1});
}

TEST_CASE("nmodl lexer: comments are skipped, TITLE and VERBATIM kept whole", "[nmodl]") {
    const auto tokens = lex_all("TITLE  Sodium channel : fast \n"
                                "a : to end of line\n"
                                "? also a comment\n"
                                "COMMENT\n b c\nENDCOMMENT d\n"
                                "VERBATIM\n return 0; \nENDVERBATIM e \"str\"");
    REQUIRE(tokens.size() == 6);
    CHECK(tokens[0].kind == token_kind::title);
    CHECK(tokens[0].text == "Sodium channel : fast");
    CHECK(tokens[1].text == "a");
    CHECK(tokens[2].text == "d");
    CHECK(tokens[2].position == nmodl::source_position{6, 12});
    CHECK(tokens[3].kind == token_kind::verbatim);
    CHECK(tokens[3].text == "\n return 0; \n");
    CHECK(tokens[3].position == nmodl::source_position{7, 1});
    CHECK(tokens[4].text == "e");
    CHECK(tokens[4].position == nmodl::source_position{9, 13});
    CHECK(tokens[5].kind == token_kind::string);
    CHECK(tokens[5].text == "str");
}

TEST_CASE("nmodl lexer: a unit is read on request after '('", "[nmodl]") {
    const std::string source = "x (mA/cm2) y";
    nmodl::lexer lexer(source, "t.mod");
    CHECK(lexer.next().text == "x");
    const auto paren = lexer.next();
    REQUIRE(paren.kind == token_kind::left_paren);
    const auto unit = lexer.unit_after(paren);
    CHECK(unit.kind == token_kind::unit);
    CHECK(unit.text == "mA/cm2");
    CHECK(unit.position == nmodl::source_position{1, 3});
    const auto after = lexer.next();
    CHECK(after.text == "y");
    CHECK(after.position == nmodl::source_position{1, 12});
}

TEST_CASE("nmodl lexer: errors name file, line and column", "[nmodl]") {
    CHECK(lex_error("a\n  COMMENT never closed") == "t.mod:2:3: COMMENT without ENDCOMMENT");
    CHECK(lex_error("VERBATIM x") == "t.mod:1:1: VERBATIM without ENDVERBATIM");
    CHECK(lex_error("a = 1\n b $ c") == "t.mod:2:4: unexpected character '$'");
    CHECK(lex_error("printf(\"abc\n\")") == "t.mod:1:8: unterminated string");
    CHECK(lex_error(std::string("a \x01")) == "t.mod:1:3: unexpected character byte 1");
}
