// Statements of KINETIC, LINEAR and NONLINEAR blocks: reactions, fluxes,
// equations, CONSERVE, COMPARTMENT and LONGITUDINAL_DIFFUSION.

#include <utility>

#include "parser_impl.hpp"

namespace cajal::nmodl {

// `~ A + B <-> C (kf, kb)`, `~ A -> B (kf)` and `~ A << (flux)` in KINETIC;
// `~ lhs = rhs` in LINEAR and NONLINEAR.
statement parser::parse_tilde() {
    const source_position position = expect(token_kind::tilde).position;
    if (tilde_context_ == tilde_context::none) fail(position, "'~' outside a KINETIC, LINEAR or NONLINEAR block");
    if (tilde_context_ == tilde_context::equation) {
        expression lhs = parse_expression();
        expect(token_kind::assign);
        return statement{position, equation_statement{std::move(lhs), parse_expression()}};
    }
    std::vector<reaction_term> lhs = parse_reaction_terms();
    if (at(token_kind::flux)) {
        if (lhs.size() != 1 || lhs.front().coefficient != 1) fail(position, "a flux '<<' takes one species");
        advance();
        expect(token_kind::left_paren);
        expression flux = parse_expression();
        expect(token_kind::right_paren);
        return statement{position, flux_statement{std::move(lhs.front().species), std::move(flux)}};
    }
    if (!at(token_kind::reversible) && !at(token_kind::arrow)) fail_expected("'<->', '->' or '<<'");
    const token arrow = advance();
    const bool irreversible = arrow.kind == token_kind::arrow;
    std::vector<reaction_term> rhs = parse_reaction_terms();
    expect(token_kind::left_paren);
    expression forward = parse_expression();
    expression backward{arrow.position, number_literal{0.0, "0", ""}};
    if (!irreversible) {
        expect(token_kind::comma);
        backward = parse_expression();
    }
    expect(token_kind::right_paren);
    return statement{position, reaction_statement{std::move(lhs), std::move(rhs), std::move(forward),
                                                  std::move(backward), irreversible}};
}

// `2 A + B[i]`.
std::vector<reaction_term> parser::parse_reaction_terms() {
    std::vector<reaction_term> terms;
    do {
        const source_position position = current_.position;
        int coefficient = 1;
        if (at(token_kind::integer)) {
            const long long value = parse_integer("a coefficient");
            if (value < 1 || value > 1000) fail(position, "a stoichiometric coefficient must lie in 1..1000");
            coefficient = static_cast<int>(value);
        }
        identifier species = expect_name("a species");
        terms.push_back(reaction_term{coefficient, parse_variable_ref(std::move(species)), position});
    } while (accept(token_kind::plus));
    return terms;
}

// `CONSERVE A + B = total`.
statement parser::parse_conserve() {
    const source_position position = current_.position;
    expect_keyword("CONSERVE");
    expression lhs = parse_expression();
    expect(token_kind::assign);
    return statement{position, conserve_statement{std::move(lhs), parse_expression()}};
}

// `COMPARTMENT [i,] expression {species}`, and the same for
// LONGITUDINAL_DIFFUSION.
statement parser::parse_compartment(bool longitudinal_diffusion) {
    const source_position position = advance().position;
    std::optional<identifier> index;
    if (at(token_kind::identifier) && peek_next().kind == token_kind::comma) {
        index = expect_name("an index");
        advance();
    }
    expression value = parse_expression();
    expect(token_kind::left_brace);
    std::vector<identifier> species;
    while (!accept(token_kind::right_brace)) species.push_back(expect_name("a species or '}'"));
    return statement{position, compartment_statement{longitudinal_diffusion, std::move(index), std::move(value),
                                                     std::move(species)}};
}

} // namespace cajal::nmodl
