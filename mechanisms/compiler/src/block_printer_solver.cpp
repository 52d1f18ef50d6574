// The statements of the blocks a SOLVE integrates or solves, and their
// unknowns, as C++ (see block_printer.hpp).
#include "block_printer.hpp"

#include <algorithm>

#include "linear_form.hpp"

namespace cajal::nmodl {

namespace {

// Whether the STATE block declares `name` (an array's elements are name[k]).
bool is_state(const mechanism_info& info, const std::string& name) {
    return std::any_of(info.states.begin(), info.states.end(),
                       [&](const field_info& f) { return f.name == name || f.name.rfind(name + "[", 0) == 0; });
}

} // namespace

void block_printer::derivative(const derivative_assignment& d, source_position where, int indent) {
    if (mode == derivative_mode::forbidden) {
        fail(where, d.state.name + "' = ... belongs in a DERIVATIVE block that a SOLVE in BREAKPOINT or INITIAL integrates");
    }
    const auto* v = mech.find(d.state.name);
    const bool is_state = v && ((v->storage == variable_storage::field && unknowns && unknowns->offset.count(d.state.name)) ||
                                v->storage == variable_storage::ion);
    if (!v || !is_state) fail(where, "'" + d.state.name + "' is not a STATE: declare it in the STATE block");
    if (mode == derivative_mode::euler || mode == derivative_mode::residual) {
        line(indent, std::string(mode == derivative_mode::euler ? "_d[" : "_rate[") + unknown_index(d.state, where) + "] = " +
                         expression_text(d.value) + ";");
        return;
    }
    if (d.state.index) fail(where, "cnexp cannot integrate array states: use METHOD derivimplicit");
    const auto definition_of = [&](const std::string& name) -> const expression* {
        if (!find_local(name)) return nullptr;
        auto it = definitions_.find(name);
        return it == definitions_.end() ? nullptr : it->second;
    };
    auto form = linear_in(d.value, d.state.name, definition_of);
    if (!form) fail(where, "cnexp needs an equation linear in its state, and " + d.state.name + "' = ... is not: use METHOD derivimplicit");
    const auto x = lvalue(d.state, where);
    if (!form->coefficient) {
        line(indent, x + " = " + x + " + _m.dt * " + (form->constant ? expression_text(*form->constant) : "0.0") + ";");
        return;
    }
    // The exact solution over dt with a and b held at their values now (NEURON's cnexp).
    const auto b = expression_text(*form->coefficient);
    const auto a_over_b = form->constant ? "(-" + expression_text(*form->constant) + ") / " + b + " - " + x : "(-" + x + ")";
    line(indent, x + " = " + x + " + (1.0 - ::exp(_m.dt * " + b + ")) * (" + a_over_b + ");");
}

std::string block_printer::unknown_index(const variable_ref& ref, source_position where) {
    if (!unknowns) fail(where, "'" + ref.name + "' is integrated only inside a DERIVATIVE or KINETIC block");
    auto it = unknowns->offset.find(ref.name);
    if (it == unknowns->offset.end()) fail(where, "'" + ref.name + "' is not a STATE of this block");
    const auto index = index_text(ref, where);
    return std::to_string(it->second) + (index.empty() ? "" : " + " + index);
}

void block_printer::reaction(const reaction_statement& r, source_position where, int indent) {
    if (!in_kinetic) fail(where, "reactions belong in a KINETIC block");
    const auto side = [&](const std::vector<reaction_term>& terms, const std::string& rate) {
        std::string product = "(" + rate + ")";
        for (const auto& t: terms) {
            const auto value = rvalue(t.species, t.position);
            for (int k = 0; k < t.coefficient; ++k) product += " * " + value;
        }
        return product;
    };
    // f_flux and b_flux name the latest reaction's fluxes afterwards (NEURON).
    line(indent, "_f_flux = " + side(r.lhs, expression_text(r.forward_rate)) + ";");
    line(indent, "_b_flux = " + side(r.rhs, expression_text(r.backward_rate)) + ";");
    for (const auto& t: r.lhs) {
        if (unknowns->offset.count(t.species.name)) line(indent, "_rate[" + unknown_index(t.species, t.position) + "] -= " + std::to_string(t.coefficient) + ".0 * (_f_flux - _b_flux);");
    }
    for (const auto& t: r.rhs) {
        if (unknowns->offset.count(t.species.name)) line(indent, "_rate[" + unknown_index(t.species, t.position) + "] += " + std::to_string(t.coefficient) + ".0 * (_f_flux - _b_flux);");
    }
}

void block_printer::flux(const flux_statement& f, source_position where, int indent) {
    if (!in_kinetic) fail(where, "'~ ... <<' belongs in a KINETIC block");
    line(indent, "_rate[" + unknown_index(f.species, where) + "] += " + expression_text(f.flux) + ";");
}

void block_printer::compartment(const compartment_statement& c, source_position where, int indent) {
    if (!in_kinetic) fail(where, "COMPARTMENT belongs in a KINETIC block");
    if (c.longitudinal_diffusion) {
        fail(where, "LONGITUDINAL_DIFFUSION couples neighbouring segments, which this version of cajal does not support");
    }
    for (const auto& s: c.species) {
        const auto* v = mech.find(s.text);
        if (!v) fail(s.position, "'" + s.text + "' is not declared");
        if (!unknowns || !unknowns->offset.count(s.text)) continue;   // a constant species has no equation
        const auto offset = std::to_string(unknowns->offset.at(s.text));
        const auto size = std::to_string(v->storage == variable_storage::field ? v->size : 1);
        push_scope();
        if (c.index) declare_local(c.index->text, 0, c.index->position);
        const std::string k = c.index ? "l_" + c.index->text : "_k";
        line(indent, "for (int " + k + " = 0; " + k + " < " + size + "; ++" + k + ") _vol[" + offset + " + " + k + "] = " + expression_text(c.value) + ";");
        pop_scope();
    }
}

void block_printer::conserve(const conserve_statement& c, source_position where, int indent) {
    if (!in_kinetic) fail(where, "CONSERVE belongs in a KINETIC block");
    // The left side is a sum of terms `[number *] species`; the row of the last
    // species is replaced by the conservation law, its terms weighted by their
    // compartment sizes (NEURON's rule).
    std::vector<std::pair<std::string, std::string>> terms;   // coefficient, unknown index
    std::vector<const expression*> pending{&c.lhs};
    while (!pending.empty()) {
        const auto* e = pending.back();
        pending.pop_back();
        if (const auto* b = std::get_if<binary_expression>(&e->node); b && b->op == binary_op::add) {
            pending.push_back(b->rhs.get());
            pending.push_back(b->lhs.get());
            continue;
        }
        std::string coefficient = "1.0";
        const auto* ref = std::get_if<variable_ref>(&e->node);
        if (const auto* b = std::get_if<binary_expression>(&e->node); b && b->op == binary_op::multiply) {
            coefficient = expression_text(*b->lhs);
            ref = std::get_if<variable_ref>(&b->rhs->node);
        }
        if (!ref) fail(e->position, "CONSERVE needs a sum of states, each with an optional number factor");
        terms.emplace_back(coefficient, unknown_index(*ref, e->position));
    }
    const auto id = std::to_string(conserve_rows.size());
    line(indent, "const double _conserved" + id + " = " + expression_text(c.rhs) + ";");
    std::string row = "_r[" + terms.back().second + "] = -_conserved" + id;
    for (const auto& [coefficient, index]: terms) row += " + " + coefficient + " * _vol[" + index + "] * _x[" + index + "]";
    conserve_rows.push_back(row + ";");
}

void block_printer::equation(const equation_statement& e, source_position where, int indent) {
    if (!in_equations) fail(where, "'~ lhs = rhs' belongs in a LINEAR or NONLINEAR block");
    // Residual lhs - rhs, one row per equation as they run.
    line(indent, "if (_eq < _n) _r[_eq] = (" + expression_text(e.lhs) + ") - (" + expression_text(e.rhs) + ");");
    line(indent, "++_eq;");
}

unknown_layout block_printer::unknowns_of(const code_block& block) {
    unknown_layout layout;
    std::vector<const statement_block*> pending{&block.body};
    while (!pending.empty()) {
        const auto* b = pending.back();
        pending.pop_back();
        for (const auto& s: b->statements) {
            std::visit(
                [&](const auto& n) {
                    using T = std::decay_t<decltype(n)>;
                    if constexpr (std::is_same_v<T, equation_statement>) {
                        // A LINEAR or NONLINEAR block solves for the STATEs its equations name.
                        for (const auto* side: {&n.lhs, &n.rhs}) add_states_read(layout, *side, s.position);
                    } else if constexpr (std::is_same_v<T, derivative_assignment>) {
                        add_unknown(layout, n.state.name, s.position, false);
                    } else if constexpr (std::is_same_v<T, reaction_statement>) {
                        for (const auto& t: n.lhs) add_unknown(layout, t.species.name, t.position, true);
                        for (const auto& t: n.rhs) add_unknown(layout, t.species.name, t.position, true);
                    } else if constexpr (std::is_same_v<T, flux_statement>) {
                        add_unknown(layout, n.species.name, s.position, false);
                    } else if constexpr (std::is_same_v<T, if_statement>) {
                        pending.push_back(&n.then_branch);
                        if (n.else_branch) pending.push_back(&*n.else_branch);
                    } else if constexpr (std::is_same_v<T, while_statement> || std::is_same_v<T, from_statement>) {
                        pending.push_back(&n.body);
                    }
                },
                s.node);
        }
    }
    return layout;
}

void block_printer::add_unknown(unknown_layout& layout, const std::string& name, source_position where, bool species) {
    if (layout.offset.count(name)) return;
    const auto* v = mech.find(name);
    const bool state_field = v && v->storage == variable_storage::field && is_state(mech.info, name);
    const auto& dep = v && v->storage == variable_storage::ion ? mech.info.ions[v->ion] : ion_dependency{};
    const bool concentration = v && v->storage == variable_storage::ion &&
                               ((v->quantity == ion_quantity::internal && dep.writes_internal) ||
                                (v->quantity == ion_quantity::external && dep.writes_external));
    if (!state_field && !concentration) {
        // A reaction's species that is not a STATE is a constant there (NEURON's rule).
        if (species && v) return;
        if (v && v->storage == variable_storage::ion && v->quantity != ion_quantity::reversal && v->quantity != ion_quantity::current) {
            fail(where, "'" + name + "' is read from the ion; to integrate it, name it in USEION ... WRITE");
        }
        fail(where, "'" + name + "' is not a STATE: declare it in the STATE block");
    }
    layout.offset[name] = layout.lvalues.size();
    if (concentration) {
        layout.lvalues.push_back(ion_array(*v));
        return;
    }
    for (std::size_t k = 0; k < v->size; ++k) layout.lvalues.push_back("_m.fields[" + std::to_string(v->field + k) + "][_i]");
}

void block_printer::add_states_read(unknown_layout& layout, const expression& e, source_position where) {
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, variable_ref>) {
                const auto* v = mech.find(n.name);
                const bool state = v && is_state(mech.info, n.name);
                if (state && !find_local(n.name)) add_unknown(layout, n.name, where, false);
                if (n.index) add_states_read(layout, *n.index, where);
            } else if constexpr (std::is_same_v<T, unary_expression>) {
                add_states_read(layout, *n.operand, where);
            } else if constexpr (std::is_same_v<T, binary_expression>) {
                add_states_read(layout, *n.lhs, where);
                add_states_read(layout, *n.rhs, where);
            } else if constexpr (std::is_same_v<T, call_expression>) {
                for (const auto& a: n.arguments) add_states_read(layout, *a, where);
            }
        },
        e.node);
}

} // namespace cajal::nmodl
