#pragma once
// Expressions as the solvers need them: copies, simple constructors, and the
// split of an expression into a + b·x when it is linear in x (cnexp's test).

#include <functional>
#include <optional>
#include <string>

#include "cajal/nmodl/ast_expression.hpp"

namespace cajal::nmodl {

expression_ptr clone(const expression& e);
expression_ptr number(double value);
// Each treats a null operand as 0 and folds 0 and 1 away.
expression_ptr add(expression_ptr a, expression_ptr b);
expression_ptr subtract(expression_ptr a, expression_ptr b);
expression_ptr multiply(expression_ptr a, expression_ptr b);
expression_ptr divide(expression_ptr a, expression_ptr b);   // b must not be null
expression_ptr negate(expression_ptr a);

// The expression a local variable was last given in the block, or null.
using local_definition = std::function<const expression*(const std::string&)>;

// Whether e reads x, directly or through a local's definition.
bool depends_on(const expression& e, const std::string& x, const local_definition& definition_of);

// e = constant + coefficient·x with neither part reading x; null parts are 0.
struct linear_form {
    expression_ptr constant;
    expression_ptr coefficient;
};

// nullopt when e is not linear in x (x in a call's argument, a power, a
// product of two x-dependent factors, a divisor, a condition, ...).
std::optional<linear_form> linear_in(const expression& e, const std::string& x, const local_definition& definition_of);

} // namespace cajal::nmodl
