// Expressions. From loosest to tightest: ||, &&, comparisons, + -, * / %,
// unary - and !, then ^ (right-associative, so -a^b is -(a^b) and a^-b works).

#include <array>
#include <utility>

#include "parser_impl.hpp"

namespace cajal::nmodl {
namespace {

struct binary_spelling {
    token_kind token;
    binary_op op;
};

// The binary operators of each level, loosest level first.
const std::array<std::vector<binary_spelling>, 5> binary_levels = {{
    {{token_kind::logical_or, binary_op::logical_or}},
    {{token_kind::logical_and, binary_op::logical_and}},
    {{token_kind::less, binary_op::less},
     {token_kind::less_equal, binary_op::less_equal},
     {token_kind::greater, binary_op::greater},
     {token_kind::greater_equal, binary_op::greater_equal},
     {token_kind::equal, binary_op::equal},
     {token_kind::not_equal, binary_op::not_equal}},
    {{token_kind::plus, binary_op::add}, {token_kind::minus, binary_op::subtract}},
    {{token_kind::star, binary_op::multiply},
     {token_kind::slash, binary_op::divide},
     {token_kind::percent, binary_op::modulo}},
}};

expression_ptr boxed(expression value) { return std::make_unique<expression>(std::move(value)); }

} // namespace

expression parser::parse_expression() { return parse_binary(0); }

expression parser::parse_binary(int level) {
    if (level == static_cast<int>(binary_levels.size())) return parse_unary();
    expression lhs = parse_binary(level + 1);
    // Each operator of a chain nests the tree one level deeper: `a + b + c`
    // is `(a + b) + c`.
    depth_guard chain(*this, 0);
    for (;;) {
        const auto& spellings = binary_levels[static_cast<std::size_t>(level)];
        const auto* match = static_cast<const binary_spelling*>(nullptr);
        for (const auto& spelling : spellings) {
            if (at(spelling.token)) match = &spelling;
        }
        if (match == nullptr) return lhs;
        chain.enter();
        const source_position position = advance().position;
        expression rhs = parse_binary(level + 1);
        lhs = expression{position, binary_expression{match->op, boxed(std::move(lhs)), boxed(std::move(rhs))}};
    }
}

expression parser::parse_unary() {
    const depth_guard guard(*this);
    if (at(token_kind::minus) || at(token_kind::logical_not)) {
        const token op = advance();
        const unary_op unary = op.kind == token_kind::minus ? unary_op::negate : unary_op::logical_not;
        return expression{op.position, unary_expression{unary, boxed(parse_unary())}};
    }
    expression base = parse_primary();
    if (!at(token_kind::caret)) return base;
    const source_position position = advance().position;
    expression exponent = parse_unary();
    return expression{position,
                      binary_expression{binary_op::power, boxed(std::move(base)), boxed(std::move(exponent))}};
}

expression parser::parse_primary() {
    const source_position position = current_.position;
    if (at(token_kind::integer) || at(token_kind::real)) {
        const token number = advance();
        const double value = number_value(number);
        return expression{position, number_literal{value, number.text, parse_optional_unit()}};
    }
    if (at(token_kind::string)) return expression{position, string_literal{advance().text}};
    if (accept(token_kind::left_paren)) {
        expression inner = parse_expression();
        expect(token_kind::right_paren);
        return inner;
    }
    if (at(token_kind::identifier)) {
        identifier name = expect_name("a name");
        if (at(token_kind::left_paren)) return parse_call(std::move(name));
        return expression{position, parse_variable_ref(std::move(name))};
    }
    fail_expected("an expression");
}

// `f(a, b)`, with the name already read.
expression parser::parse_call(identifier function) {
    expect(token_kind::left_paren);
    call_expression call{std::move(function.text), {}};
    if (!at(token_kind::right_paren)) {
        call.arguments.push_back(boxed(parse_expression()));
        while (accept(token_kind::comma)) call.arguments.push_back(boxed(parse_expression()));
    }
    expect(token_kind::right_paren);
    return expression{function.position, std::move(call)};
}

// `x` or `x[index]`, with the name already read.
variable_ref parser::parse_variable_ref(identifier name) {
    variable_ref ref{std::move(name.text), nullptr};
    if (accept(token_kind::left_bracket)) {
        ref.index = boxed(parse_expression());
        expect(token_kind::right_bracket);
    }
    return ref;
}

} // namespace cajal::nmodl
