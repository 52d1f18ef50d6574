// Statement blocks and the statements common to every block of code.

#include <utility>

#include "parser_impl.hpp"

namespace cajal::nmodl {

StatementBlock Parser::parse_block(bool allow_nested_initial) {
    StatementBlock block{expect(TokenKind::LeftBrace).position, {}};
    while (!at(TokenKind::RightBrace)) {
        if (at(TokenKind::End)) fail_expected("'}'");
        block.statements.push_back(parse_statement(allow_nested_initial));
    }
    advance();
    return block;
}

Statement Parser::parse_statement(bool allow_nested_initial) {
    const DepthGuard guard(*this);
    const SourcePosition position = current_.position;
    if (at(TokenKind::Tilde)) return parse_tilde();
    if (at(TokenKind::Verbatim)) return Statement{position, Verbatim{advance().text}};
    if (at(TokenKind::LeftBrace)) fail_expected("a statement");
    if (at_keyword("if")) return parse_if();
    if (at_keyword("while")) return parse_while();
    if (at_keyword("FROM")) return parse_from();
    if (accept_keyword("LOCAL")) return Statement{position, parse_local()};
    if (at_keyword("SOLVE")) return parse_solve();
    if (at_keyword("TABLE")) return parse_table();
    if (at_keyword("CONSERVE")) return parse_conserve();
    if (at_keyword("COMPARTMENT")) return parse_compartment(false);
    if (at_keyword("LONGITUDINAL_DIFFUSION")) return parse_compartment(true);
    if (accept_keyword("UNITSON")) return Statement{position, UnitsToggle{true}};
    if (accept_keyword("UNITSOFF")) return Statement{position, UnitsToggle{false}};
    if (accept_keyword("MUTEXLOCK")) return Statement{position, MutexToggle{true}};
    if (accept_keyword("MUTEXUNLOCK")) return Statement{position, MutexToggle{false}};
    if (allow_nested_initial && accept_keyword("INITIAL")) return Statement{position, NestedInitial{parse_block()}};
    return parse_name_statement();
}

// `x = e`, `x[i] = e`, `x' = e`, `f(a)`.
Statement Parser::parse_name_statement() {
    const SourcePosition position = current_.position;
    Name name = expect_name("a statement");
    if (at(TokenKind::LeftParen)) return Statement{position, CallStatement{parse_call(std::move(name))}};
    VariableRef target = parse_variable_ref(std::move(name));
    if (accept(TokenKind::Prime)) {
        expect(TokenKind::Assign);
        return Statement{position, DerivativeAssignment{std::move(target), parse_expression()}};
    }
    expect(TokenKind::Assign);
    return Statement{position, Assignment{std::move(target), parse_expression()}};
}

Statement Parser::parse_if() {
    const DepthGuard guard(*this);
    const SourcePosition position = current_.position;
    expect_keyword("if");
    expect(TokenKind::LeftParen);
    Expression condition = parse_expression();
    expect(TokenKind::RightParen);
    IfStatement statement{std::move(condition), parse_block(), std::nullopt};
    if (accept_keyword("else")) {
        if (at_keyword("if")) {
            StatementBlock else_if{current_.position, {}};
            else_if.statements.push_back(parse_if());
            statement.else_branch = std::move(else_if);
        } else {
            statement.else_branch = parse_block();
        }
    }
    return Statement{position, std::move(statement)};
}

Statement Parser::parse_while() {
    const SourcePosition position = current_.position;
    expect_keyword("while");
    expect(TokenKind::LeftParen);
    Expression condition = parse_expression();
    expect(TokenKind::RightParen);
    return Statement{position, WhileStatement{std::move(condition), parse_block()}};
}

// `FROM i = a TO b BY c { ... }`.
Statement Parser::parse_from() {
    const SourcePosition position = current_.position;
    expect_keyword("FROM");
    Name variable = expect_name("a loop variable");
    expect(TokenKind::Assign);
    Expression from = parse_expression();
    expect_keyword("TO");
    Expression to = parse_expression();
    std::optional<Expression> by;
    if (accept_keyword("BY")) by = parse_expression();
    return Statement{position, FromStatement{std::move(variable), std::move(from), std::move(to), std::move(by),
                                             parse_block()}};
}

// `SOLVE name`, `SOLVE name METHOD m`, `SOLVE name STEADYSTATE m`.
Statement Parser::parse_solve() {
    const SourcePosition position = current_.position;
    expect_keyword("SOLVE");
    SolveStatement solve{expect_name("the name of a block to solve"), SolveKind::Plain, std::nullopt};
    if (accept_keyword("METHOD")) {
        solve.kind = SolveKind::Method;
        solve.method = expect_name("a method");
    } else if (accept_keyword("STEADYSTATE")) {
        solve.kind = SolveKind::SteadyState;
        solve.method = expect_name("a method");
    }
    return Statement{position, std::move(solve)};
}

// `TABLE [names] [DEPEND names] FROM lo TO hi WITH n`.
Statement Parser::parse_table() {
    const SourcePosition position = current_.position;
    expect_keyword("TABLE");
    std::vector<Name> names;
    if (!at_keyword("DEPEND") && !at_keyword("FROM")) names = parse_name_list("a table name");
    std::vector<Name> depends;
    if (accept_keyword("DEPEND")) depends = parse_name_list("a name the table depends on");
    expect_keyword("FROM");
    Expression from = parse_expression();
    expect_keyword("TO");
    Expression to = parse_expression();
    expect_keyword("WITH");
    const long long with = parse_integer("the number of table intervals");
    return Statement{position, TableStatement{std::move(names), std::move(depends), std::move(from), std::move(to), with}};
}

// `a, b[4]` after LOCAL.
LocalStatement Parser::parse_local() {
    LocalStatement local;
    do {
        Name name = expect_name("a local variable");
        local.variables.push_back(LocalVariable{std::move(name), parse_optional_array_size()});
    } while (accept(TokenKind::Comma));
    return local;
}

} // namespace cajal::nmodl
