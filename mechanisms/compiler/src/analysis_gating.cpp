// Semantic analysis (see analyzer.hpp): whether a mechanism's gating reads v,
// which gives it the parameter gating_vshift, and the name's reservation.
#include "analyzer.hpp"

#include <algorithm>
#include <utility>

namespace cajal::nmodl {

namespace {

// Whether code reads the membrane voltage: a `v` that no argument, LOCAL or
// FROM variable hides, in the code itself, in the FUNCTIONs and PROCEDUREs it
// calls (at any depth) and in the blocks it SOLVEs. WATCH conditions do not
// count: they are evaluated at the true v. Each block is searched once.
class voltage_reads {
public:
    explicit voltage_reads(const analyzed_mechanism& m) : m_(m) {}

    bool in_block(const code_block& block) {
        if (!searched_.insert(&block).second) return false;   // found nothing before, or is being searched (recursion)
        auto caller = std::exchange(scopes_, {{}});            // a callee does not see its caller's locals
        for (const auto& a: block.arguments) scopes_.back().insert(a.name.text);
        const bool found = in_statements(block.body);
        scopes_ = std::move(caller);
        return found;
    }

private:
    const analyzed_mechanism& m_;
    std::set<const code_block*> searched_;
    std::vector<std::set<std::string>> scopes_;

    bool hidden(const std::string& name) const {
        for (const auto& scope: scopes_) {
            if (scope.count(name)) return true;
        }
        return false;
    }

    bool in_statements(const statement_block& block, const identifier* loop_variable = nullptr) {
        scopes_.emplace_back();
        if (loop_variable) scopes_.back().insert(loop_variable->text);
        bool found = false;
        for (const auto& s: block.statements) {
            found = in_statement(s);
            if (found) break;
        }
        scopes_.pop_back();
        return found;
    }

    bool in_index(const variable_ref& ref) { return ref.index && in_expression(*ref.index); }

    bool in_statement(const statement& s) {
        return std::visit(
            [&](const auto& n) -> bool {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, assignment>) {
                    return in_index(n.target) || in_expression(n.value);
                } else if constexpr (std::is_same_v<T, derivative_assignment>) {
                    return in_index(n.state) || in_expression(n.value);
                } else if constexpr (std::is_same_v<T, call_statement>) {
                    return in_expression(n.call);
                } else if constexpr (std::is_same_v<T, local_statement>) {
                    for (const auto& l: n.variables) scopes_.back().insert(l.name.text);
                    return false;
                } else if constexpr (std::is_same_v<T, if_statement>) {
                    return in_expression(n.condition) || in_statements(n.then_branch) || (n.else_branch && in_statements(*n.else_branch));
                } else if constexpr (std::is_same_v<T, while_statement>) {
                    return in_expression(n.condition) || in_statements(n.body);
                } else if constexpr (std::is_same_v<T, from_statement>) {
                    return in_expression(n.from) || in_expression(n.to) || (n.by && in_expression(*n.by)) ||
                           in_statements(n.body, &n.variable);
                } else if constexpr (std::is_same_v<T, solve_statement>) {
                    // INITIAL's STEADYSTATE and LINEAR/NONLINEAR solves; SOLVEs the code never runs are not listed.
                    auto it = m_.solves.find(&n);
                    return it != m_.solves.end() && in_block(*it->second.block);
                } else if constexpr (std::is_same_v<T, reaction_statement>) {
                    return in_expression(n.forward_rate) || in_expression(n.backward_rate);
                } else if constexpr (std::is_same_v<T, flux_statement>) {
                    return in_expression(n.flux);
                } else if constexpr (std::is_same_v<T, equation_statement> || std::is_same_v<T, conserve_statement>) {
                    return in_expression(n.lhs) || in_expression(n.rhs);
                } else if constexpr (std::is_same_v<T, compartment_statement>) {
                    return in_expression(n.value);
                } else {
                    return false;   // TABLE (ignored), WATCH (true v), toggles, VERBATIM (refused elsewhere)
                }
            },
            s.node);
    }

    bool in_expression(const expression& e) {
        return std::visit(
            [&](const auto& n) -> bool {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, variable_ref>) {
                    return (n.name == "v" && !hidden(n.name)) || in_index(n);
                } else if constexpr (std::is_same_v<T, unary_expression>) {
                    return in_expression(*n.operand);
                } else if constexpr (std::is_same_v<T, binary_expression>) {
                    return in_expression(*n.lhs) || in_expression(*n.rhs);
                } else if constexpr (std::is_same_v<T, call_expression>) {
                    for (const auto& a: n.arguments) {
                        if (in_expression(*a)) return true;
                    }
                    return in_callee(m_.functions, n.function) || in_callee(m_.procedures, n.function);
                } else {
                    return false;
                }
            },
            e.node);
    }

    bool in_callee(const std::map<std::string, const code_block*>& blocks, const std::string& name) {
        auto it = blocks.find(name);
        return it != blocks.end() && in_block(*it->second);
    }
};

} // namespace

// The gating is the STATEs, which INITIAL and BREAKPOINT's SOLVEs compute. A
// mechanism without STATEs computes only what BREAKPOINT's currents compute
// (SEClamp's `SOLVE current`), and an ARTIFICIAL_CELL has no v.
bool analyzer::gating_reads_voltage() const {
    const bool has_states = std::any_of(declared_.begin(), declared_.end(),
                                        [](const auto& d) { return d.second.kind == declaration_kind::state; });
    if (out_.info.artificial || !has_states) return false;
    voltage_reads reads(out_);
    if (out_.initial && reads.in_block(*out_.initial)) return true;
    for (const auto& step: out_.state_solves) {
        if (reads.in_block(*step.block)) return true;
    }
    return false;
}

void analyzer::refuse_reserved_name(const identifier& name) const {
    if (name.text != gating_vshift_name) return;
    fail(name.position, std::string("'") + gating_vshift_name +
                            "' is reserved: cajal adds it as the parameter that shifts the voltage the gating sees "
                            "(docs/nmodl.md); rename this one");
}

} // namespace cajal::nmodl
