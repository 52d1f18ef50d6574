// Blocks and their statements as C++ (see block_printer.hpp).
#include "block_printer.hpp"

#include <utility>

namespace cajal::nmodl {

block_printer::block_printer(const analyzed_mechanism& m) : mech(m) {}

void block_printer::push_scope() { scopes_.emplace_back(); }
void block_printer::pop_scope() { scopes_.pop_back(); }

void block_printer::declare_local(const std::string& name, std::size_t length, source_position where) {
    if (scopes_.empty()) push_scope();
    if (!scopes_.back().emplace(name, length).second) fail(where, "LOCAL '" + name + "' is declared twice in this block");
}

const std::size_t* block_printer::find_local(const std::string& name) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
        auto f = it->find(name);
        if (f != it->end()) return &f->second;
    }
    return nullptr;
}

void block_printer::line(int indent, const std::string& text) { out << std::string(static_cast<std::size_t>(4 * indent), ' ') << text << '\n'; }

void block_printer::print_block(const statement_block& block, int indent) {
    push_scope();
    for (const auto& s: block.statements) statement(s, indent);
    pop_scope();
}

void block_printer::statement(const struct statement& s, int indent) {
    const auto where = s.position;
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, assignment>) {
                line(indent, lvalue(n.target, where) + " = " + expression_text(n.value) + ";");
                if (find_local(n.target.name) && !n.target.index) definitions_[n.target.name] = &n.value;
            } else if constexpr (std::is_same_v<T, derivative_assignment>) {
                derivative(n, where, indent);
            } else if constexpr (std::is_same_v<T, call_statement>) {
                call_line(n, where, indent);
            } else if constexpr (std::is_same_v<T, local_statement>) {
                locals(n, indent);
            } else if constexpr (std::is_same_v<T, if_statement>) {
                line(indent, "if (" + expression_text(n.condition) + ") {");
                print_block(n.then_branch, indent + 1);
                if (n.else_branch) {
                    line(indent, "} else {");
                    print_block(*n.else_branch, indent + 1);
                }
                line(indent, "}");
            } else if constexpr (std::is_same_v<T, while_statement>) {
                line(indent, "while (" + expression_text(n.condition) + ") {");
                print_block(n.body, indent + 1);
                line(indent, "}");
            } else if constexpr (std::is_same_v<T, from_statement>) {
                from_loop(n, indent);
            } else if constexpr (std::is_same_v<T, solve_statement>) {
                solve(n, where, indent);
            } else if constexpr (std::is_same_v<T, table_statement> || std::is_same_v<T, units_toggle> || std::is_same_v<T, mutex_toggle>) {
                // TABLE: rates are computed exactly (docs/nmodl.md); the toggles change nothing here.
            } else if constexpr (std::is_same_v<T, verbatim>) {
                fail(where, "VERBATIM blocks hold C code, which cajal does not translate: rewrite it in NMODL");
            } else if constexpr (std::is_same_v<T, nested_initial>) {
                // NET_RECEIVE's INITIAL runs per connection at the start of a run
                // (net_init_instance), not at events; the parser allows it nowhere else.
            } else if constexpr (std::is_same_v<T, reaction_statement>) {
                reaction(n, where, indent);
            } else if constexpr (std::is_same_v<T, flux_statement>) {
                flux(n, where, indent);
            } else if constexpr (std::is_same_v<T, conserve_statement>) {
                conserve(n, where, indent);
            } else if constexpr (std::is_same_v<T, compartment_statement>) {
                compartment(n, where, indent);
            } else if constexpr (std::is_same_v<T, watch_statement>) {
                arm_watches(n, indent);
            } else if constexpr (std::is_same_v<T, equation_statement>) {
                equation(n, where, indent);
            }
        },
        s.node);
}

void block_printer::call_line(const call_statement& s, source_position where, int indent) {
    const auto* c = std::get_if<call_expression>(&s.call.node);
    if (c && (c->function == "printf" || c->function == "fprintf")) return;  // no console output from kernels
    if (!c) fail(where, "expected a call");
    line(indent, call_text(*c, s.call.position, true) + ";");
}

void block_printer::locals(const local_statement& declaration, int indent) {
    for (const auto& l: declaration.variables) {
        std::size_t length = 0;
        if (l.array_size) {
            const auto* v = l.array_size->value ? nullptr : mech.find(l.array_size->define);
            length = l.array_size->value ? static_cast<std::size_t>(*l.array_size->value) : 0;
            if (!l.array_size->value) {
                if (!v || v->storage != variable_storage::constant) fail(l.name.position, "array size '" + l.array_size->define + "' is not DEFINEd");
                length = static_cast<std::size_t>(v->value);
            }
            if (length < 1 || length > 100000) fail(l.name.position, "array size must be between 1 and 100000");
        }
        declare_local(l.name.text, length, l.name.position);
        line(indent, length ? "double l_" + l.name.text + "[" + std::to_string(length) + "] = {};" : "double l_" + l.name.text + " = 0.0;");
    }
}

void block_printer::from_loop(const from_statement& f, int indent) {
    const bool declared = find_local(f.variable.text) != nullptr;
    if (!declared && mech.find(f.variable.text)) fail(f.variable.position, "FROM loop variable '" + f.variable.text + "' must be LOCAL");
    push_scope();
    if (!declared) declare_local(f.variable.text, 0, f.variable.position);
    const std::string var = "l_" + f.variable.text;
    const std::string step = f.by ? expression_text(*f.by) : "1.0";
    line(indent, "for (" + std::string(declared ? "" : "double ") + var + " = " + expression_text(f.from) + "; " + var +
                     " <= " + expression_text(f.to) + "; " + var + " += " + step + ") {");
    print_block(f.body, indent + 1);
    line(indent, "}");
    pop_scope();
}

void block_printer::solve(const solve_statement& s, source_position where, int indent) {
    // Elsewhere than BREAKPOINT and INITIAL (no on_solve) a SOLVE is ignored, as in cabpump.mod's
    // FUNCTION ss(), which only hoc calls. Analysis finds those at the top level only.
    if (!on_solve) return;
    auto it = mech.solves.find(&s);
    if (it == mech.solves.end()) {
        fail(where, "SOLVE " + s.block.text + " must stand at the top level of BREAKPOINT or INITIAL, outside if, while and FROM");
    }
    on_solve(it->second, indent);
}

// As NEURON: the first WATCH a call runs turns off the instance's other
// watches; each one armed records whether its condition holds now, so that
// only a later change from false to true sends its event.
void block_printer::arm_watches(const watch_statement& w, int indent) {
    line(indent, "if (!_watch_cleared) {");
    for (std::size_t k = 0; k < mech.watches.size(); ++k) {
        line(indent + 1, "_m.fields[" + std::to_string(mech.watch_field + k) + "][_i] = 0.0;");
    }
    line(indent + 1, "_watch_cleared = true;");
    line(indent, "}");
    // At the true v, as check_watches_instance tests them, even in gating code.
    const auto gating_voltage = std::exchange(voltage_name, "_v");
    for (const auto& armed: w.watches) {
        line(indent, "_m.fields[" + std::to_string(mech.watch_field + mech.watch_index(armed)) + "][_i] = (" +
                         expression_text(armed.condition) + ") ? 2.0 : 1.0;");
    }
    voltage_name = gating_voltage;
}

} // namespace cajal::nmodl
