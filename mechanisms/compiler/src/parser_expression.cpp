// Expressions. From loosest to tightest: ||, &&, comparisons, + -, * / %,
// unary - and !, then ^ (right-associative, so -a^b is -(a^b) and a^-b works).

#include <array>
#include <utility>

#include "parser_impl.hpp"

namespace cajal::nmodl {
namespace {

struct BinarySpelling {
    TokenKind token;
    BinaryOp op;
};

// The binary operators of each level, loosest level first.
const std::array<std::vector<BinarySpelling>, 5> binary_levels = {{
    {{TokenKind::Or, BinaryOp::Or}},
    {{TokenKind::And, BinaryOp::And}},
    {{TokenKind::Less, BinaryOp::Less},
     {TokenKind::LessEqual, BinaryOp::LessEqual},
     {TokenKind::Greater, BinaryOp::Greater},
     {TokenKind::GreaterEqual, BinaryOp::GreaterEqual},
     {TokenKind::Equal, BinaryOp::Equal},
     {TokenKind::NotEqual, BinaryOp::NotEqual}},
    {{TokenKind::Plus, BinaryOp::Add}, {TokenKind::Minus, BinaryOp::Subtract}},
    {{TokenKind::Star, BinaryOp::Multiply}, {TokenKind::Slash, BinaryOp::Divide}, {TokenKind::Percent, BinaryOp::Modulo}},
}};

ExpressionPtr boxed(Expression expression) { return std::make_unique<Expression>(std::move(expression)); }

} // namespace

Expression Parser::parse_expression() { return parse_binary(0); }

Expression Parser::parse_binary(int level) {
    if (level == static_cast<int>(binary_levels.size())) return parse_unary();
    Expression lhs = parse_binary(level + 1);
    for (;;) {
        const auto& spellings = binary_levels[static_cast<std::size_t>(level)];
        const auto* match = static_cast<const BinarySpelling*>(nullptr);
        for (const auto& spelling : spellings) {
            if (at(spelling.token)) match = &spelling;
        }
        if (match == nullptr) return lhs;
        const SourcePosition position = advance().position;
        Expression rhs = parse_binary(level + 1);
        lhs = Expression{position, BinaryExpression{match->op, boxed(std::move(lhs)), boxed(std::move(rhs))}};
    }
}

Expression Parser::parse_unary() {
    const DepthGuard guard(*this);
    if (at(TokenKind::Minus) || at(TokenKind::Not)) {
        const Token op = advance();
        const UnaryOp unary = op.kind == TokenKind::Minus ? UnaryOp::Negate : UnaryOp::Not;
        return Expression{op.position, UnaryExpression{unary, boxed(parse_unary())}};
    }
    Expression base = parse_primary();
    if (!at(TokenKind::Caret)) return base;
    const SourcePosition position = advance().position;
    Expression exponent = parse_unary();
    return Expression{position, BinaryExpression{BinaryOp::Power, boxed(std::move(base)), boxed(std::move(exponent))}};
}

Expression Parser::parse_primary() {
    const SourcePosition position = current_.position;
    if (at(TokenKind::Integer) || at(TokenKind::Real)) {
        const Token number = advance();
        const double value = number_value(number);
        return Expression{position, NumberLiteral{value, number.text, parse_optional_unit()}};
    }
    if (at(TokenKind::String)) return Expression{position, StringLiteral{advance().text}};
    if (accept(TokenKind::LeftParen)) {
        Expression inner = parse_expression();
        expect(TokenKind::RightParen);
        return inner;
    }
    if (at(TokenKind::Identifier)) {
        Name name = expect_name("a name");
        if (at(TokenKind::LeftParen)) return parse_call(std::move(name));
        return Expression{position, parse_variable_ref(std::move(name))};
    }
    fail_expected("an expression");
}

// `f(a, b)`, with the name already read.
Expression Parser::parse_call(Name function) {
    expect(TokenKind::LeftParen);
    CallExpression call{std::move(function.text), {}};
    if (!at(TokenKind::RightParen)) {
        call.arguments.push_back(boxed(parse_expression()));
        while (accept(TokenKind::Comma)) call.arguments.push_back(boxed(parse_expression()));
    }
    expect(TokenKind::RightParen);
    return Expression{function.position, std::move(call)};
}

// `x` or `x[index]`, with the name already read.
VariableRef Parser::parse_variable_ref(Name name) {
    VariableRef ref{std::move(name.text), nullptr};
    if (accept(TokenKind::LeftBracket)) {
        ref.index = boxed(parse_expression());
        expect(TokenKind::RightBracket);
    }
    return ref;
}

} // namespace cajal::nmodl
