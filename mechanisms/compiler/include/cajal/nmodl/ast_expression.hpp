#pragma once
// Expressions of the NMODL syntax tree.

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

struct Expression;
using ExpressionPtr = std::unique_ptr<Expression>;

struct NumberLiteral {
    double value = 0.0;
    std::string text; // as written
    std::string unit; // "um" for `1(um)`; empty when none
};

struct StringLiteral {
    std::string value;
};

// `x` or `x[index]`.
struct VariableRef {
    std::string name;
    ExpressionPtr index; // null when not indexed
};

enum class UnaryOp { Negate, Not };

struct UnaryExpression {
    UnaryOp op = UnaryOp::Negate;
    ExpressionPtr operand;
};

enum class BinaryOp { Or, And, Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual, Add, Subtract, Multiply, Divide, Modulo, Power };

struct BinaryExpression {
    BinaryOp op = BinaryOp::Add;
    ExpressionPtr lhs;
    ExpressionPtr rhs;
};

struct CallExpression {
    std::string function;
    std::vector<ExpressionPtr> arguments;
};

struct Expression {
    SourcePosition position;
    std::variant<NumberLiteral, StringLiteral, VariableRef, UnaryExpression, BinaryExpression, CallExpression> node;
};

} // namespace cajal::nmodl
