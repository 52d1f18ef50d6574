#pragma once
// Expressions of the NMODL syntax tree.

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

struct expression;
using expression_ptr = std::unique_ptr<expression>;

struct number_literal {
    double value = 0.0;
    std::string text; // as written
    std::string unit; // "um" for `1(um)`; empty when none
};

struct string_literal {
    std::string value;
};

// `x` or `x[index]`.
struct variable_ref {
    std::string name;
    expression_ptr index; // null when not indexed
};

enum class unary_op { negate, logical_not };

struct unary_expression {
    unary_op op = unary_op::negate;
    expression_ptr operand;
};

enum class binary_op {
    logical_or,
    logical_and,
    less,
    less_equal,
    greater,
    greater_equal,
    equal,
    not_equal,
    add,
    subtract,
    multiply,
    divide,
    modulo,
    power,
};

struct binary_expression {
    binary_op op = binary_op::add;
    expression_ptr lhs;
    expression_ptr rhs;
};

struct call_expression {
    std::string function;
    std::vector<expression_ptr> arguments;
};

struct expression {
    source_position position;
    std::variant<number_literal, string_literal, variable_ref, unary_expression, binary_expression, call_expression>
        node;
};

} // namespace cajal::nmodl
