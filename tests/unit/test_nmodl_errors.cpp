// The NMODL parser on bad input: exact "file:line:column: message" errors,
// a nesting cap instead of a stack overflow, and no crash on any truncation.

#include <string>

#include <catch2/catch.hpp>

#include "cajal/nmodl/parser.hpp"

namespace nmodl = cajal::nmodl;

namespace {

std::string error_message(const std::string& source) {
    try {
        nmodl::parse_module(source, "t.mod");
    } catch (const nmodl::parse_error& error) {
        return error.what();
    }
    return "no error";
}

std::string repeated(const std::string& text, int count) {
    std::string result;
    for (int i = 0; i < count; ++i) result += text;
    return result;
}

} // namespace

TEST_CASE("nmodl errors: what was expected and what was found, where", "[nmodl]") {
    CHECK(error_message("NEURON {\n  SUFFIX 3\n}") == "t.mod:2:10: expected a mechanism name, found '3'");
    CHECK(error_message("FUNCTION f(x) {\n  f = (x + 1\n}") == "t.mod:3:1: expected ')', found '}'");
    CHECK(error_message("FOO { }") == "t.mod:1:1: expected a block (NEURON, PARAMETER, ...), found 'FOO'");
    CHECK(error_message("BREAKPOINT {\n  x = 1\n") == "t.mod:3:1: expected '}', found end of input");
    CHECK(error_message("BREAKPOINT { x + 1 }") == "t.mod:1:16: expected '=', found '+'");
    CHECK(error_message("BREAKPOINT { x = * 2 }") == "t.mod:1:18: expected an expression, found '*'");
    CHECK(error_message("BREAKPOINT { ~ a <-> b (1, 2) }") ==
          "t.mod:1:14: '~' outside a KINETIC, LINEAR or NONLINEAR block");
    CHECK(error_message("KINETIC k { ~ a = b (1, 2) }") == "t.mod:1:17: expected '<->', '->' or '<<', found '='");
    CHECK(error_message("KINETIC k { ~ a -> b (1, 2) }") == "t.mod:1:24: expected ')', found ','");
    CHECK(error_message("BREAKPOINT { WATCH (v > 1) 2 }") == "t.mod:1:14: WATCH outside NET_RECEIVE or INITIAL");
    CHECK(error_message("NET_RECEIVE(w) { WATCH (v == 1) 2 }") ==
          "t.mod:1:27: a WATCH condition compares with '<' or '>'");
    CHECK(error_message("INITIAL { WATCH (v > 1) 2, (-v) 3 }") ==
          "t.mod:1:29: a WATCH condition compares with '<' or '>'");
    CHECK(error_message("INITIAL { WATCH (v > 1) }") == "t.mod:1:25: expected a WATCH flag, found '}'");
    CHECK(error_message("INITIAL { PROTECT x' = 1 }") == "t.mod:1:20: expected '=', found '''");
    CHECK(error_message("INCLUDE foo.inc") == "t.mod:1:9: expected a file name in quotes, found 'foo'");
    CHECK(error_message("KINETIC k { ~ a + b << (1) }") == "t.mod:1:13: a flux '<<' takes one species");
    CHECK(error_message("PARAMETER {\n  g = 1 (S/cm2 \n}") == "t.mod:2:9: unit without ')'");
    CHECK(error_message("PARAMETER { g = 1 <0, 1 }") == "t.mod:1:25: expected '>', found '}'");
    CHECK(error_message("PARAMETER { g = 1e999 }") == "t.mod:1:17: number out of range: 1e999");
    CHECK(error_message("NEURON { USEION ca READ }") == "t.mod:1:25: expected an ion variable, found '}'");
    CHECK(error_message("INITIAL { SOLVE }") == "t.mod:1:17: expected the name of a block to solve, found '}'");
    CHECK(error_message("UNITS { (mV) = millivolt }") == "t.mod:1:16: expected a unit in parentheses, found 'millivolt'");
    CHECK(error_message("INITIAL { INITIAL { } }") == "t.mod:1:19: expected '=', found '{'");
}

TEST_CASE("nmodl errors: the error carries its position", "[nmodl]") {
    try {
        nmodl::parse_module("STATE {\n  m h\n  3\n}", "t.mod");
        FAIL("no error");
    } catch (const nmodl::parse_error& error) {
        CHECK(error.position() == nmodl::source_position{3, 3});
    }
}

TEST_CASE("nmodl errors: a file that cannot be read", "[nmodl]") {
    CHECK_THROWS_WITH(nmodl::parse_module_file("/nonexistent/x.mod"), "/nonexistent/x.mod: cannot read the .mod file: no such file");
}

TEST_CASE("nmodl errors: deep nesting is an error, not a stack overflow", "[nmodl]") {
    const std::string message = "nesting deeper than " + std::to_string(nmodl::max_nesting_depth);
    const auto fails_on_depth = [&](const std::string& source) {
        return error_message(source).find(message) != std::string::npos;
    };
    CHECK(fails_on_depth("BREAKPOINT { x = " + repeated("(", 100000) + "1" + repeated(")", 100000) + " }"));
    CHECK(fails_on_depth("BREAKPOINT { x = " + repeated("-", 100000) + "1 }"));
    CHECK(fails_on_depth("BREAKPOINT { x = " + repeated("2^", 100000) + "1 }"));
    CHECK(fails_on_depth("BREAKPOINT { " + repeated("if (a) { ", 100000) + repeated("}", 100000) + " }"));
    CHECK(fails_on_depth("BREAKPOINT { if (a) {} " + repeated("else if (a) {} ", 100000) + "}"));
    CHECK(error_message("BREAKPOINT { x = " + repeated("(", 150) + "1" + repeated(")", 150) + " }") == "no error");
}

// A chain of binary operators builds a tree as deep as the chain is long;
// freeing a million-deep tree used to overflow the stack.
TEST_CASE("nmodl errors: a long chain of binary operators counts as nesting", "[nmodl]") {
    const std::string message = "nesting deeper than " + std::to_string(nmodl::max_nesting_depth);
    CHECK(error_message("BREAKPOINT { x = a" + repeated(" + a", 1000000) + " }").find(message) != std::string::npos);
    CHECK(error_message("BREAKPOINT { x = a" + repeated(" * a", 1000000) + " }").find(message) != std::string::npos);
    CHECK(error_message("BREAKPOINT { x = a" + repeated(" + a * a", 150) + " }") == "no error");
}

TEST_CASE("nmodl errors: every truncation of a module parses or fails cleanly", "[nmodl]") {
    const std::string source = "TITLE t\n"
                               "NEURON { SUFFIX k USEION k READ ek WRITE ik RANGE g }\n"
                               "UNITS { (mV) = (millivolt) }\n"
                               "PARAMETER { g = 0.1 (S/cm2) <0, 1e9> }\n"
                               "STATE { n c[2] }\n"
                               "BREAKPOINT { SOLVE s METHOD cnexp ik = g*n^4*(v - ek) }\n"
                               "DERIVATIVE s { n' = (1 - n)/tau(v) }\n"
                               "KINETIC k { ~ c[0] <-> c[1] (a, b) CONSERVE c[0] + c[1] = 1 }\n"
                               "FUNCTION tau(v (mV)) (ms) { if (v > 0) { tau = 1 } else { tau = exp(-v/10) } }\n";
    int failures = 0;
    for (std::size_t length = 0; length <= source.size(); ++length) {
        try {
            nmodl::parse_module(source.substr(0, length), "t.mod");
        } catch (const nmodl::parse_error&) {
            ++failures;
        }
    }
    CHECK(error_message(source) == "no error");
    CHECK(failures > 0);
}
