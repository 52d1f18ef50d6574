// Formulas of painted values (value_expression.hpp): arithmetic with the
// usual precedence, comparisons and logic as 1 and 0, the functions, and
// faults named by column.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <cajal/core/value_expression.hpp>

using namespace cajal;
using Catch::Matchers::Contains;

namespace {

double at(const std::string& formula, double distance = 0, double relative = 0, double diameter = 0) {
    return value_expression::parse(formula).evaluate({distance, relative, diameter});
}

} // namespace

TEST_CASE("formulas: precedence, associativity and the variables", "[value_expression]") {
    CHECK(at("1 + 2 * 3") == 7);
    CHECK(at("(1 + 2) * 3") == 9);
    CHECK(at("8 / 4 / 2") == 1);
    CHECK(at("10 - 4 - 3") == 3);
    CHECK(at("2 ^ 3 ^ 2") == 512);   // right-associative
    CHECK(at("-2 ^ 2") == -4);        // the power binds tighter than the minus
    CHECK(at("2 ^ -1") == 0.5);
    CHECK(at("--3") == 3);
    CHECK(at("1e-3 * 2.5E2") == 0.25);
    CHECK(at(".5") == 0.5);
    CHECK(at("distance * 2", 21) == 42);
    CHECK(at("relative_distance", 0, 0.25) == 0.25);
    CHECK(at("diameter / 2", 0, 0, 3) == 1.5);
    CHECK(at("distance+relative_distance+diameter", 1, 2, 4) == 7);
    // Hay et al. 2011's Ih density along the apical dendrite.
    CHECK(at("0.0002*(-0.8696 + 2.0870*exp(3.6161*relative_distance))", 0, 0.5) == Approx(0.0002 * (-0.8696 + 2.0870 * std::exp(3.6161 * 0.5))));
}

TEST_CASE("formulas: comparisons, logic and if", "[value_expression]") {
    const std::string hot_zone = "if(distance > 685 and distance < 885, 1, 0.01) * 0.0187";
    CHECK(at(hot_zone, 685) == Approx(0.000187));
    CHECK(at(hot_zone, 700) == Approx(0.0187));
    CHECK(at(hot_zone, 885) == Approx(0.000187));
    CHECK(at("distance >= 10", 10) == 1);
    CHECK(at("distance <= 10", 10.5) == 0);
    CHECK(at("distance == 3 || distance != 3", 3) == 1);
    CHECK(at("not distance > 1 && 1", 0) == 1);
    CHECK(at("1 < 2 or 0") == 1);
    CHECK(at("0 and 1 or 1") == 1);   // and binds tighter than or
    CHECK(at("if(0, 1/0, 7)") == 7);
}

TEST_CASE("formulas: functions", "[value_expression]") {
    CHECK(at("exp(0) + log(1) + sqrt(16) + abs(-2)") == 7);
    CHECK(at("pow(2, 10)") == 1024);
    CHECK(at("sigmoid(0)") == 0.5);
    CHECK(at("sigmoid(distance)", 2) == Approx(1 / (1 + std::exp(-2.0))));
    CHECK(at("min(3, 1, 2) + max(3, 1, 2)") == 4);
    CHECK(at("min(distance, 100)", 250) == 100);
    CHECK(value_expression::parse("exp(2)").uses_relative_distance() == false);
    CHECK(value_expression::parse("exp(relative_distance)").uses_relative_distance());
    CHECK(value_expression(0.5).is_constant());
    CHECK(value_expression(0.5).text() == "0.5");
    CHECK(!value_expression::parse("1 + 1").is_constant());
    CHECK(value_expression::parse(" distance ").text() == " distance ");
}

TEST_CASE("formulas: faults name the column", "[value_expression]") {
    CHECK_THROWS_AS(value_expression::parse(""), expression_error);
    CHECK_THROWS_WITH(value_expression::parse(""), Contains("an empty formula"));
    CHECK_THROWS_WITH(value_expression::parse("1 +"), "column 4: the formula ends where a value is expected");
    CHECK_THROWS_WITH(value_expression::parse("2 * dist"), Contains("column 5: unknown name 'dist'; known: distance, relative_distance, diameter"));
    CHECK_THROWS_WITH(value_expression::parse("expo(1)"), Contains("column 1: unknown function 'expo'"));
    CHECK_THROWS_WITH(value_expression::parse("exp(1, 2)"), "column 1: exp() takes 1 argument, not 2");
    CHECK_THROWS_WITH(value_expression::parse("if(1, 2)"), "column 1: if() takes 3 arguments, not 2");
    CHECK_THROWS_WITH(value_expression::parse("min(1)"), "column 1: min() takes at least 2 arguments, not 1");
    CHECK_THROWS_WITH(value_expression::parse("(1 + 2"), "column 7: expected ')' to close the '('");
    CHECK_THROWS_WITH(value_expression::parse("1 + 2)"), "column 6: unexpected ')' after the formula");
    CHECK_THROWS_WITH(value_expression::parse("1 $ 2"), "column 3: unexpected '$' after the formula");
    CHECK_THROWS_WITH(value_expression::parse("1e999"), "column 1: a number out of range");
    CHECK_THROWS_WITH(value_expression::parse("µ + 1"), Contains("column 1: unexpected"));
    // Nesting deep enough to exhaust the stack is refused, whatever nests.
    CHECK_THROWS_WITH(value_expression::parse(std::string(100000, '(') + "1" + std::string(100000, ')')), Contains("nests deeper than"));
    CHECK_THROWS_WITH(value_expression::parse(std::string(100000, '-') + "1"), Contains("nests deeper than"));
    CHECK_THROWS_WITH(value_expression::parse(std::string(100000, '!') + "1"), Contains("column 1: unexpected '!'"));
}
