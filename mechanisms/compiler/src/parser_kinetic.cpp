// Statements of KINETIC, LINEAR and NONLINEAR blocks: reactions, fluxes,
// equations, CONSERVE, COMPARTMENT and LONGITUDINAL_DIFFUSION.

#include <utility>

#include "parser_impl.hpp"

namespace cajal::nmodl {

// `~ A + B <-> C (kf, kb)` and `~ A << (flux)` in KINETIC; `~ lhs = rhs` in
// LINEAR and NONLINEAR.
Statement Parser::parse_tilde() {
    const SourcePosition position = expect(TokenKind::Tilde).position;
    if (tilde_context_ == TildeContext::None) fail(position, "'~' outside a KINETIC, LINEAR or NONLINEAR block");
    if (tilde_context_ == TildeContext::Equation) {
        Expression lhs = parse_expression();
        expect(TokenKind::Assign);
        return Statement{position, EquationStatement{std::move(lhs), parse_expression()}};
    }
    std::vector<ReactionTerm> lhs = parse_reaction_terms();
    if (at(TokenKind::Flux)) {
        if (lhs.size() != 1 || lhs.front().coefficient != 1) fail(position, "a flux '<<' takes one species");
        advance();
        expect(TokenKind::LeftParen);
        Expression flux = parse_expression();
        expect(TokenKind::RightParen);
        return Statement{position, FluxStatement{std::move(lhs.front().species), std::move(flux)}};
    }
    if (!at(TokenKind::Reversible)) fail_expected("'<->' or '<<'");
    advance();
    std::vector<ReactionTerm> rhs = parse_reaction_terms();
    expect(TokenKind::LeftParen);
    Expression forward = parse_expression();
    expect(TokenKind::Comma);
    Expression backward = parse_expression();
    expect(TokenKind::RightParen);
    return Statement{position, ReactionStatement{std::move(lhs), std::move(rhs), std::move(forward), std::move(backward)}};
}

// `2 A + B[i]`.
std::vector<ReactionTerm> Parser::parse_reaction_terms() {
    std::vector<ReactionTerm> terms;
    do {
        const SourcePosition position = current_.position;
        int coefficient = 1;
        if (at(TokenKind::Integer)) {
            const long long value = parse_integer("a coefficient");
            if (value < 1 || value > 1000) fail(position, "a stoichiometric coefficient must lie in 1..1000");
            coefficient = static_cast<int>(value);
        }
        Name species = expect_name("a species");
        terms.push_back(ReactionTerm{coefficient, parse_variable_ref(std::move(species)), position});
    } while (accept(TokenKind::Plus));
    return terms;
}

// `CONSERVE A + B = total`.
Statement Parser::parse_conserve() {
    const SourcePosition position = current_.position;
    expect_keyword("CONSERVE");
    Expression lhs = parse_expression();
    expect(TokenKind::Assign);
    return Statement{position, ConserveStatement{std::move(lhs), parse_expression()}};
}

// `COMPARTMENT [i,] expression {species}`, and the same for
// LONGITUDINAL_DIFFUSION.
Statement Parser::parse_compartment(bool longitudinal_diffusion) {
    const SourcePosition position = advance().position;
    std::optional<Name> index;
    if (at(TokenKind::Identifier) && peek_next().kind == TokenKind::Comma) {
        index = expect_name("an index");
        advance();
    }
    Expression expression = parse_expression();
    expect(TokenKind::LeftBrace);
    std::vector<Name> species;
    while (!accept(TokenKind::RightBrace)) species.push_back(expect_name("a species or '}'"));
    return Statement{position,
                     CompartmentStatement{longitudinal_diffusion, std::move(index), std::move(expression), std::move(species)}};
}

} // namespace cajal::nmodl
