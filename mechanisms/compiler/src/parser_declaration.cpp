// The declaring blocks: NEURON, UNITS, PARAMETER, CONSTANT, ASSIGNED, STATE,
// INDEPENDENT, and DEFINE.

#include <utility>

#include "parser_impl.hpp"

namespace cajal::nmodl {

NeuronBlock Parser::parse_neuron_block() {
    expect(TokenKind::LeftBrace);
    NeuronBlock block;
    while (!accept(TokenKind::RightBrace)) block.statements.push_back(parse_neuron_statement());
    return block;
}

NeuronStatement Parser::parse_neuron_statement() {
    const SourcePosition position = current_.position;
    const auto mechanism = [&](MechanismKind kind) {
        advance();
        return NeuronStatement{position, MechanismName{kind, expect_name("a mechanism name")}};
    };
    const auto names = [&](NameListKind kind) {
        advance();
        return NeuronStatement{position, NameList{kind, parse_name_list("a name")}};
    };
    if (at_keyword("SUFFIX")) return mechanism(MechanismKind::Density);
    if (at_keyword("POINT_PROCESS")) return mechanism(MechanismKind::PointProcess);
    if (at_keyword("ARTIFICIAL_CELL")) return mechanism(MechanismKind::ArtificialCell);
    if (at_keyword("RANGE")) return names(NameListKind::Range);
    if (at_keyword("GLOBAL")) return names(NameListKind::Global);
    if (at_keyword("POINTER")) return names(NameListKind::Pointer);
    if (at_keyword("BBCOREPOINTER")) return names(NameListKind::BbcorePointer);
    if (at_keyword("NONSPECIFIC_CURRENT")) return names(NameListKind::NonspecificCurrent);
    if (at_keyword("ELECTRODE_CURRENT")) return names(NameListKind::ElectrodeCurrent);
    if (accept_keyword("THREADSAFE")) return NeuronStatement{position, ThreadSafe{}};
    if (accept_keyword("USEION")) {
        UseIon ion{expect_name("an ion name"), {}, {}, std::nullopt};
        if (accept_keyword("READ")) ion.read = parse_name_list("an ion variable");
        if (accept_keyword("WRITE")) ion.write = parse_name_list("an ion variable");
        if (accept_keyword("VALENCE")) ion.valence = parse_signed_number("a valence");
        return NeuronStatement{position, std::move(ion)};
    }
    fail_expected("a NEURON statement (SUFFIX, USEION, RANGE, ...) or '}'");
}

// `(mV) = (millivolt)`, `FARADAY = (faraday) (coulomb)`, `R = 8.314 (J/K)`.
UnitsBlock Parser::parse_units_block() {
    expect(TokenKind::LeftBrace);
    UnitsBlock block;
    while (!accept(TokenKind::RightBrace)) {
        const SourcePosition position = current_.position;
        if (at(TokenKind::LeftParen)) {
            std::string alias = parse_optional_unit();
            expect(TokenKind::Assign);
            if (!at(TokenKind::LeftParen)) fail_expected("a unit in parentheses");
            block.statements.push_back(UnitsStatement{position, UnitAlias{std::move(alias), parse_optional_unit()}});
            continue;
        }
        UnitConstant constant{expect_name("a unit '(...)', a constant's name or '}'"), std::nullopt, "", ""};
        expect(TokenKind::Assign);
        if (at(TokenKind::LeftParen)) {
            constant.physical_constant = parse_optional_unit();
        } else {
            constant.value = parse_signed_number("a number or a unit in parentheses");
        }
        if (!at(TokenKind::LeftParen)) fail_expected("a unit in parentheses");
        constant.unit = parse_optional_unit();
        block.statements.push_back(UnitsStatement{position, std::move(constant)});
    }
    return block;
}

DeclarationBlock Parser::parse_declaration_block(DeclarationKind kind) {
    expect(TokenKind::LeftBrace);
    DeclarationBlock block{kind, {}};
    while (!accept(TokenKind::RightBrace)) block.variables.push_back(parse_variable_declaration());
    return block;
}

// `name[size] = value START start (unit) <lo, hi> FROM lo TO hi`, with
// `<tolerance>` in place of `<lo, hi>`; every part after the name is optional.
VariableDeclaration Parser::parse_variable_declaration() {
    VariableDeclaration variable{expect_name("a variable name or '}'"), std::nullopt, std::nullopt, std::nullopt, "",
                                 std::nullopt, std::nullopt, std::nullopt};
    variable.array_size = parse_optional_array_size();
    if (accept(TokenKind::Assign)) variable.value = parse_signed_number("a number");
    if (accept_keyword("START")) variable.start = parse_signed_number("a number");
    variable.unit = parse_optional_unit();
    if (accept(TokenKind::Less)) {
        const double first = parse_signed_number("a number");
        if (accept(TokenKind::Comma)) {
            variable.limits = std::pair{first, parse_signed_number("a number")};
        } else {
            variable.tolerance = first;
        }
        expect(TokenKind::Greater);
    }
    if (accept_keyword("FROM")) {
        const double from = parse_signed_number("a number");
        expect_keyword("TO");
        variable.range = std::pair{from, parse_signed_number("a number")};
    }
    return variable;
}

// `INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }`.
IndependentBlock Parser::parse_independent_block() {
    expect(TokenKind::LeftBrace);
    IndependentBlock block;
    while (!accept(TokenKind::RightBrace)) {
        IndependentVariable variable{expect_name("an independent variable or '}'"), 0.0, 0.0, 0, ""};
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
Define Parser::parse_define() {
    Name name = expect_name("a name to define");
    return Define{std::move(name), parse_integer("an integer")};
}

} // namespace cajal::nmodl
