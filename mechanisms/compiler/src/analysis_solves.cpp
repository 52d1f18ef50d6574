// Semantic analysis (see analyzer.hpp): the blocks SOLVEs name and their
// methods, and the checks of NET_RECEIVE and of currents.
#include "analyzer.hpp"

#include <algorithm>

namespace cajal::nmodl {

// SOLVE stands at the top level of BREAKPOINT (integration) or INITIAL
// (STEADYSTATE), nowhere else.
void analyzer::find_solves() {
    for (const auto* block: {out_.breakpoint, out_.initial}) {
        if (!block) continue;
        for (const auto& s: block->body.statements) {
            const auto* solve = std::get_if<solve_statement>(&s.node);
            if (!solve) continue;
            auto step = make_solve(*solve, s.position);
            if (block == out_.breakpoint) out_.state_solves.push_back(step);
            out_.solves[solve] = step;
        }
    }
    if (out_.net_receive && out_.info.kind != mechanism_kind::point_process) {
        fail(out_.net_receive->name ? out_.net_receive->name->position : out_.net_receive->body.position,
             "NET_RECEIVE belongs in a POINT_PROCESS");
    }
    out_.info.receives_events = out_.net_receive != nullptr;
    if (out_.net_receive) out_.info.net_receive_arguments = std::max<std::size_t>(1, out_.net_receive->arguments.size());
    out_.info.writes_nonspecific_current = !nonspecific_.empty();
    if (out_.info.artificial && !nonspecific_.empty()) fail(nonspecific_.front().position, no_membrane_current);
}

solve_step analyzer::make_solve(const solve_statement& solve, source_position where) const {
    solve_step step;
    step.block = solvable(solve.block);
    step.position = where;
    step.steady_state = solve.kind == solve_kind::steady_state;
    if (solve.method) step.method = solve.method->text;
    const auto kind = step.block->kind;
    const auto bad_method = [&](const std::string& allowed) {
        fail(solve.method ? solve.method->position : where,
             "METHOD " + step.method + " cannot solve " + std::string(kind == code_block_kind::kinetic ? "KINETIC" : "DERIVATIVE") +
                 " block '" + solve.block.text + "': use " + allowed);
    };
    if (kind == code_block_kind::derivative) {
        if (step.method.empty()) fail(where, "SOLVE of DERIVATIVE block '" + solve.block.text + "' needs METHOD cnexp, derivimplicit or euler");
        if (step.steady_state) {
            if (step.method != "derivimplicit" && step.method != "sparse") bad_method("STEADYSTATE derivimplicit");
        } else if (step.method != "cnexp" && step.method != "derivimplicit" && step.method != "euler") {
            bad_method("cnexp, derivimplicit or euler");
        }
    } else if (kind == code_block_kind::kinetic) {
        if (step.method.empty()) step.method = "sparse";
        if (step.method != "sparse" && step.method != "derivimplicit") bad_method("sparse");
    } else if (!step.method.empty()) {
        fail(solve.method->position, "METHOD applies only to DERIVATIVE and KINETIC blocks: write SOLVE " + solve.block.text + " without it");
    }
    return step;
}

const code_block* analyzer::solvable(const identifier& name) const {
    for (const auto* blocks: {&out_.derivatives, &out_.kinetics, &out_.linears, &out_.nonlinears, &out_.procedures}) {
        auto it = blocks->find(name.text);
        if (it != blocks->end()) return it->second;
    }
    fail(name.position, "SOLVE names '" + name.text + "', which is not a DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block");
}

} // namespace cajal::nmodl
