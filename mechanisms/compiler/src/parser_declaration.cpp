// The declaring blocks: NEURON, UNITS, PARAMETER, CONSTANT, ASSIGNED, STATE,
// INDEPENDENT, and DEFINE.

#include <utility>

#include "parser_impl.hpp"

namespace cajal::nmodl {

neuron_block parser::parse_neuron_block() {
    expect(token_kind::left_brace);
    neuron_block block;
    while (!accept(token_kind::right_brace)) block.statements.push_back(parse_neuron_statement());
    return block;
}

neuron_statement parser::parse_neuron_statement() {
    const source_position position = current_.position;
    const auto mechanism = [&](module_kind kind) {
        advance();
        return neuron_statement{position, mechanism_name{kind, expect_name("a mechanism name")}};
    };
    const auto names = [&](name_list_kind kind) {
        advance();
        return neuron_statement{position, name_list{kind, parse_name_list("a name")}};
    };
    if (at_keyword("SUFFIX")) return mechanism(module_kind::density);
    if (at_keyword("POINT_PROCESS")) return mechanism(module_kind::point_process);
    if (at_keyword("ARTIFICIAL_CELL")) return mechanism(module_kind::artificial_cell);
    if (at_keyword("RANGE")) return names(name_list_kind::range);
    if (at_keyword("GLOBAL")) return names(name_list_kind::global);
    if (at_keyword("POINTER")) return names(name_list_kind::pointer);
    if (at_keyword("BBCOREPOINTER")) return names(name_list_kind::bbcore_pointer);
    if (at_keyword("NONSPECIFIC_CURRENT")) return names(name_list_kind::nonspecific_current);
    if (at_keyword("ELECTRODE_CURRENT")) return names(name_list_kind::electrode_current);
    if (accept_keyword("THREADSAFE")) return neuron_statement{position, thread_safe{}};
    if (accept_keyword("USEION")) {
        use_ion ion{expect_name("an ion name"), {}, {}, std::nullopt};
        if (accept_keyword("READ")) ion.read = parse_name_list("an ion variable");
        if (accept_keyword("WRITE")) ion.write = parse_name_list("an ion variable");
        if (accept_keyword("VALENCE")) ion.valence = parse_signed_number("a valence");
        return neuron_statement{position, std::move(ion)};
    }
    fail_expected("a NEURON statement (SUFFIX, USEION, RANGE, ...) or '}'");
}

// `(mV) = (millivolt)`, `FARADAY = (faraday) (coulomb)`, `R = 8.314 (J/K)`.
units_block parser::parse_units_block() {
    expect(token_kind::left_brace);
    units_block block;
    while (!accept(token_kind::right_brace)) {
        const source_position position = current_.position;
        if (at(token_kind::left_paren)) {
            std::string alias = parse_optional_unit();
            expect(token_kind::assign);
            if (!at(token_kind::left_paren)) fail_expected("a unit in parentheses");
            block.statements.push_back(units_statement{position, unit_alias{std::move(alias), parse_optional_unit()}});
            continue;
        }
        unit_constant constant{expect_name("a unit '(...)', a constant's name or '}'"), std::nullopt, "", ""};
        expect(token_kind::assign);
        if (at(token_kind::left_paren)) {
            constant.physical_constant = parse_optional_unit();
        } else {
            constant.value = parse_signed_number("a number or a unit in parentheses");
        }
        if (!at(token_kind::left_paren)) fail_expected("a unit in parentheses");
        constant.unit = parse_optional_unit();
        block.statements.push_back(units_statement{position, std::move(constant)});
    }
    return block;
}

declaration_block parser::parse_declaration_block(declaration_kind kind) {
    expect(token_kind::left_brace);
    declaration_block block{kind, {}};
    while (!accept(token_kind::right_brace)) block.variables.push_back(parse_variable_declaration());
    return block;
}

// `name[size] = value START start (unit) <lo, hi> FROM lo TO hi`, with
// `<tolerance>` in place of `<lo, hi>`; every part after the name is optional.
variable_declaration parser::parse_variable_declaration() {
    variable_declaration variable{expect_name("a variable name or '}'"), std::nullopt, std::nullopt, std::nullopt, "",
                                 std::nullopt, std::nullopt, std::nullopt};
    variable.array_size = parse_optional_array_size();
    if (accept(token_kind::assign)) variable.value = parse_signed_number("a number");
    if (accept_keyword("START")) variable.start = parse_signed_number("a number");
    variable.unit = parse_optional_unit();
    if (accept(token_kind::less)) {
        const double first = parse_signed_number("a number");
        if (accept(token_kind::comma)) {
            variable.limits = std::pair{first, parse_signed_number("a number")};
        } else {
            variable.tolerance = first;
        }
        expect(token_kind::greater);
    }
    if (accept_keyword("FROM")) {
        const double from = parse_signed_number("a number");
        expect_keyword("TO");
        variable.range = std::pair{from, parse_signed_number("a number")};
    }
    return variable;
}

// `INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }`.
independent_block parser::parse_independent_block() {
    expect(token_kind::left_brace);
    independent_block block;
    while (!accept(token_kind::right_brace)) {
        independent_variable variable{expect_name("an independent variable or '}'"), 0.0, 0.0, 0, ""};
        expect_keyword("FROM");
        variable.from = parse_signed_number("a number");
        expect_keyword("TO");
        variable.to = parse_signed_number("a number");
        expect_keyword("WITH");
        variable.with = parse_integer("an integer");
        variable.unit = parse_optional_unit();
        block.variables.push_back(std::move(variable));
    }
    return block;
}

// `DEFINE NANN 4`.
define parser::parse_define() {
    identifier name = expect_name("a name to define");
    return define{std::move(name), parse_integer("an integer")};
}

} // namespace cajal::nmodl
