// Statement blocks and the statements common to every block of code.

#include <utility>

#include "parser_impl.hpp"

namespace cajal::nmodl {

statement_block parser::parse_block(bool allow_nested_initial) {
    statement_block block{expect(token_kind::left_brace).position, {}};
    while (!at(token_kind::right_brace)) {
        if (at(token_kind::end)) fail_expected("'}'");
        block.statements.push_back(parse_statement(allow_nested_initial));
    }
    advance();
    return block;
}

statement parser::parse_statement(bool allow_nested_initial) {
    const depth_guard guard(*this);
    const source_position position = current_.position;
    if (at(token_kind::tilde)) return parse_tilde();
    if (at(token_kind::verbatim)) return statement{position, verbatim{advance().text}};
    if (at(token_kind::left_brace)) fail_expected("a statement");
    if (at_keyword("if")) return parse_if();
    if (at_keyword("while")) return parse_while();
    if (at_keyword("FROM")) return parse_from();
    if (accept_keyword("LOCAL")) return statement{position, parse_local()};
    if (at_keyword("SOLVE")) return parse_solve();
    if (at_keyword("TABLE")) return parse_table();
    if (at_keyword("WATCH")) return parse_watch();
    if (at_keyword("PROTECT")) return parse_protect();
    if (at_keyword("CONSERVE")) return parse_conserve();
    if (at_keyword("COMPARTMENT")) return parse_compartment(false);
    if (at_keyword("LONGITUDINAL_DIFFUSION")) return parse_compartment(true);
    if (accept_keyword("UNITSON")) return statement{position, units_toggle{true}};
    if (accept_keyword("UNITSOFF")) return statement{position, units_toggle{false}};
    if (accept_keyword("MUTEXLOCK")) return statement{position, mutex_toggle{true}};
    if (accept_keyword("MUTEXUNLOCK")) return statement{position, mutex_toggle{false}};
    if (allow_nested_initial && accept_keyword("INITIAL")) return statement{position, nested_initial{parse_block()}};
    return parse_name_statement();
}

// `x = e`, `x[i] = e`, `x' = e`, `f(a)`.
statement parser::parse_name_statement() {
    const source_position position = current_.position;
    identifier name = expect_name("a statement");
    if (at(token_kind::left_paren)) return statement{position, call_statement{parse_call(std::move(name))}};
    variable_ref target = parse_variable_ref(std::move(name));
    if (accept(token_kind::prime)) {
        expect(token_kind::assign);
        return statement{position, derivative_assignment{std::move(target), parse_expression()}};
    }
    expect(token_kind::assign);
    return statement{position, assignment{std::move(target), parse_expression()}};
}

statement parser::parse_if() {
    const depth_guard guard(*this);
    const source_position position = current_.position;
    expect_keyword("if");
    expect(token_kind::left_paren);
    expression condition = parse_expression();
    expect(token_kind::right_paren);
    if_statement branch{std::move(condition), parse_block(), std::nullopt};
    if (accept_keyword("else")) {
        if (at_keyword("if")) {
            statement_block else_if{current_.position, {}};
            else_if.statements.push_back(parse_if());
            branch.else_branch = std::move(else_if);
        } else {
            branch.else_branch = parse_block();
        }
    }
    return statement{position, std::move(branch)};
}

statement parser::parse_while() {
    const source_position position = current_.position;
    expect_keyword("while");
    expect(token_kind::left_paren);
    expression condition = parse_expression();
    expect(token_kind::right_paren);
    return statement{position, while_statement{std::move(condition), parse_block()}};
}

// `FROM i = a TO b BY c { ... }`.
statement parser::parse_from() {
    const source_position position = current_.position;
    expect_keyword("FROM");
    identifier variable = expect_name("a loop variable");
    expect(token_kind::assign);
    expression from = parse_expression();
    expect_keyword("TO");
    expression to = parse_expression();
    std::optional<expression> by;
    if (accept_keyword("BY")) by = parse_expression();
    return statement{position, from_statement{std::move(variable), std::move(from), std::move(to), std::move(by),
                                             parse_block()}};
}

// `SOLVE name`, `SOLVE name METHOD m`, `SOLVE name STEADYSTATE m`.
statement parser::parse_solve() {
    const source_position position = current_.position;
    expect_keyword("SOLVE");
    solve_statement solve{expect_name("the name of a block to solve"), solve_kind::plain, std::nullopt};
    if (accept_keyword("METHOD")) {
        solve.kind = solve_kind::method;
        solve.method = expect_name("a method");
    } else if (accept_keyword("STEADYSTATE")) {
        solve.kind = solve_kind::steady_state;
        solve.method = expect_name("a method");
    }
    return statement{position, std::move(solve)};
}

// `TABLE [names] [DEPEND names] FROM lo TO hi WITH n`.
statement parser::parse_table() {
    const source_position position = current_.position;
    expect_keyword("TABLE");
    std::vector<identifier> names;
    if (!at_keyword("DEPEND") && !at_keyword("FROM")) names = parse_name_list("a table name");
    std::vector<identifier> depends;
    if (accept_keyword("DEPEND")) depends = parse_name_list("a name the table depends on");
    expect_keyword("FROM");
    expression from = parse_expression();
    expect_keyword("TO");
    expression to = parse_expression();
    expect_keyword("WITH");
    const long long with = parse_integer("the number of table intervals");
    return statement{position,
                     table_statement{std::move(names), std::move(depends), std::move(from), std::move(to), with}};
}

// `WATCH (a > b) flag, (c < d) flag`.
statement parser::parse_watch() {
    const source_position position = current_.position;
    expect_keyword("WATCH");
    if (!watch_allowed_) fail(position, "WATCH outside NET_RECEIVE or INITIAL");
    watch_statement watches;
    do {
        expect(token_kind::left_paren);
        expression condition = parse_expression();
        const auto* comparison = std::get_if<binary_expression>(&condition.node);
        if (comparison == nullptr || (comparison->op != binary_op::less && comparison->op != binary_op::greater)) {
            fail(condition.position, "a WATCH condition compares with '<' or '>'");
        }
        expect(token_kind::right_paren);
        watches.watches.push_back(watch{std::move(condition), parse_signed_number("a WATCH flag")});
    } while (accept(token_kind::comma));
    return statement{position, std::move(watches)};
}

// `PROTECT x = value`.
statement parser::parse_protect() {
    const source_position position = current_.position;
    expect_keyword("PROTECT");
    variable_ref target = parse_variable_ref(expect_name("a variable to assign"));
    expect(token_kind::assign);
    return statement{position, assignment{std::move(target), parse_expression(), true}};
}

// `a, b[4]` after LOCAL.
local_statement parser::parse_local() {
    local_statement local;
    do {
        identifier name = expect_name("a local variable");
        local.variables.push_back(local_variable{std::move(name), parse_optional_array_size()});
    } while (accept(token_kind::comma));
    return local;
}

} // namespace cajal::nmodl
