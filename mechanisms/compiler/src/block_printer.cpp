// Statements and expressions as C++ (see block_printer.hpp).
#include "block_printer.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>

#include "builtin_functions.hpp"
#include "double_literal.hpp"
#include "linear_form.hpp"

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

namespace {

std::string number_text(const number_literal& n) {
    // As written when that is a C++ floating literal, so the value rounds as NMODL's does.
    const auto& t = n.text;
    if (!t.empty() && t.find_first_of(".eE") != std::string::npos && t.find_first_not_of("0123456789.eE+-") == std::string::npos) {
        return t.front() == '.' ? "0" + t : t;
    }
    return double_literal(n.value);
}

const char* binary_symbol(binary_op op) {
    switch (op) {
    case binary_op::logical_or: return "||";
    case binary_op::logical_and: return "&&";
    case binary_op::less: return "<";
    case binary_op::less_equal: return "<=";
    case binary_op::greater: return ">";
    case binary_op::greater_equal: return ">=";
    case binary_op::equal: return "==";
    case binary_op::not_equal: return "!=";
    case binary_op::add: return "+";
    case binary_op::subtract: return "-";
    case binary_op::multiply: return "*";
    case binary_op::divide: return "/";
    default: return "";
    }
}

std::string ion_array(const variable& v) {
    const std::string at = "[_m.cv[_i]]";
    const std::string ion = "_m.ions[" + std::to_string(v.ion) + "].";
    switch (v.quantity) {
    case ion_quantity::reversal: return ion + "reversal" + at;
    case ion_quantity::internal: return ion + "internal" + at;
    case ion_quantity::external: return ion + "external" + at;
    case ion_quantity::current: break;
    }
    // The accumulated current (nA) as the density NMODL expects (mA/cm²).
    return "(" + ion + "current" + at + " / _m.scale[_i])";
}

} // namespace

std::string block_printer::expression_text(const expression& e) {
    return std::visit(
        [&](const auto& n) -> std::string {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, number_literal>) {
                return number_text(n);
            } else if constexpr (std::is_same_v<T, string_literal>) {
                fail(e.position, "a string can only be an argument of printf, which cajal ignores");
            } else if constexpr (std::is_same_v<T, variable_ref>) {
                return rvalue(n, e.position);
            } else if constexpr (std::is_same_v<T, unary_expression>) {
                return std::string(n.op == unary_op::negate ? "(-" : "(!") + expression_text(*n.operand) + ")";
            } else if constexpr (std::is_same_v<T, binary_expression>) {
                if (n.op == binary_op::power) return "rt::power(" + expression_text(*n.lhs) + ", " + expression_text(*n.rhs) + ")";
                if (n.op == binary_op::modulo) return "rt::modulo(" + expression_text(*n.lhs) + ", " + expression_text(*n.rhs) + ")";
                return "(" + expression_text(*n.lhs) + " " + binary_symbol(n.op) + " " + expression_text(*n.rhs) + ")";
            } else {
                return call_text(n, e.position, false);
            }
        },
        e.node);
}

std::string block_printer::index_text(const variable_ref& ref, source_position where) {
    const auto* v = mech.find(ref.name);
    const bool array = v && v->is_array;
    if (ref.index && !array) fail(where, "'" + ref.name + "' is not an array");
    if (!ref.index && array) fail(where, "array '" + ref.name + "' needs an index");
    return ref.index ? "static_cast<int>(" + expression_text(*ref.index) + ")" : "";
}

std::string block_printer::voltage(source_position where) const {
    if (mech.info.artificial) fail(where, "an ARTIFICIAL_CELL has no membrane, so no v: make it a POINT_PROCESS");
    return "_v";
}

std::string block_printer::rvalue(const variable_ref& ref, source_position where) {
    if (const auto* length = find_local(ref.name)) {
        if (ref.index && *length == 0) fail(where, "'" + ref.name + "' is not an array");
        if (!ref.index && *length > 0) fail(where, "array '" + ref.name + "' needs an index");
        return "l_" + ref.name + (ref.index ? "[static_cast<int>(" + expression_text(*ref.index) + ")]" : "");
    }
    if (!function_name.empty() && ref.name == function_name && !ref.index) return "_ret";
    if (in_net_receive && ref.name == "flag") return "_flag";
    if (in_net_receive && ref.name == "t") return "_t";
    if (in_kinetic && (ref.name == "f_flux" || ref.name == "b_flux")) return "_" + ref.name;
    const auto* v = mech.find(ref.name);
    if (!v) {
        if (ref.name == "v") return voltage(where);
        if (ref.name == "t") return in_net_receive ? "_t" : "_m.t";
        if (ref.name == "dt") return "_m.dt";
        if (ref.name == "celsius") return "_m.celsius";
        if (ref.name == "area" || ref.name == "diam") {
            if (mech.info.artificial) fail(where, "an ARTIFICIAL_CELL has no membrane, so no " + ref.name + ": make it a POINT_PROCESS");
            return "_m." + ref.name + "[_m.cv[_i]]";
        }
        if (mech.functions.count(ref.name)) fail(where, "FUNCTION '" + ref.name + "' needs an argument list: " + ref.name + "(...)");
        fail(where, "'" + ref.name + "' is not declared: declare it in PARAMETER, ASSIGNED or STATE, or as a LOCAL");
    }
    switch (v->storage) {
    case variable_storage::field: {
        const auto index = index_text(ref, where);
        return "_m.fields[" + std::to_string(v->field) + (index.empty() ? "" : " + " + index) + "][_i]";
    }
    case variable_storage::ion: return ion_array(*v);
    case variable_storage::constant: {
        number_literal n{v->value, "", ""};
        return "(" + number_text(n) + ")";
    }
    case variable_storage::voltage: return voltage(where);
    case variable_storage::time: return in_net_receive ? "_t" : "_m.t";
    case variable_storage::time_step: return "_m.dt";
    case variable_storage::temperature: return "_m.celsius";
    }
    return "";
}

std::string block_printer::lvalue(const variable_ref& ref, source_position where) {
    if (find_local(ref.name) || (!function_name.empty() && ref.name == function_name)) return rvalue(ref, where);
    const auto* v = mech.find(ref.name);
    if (!v) {
        if (ref.name == "v") return voltage(where);
        if (ref.name == "t" || ref.name == "dt" || ref.name == "celsius" || ref.name == "area" || ref.name == "diam") {
            fail(where, "'" + ref.name + "' belongs to the simulation and cannot be assigned");
        }
        return rvalue(ref, where);  // reports what is wrong
    }
    if (v->storage == variable_storage::constant) fail(where, "'" + ref.name + "' is a constant and cannot be assigned");
    if (v->storage == variable_storage::ion && v->quantity == ion_quantity::reversal) {
        fail(where, "'" + ref.name + "' is read from the ion and cannot be written: write the concentrations and cajal computes " +
                        ref.name + " from them");
    }
    if (v->storage == variable_storage::ion && v->quantity == ion_quantity::current) {
        fail(where, "'" + ref.name + "' is read from the ion; to write it, name it in USEION ... WRITE");
    }
    if (v->storage == variable_storage::ion) {
        const auto& dep = mech.info.ions[v->ion];
        const bool written = v->quantity == ion_quantity::internal ? dep.writes_internal : dep.writes_external;
        if (!written) fail(where, "'" + ref.name + "' is read from the ion; to write it, name it in USEION ... WRITE");
    }
    if (v->storage != variable_storage::field && v->storage != variable_storage::ion) {
        fail(where, "'" + ref.name + "' belongs to the simulation and cannot be assigned");
    }
    return rvalue(ref, where);
}

std::string block_printer::call_text(const call_expression& call, source_position where, bool as_statement) {
    std::vector<std::string> args;
    for (const auto& a: call.arguments) args.push_back(expression_text(*a));
    const auto joined = [&](std::string head) {
        for (const auto& a: args) head += ", " + a;
        return head + ")";
    };
    const auto arity = [&](const code_block& block) {
        if (block.arguments.size() != args.size()) {
            fail(where, "'" + call.function + "' takes " + std::to_string(block.arguments.size()) + " argument(s), not " +
                            std::to_string(args.size()));
        }
    };
    if (auto it = mech.functions.find(call.function); it != mech.functions.end()) {
        arity(*it->second);
        return joined(function_symbol(call.function) + "(_m, _i, _v");
    }
    if (auto it = mech.procedures.find(call.function); it != mech.procedures.end()) {
        if (!as_statement) fail(where, "PROCEDURE '" + call.function + "' has no value; call it as a statement");
        arity(*it->second);
        return joined(procedure_symbol(call.function) + "(_m, _i, _v");
    }
    if (const auto* builtin = find_builtin_function(call.function)) {
        if (builtin->arity != args.size()) {
            fail(where, "'" + call.function + "' takes " + std::to_string(builtin->arity) + " argument(s), not " + std::to_string(args.size()));
        }
        std::string text = std::string(builtin->symbol) + "(";
        for (std::size_t k = 0; k < args.size(); ++k) text += (k ? ", " : "") + args[k];
        return text + ")";
    }
    if (call.function == "net_send" || call.function == "net_event" || call.function == "net_move") {
        if (!as_statement) fail(where, "'" + call.function + "' has no value; call it as a statement");
        const std::size_t expected = call.function == "net_send" ? 2 : 1;
        if (args.size() != expected) {
            fail(where, "'" + call.function + "' takes " + std::to_string(expected) + " argument(s), not " + std::to_string(args.size()));
        }
        // Inside NET_RECEIVE, t is the event's time, and a self-event carries the connection of the event.
        const std::string now = in_net_receive ? "_t" : "_m.t", connection = in_net_receive ? "_connection" : "-1";
        if (call.function == "net_send") {
            return "rt::request(_m.requests, cajal::event_request_kind::send, _i, " + now + " + " + args[0] + ", " + args[1] + ", " + connection + ")";
        }
        if (call.function == "net_move") {
            if (!in_net_receive) fail(where, "net_move belongs in NET_RECEIVE");
            return "rt::request(_m.requests, cajal::event_request_kind::move, _i, " + args[0] + ", 0.0, " + connection + ")";
        }
        return "rt::request(_m.requests, cajal::event_request_kind::spike, _i, " + args[0] + ", 0.0, -1)";
    }
    fail(where, "'" + call.function + "' is not a FUNCTION, PROCEDURE or built-in function");
}

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
                const auto* call = std::get_if<call_expression>(&n.call.node);
                if (call && (call->function == "printf" || call->function == "fprintf")) return;  // no console output from kernels
                if (!call) fail(where, "expected a call");
                line(indent, call_text(*call, n.call.position, true) + ";");
            } else if constexpr (std::is_same_v<T, local_statement>) {
                for (const auto& l: n.variables) {
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
                const bool declared = find_local(n.variable.text) != nullptr;
                if (!declared && mech.find(n.variable.text)) fail(n.variable.position, "FROM loop variable '" + n.variable.text + "' must be LOCAL");
                push_scope();
                if (!declared) declare_local(n.variable.text, 0, n.variable.position);
                const std::string var = "l_" + n.variable.text;
                const std::string step = n.by ? expression_text(*n.by) : "1.0";
                line(indent, "for (" + std::string(declared ? "" : "double ") + var + " = " + expression_text(n.from) + "; " + var +
                                 " <= " + expression_text(n.to) + "; " + var + " += " + step + ") {");
                print_block(n.body, indent + 1);
                line(indent, "}");
                pop_scope();
            } else if constexpr (std::is_same_v<T, solve_statement>) {
                // Elsewhere than BREAKPOINT and INITIAL (no on_solve) a SOLVE is ignored, as in cabpump.mod's
                // FUNCTION ss(), which only hoc calls. Analysis finds those at the top level only.
                if (!on_solve) return;
                auto it = mech.solves.find(&n);
                if (it == mech.solves.end()) {
                    fail(where, "SOLVE " + n.block.text + " must stand at the top level of BREAKPOINT or INITIAL, outside if, while "
                                "and FROM");
                }
                on_solve(it->second, indent);
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
                if (!in_kinetic) fail(where, "'~ ... <<' belongs in a KINETIC block");
                line(indent, "_rate[" + unknown_index(n.species, where) + "] += " + expression_text(n.flux) + ";");
            } else if constexpr (std::is_same_v<T, conserve_statement>) {
                conserve(n, where, indent);
            } else if constexpr (std::is_same_v<T, compartment_statement>) {
                compartment(n, where, indent);
            } else if constexpr (std::is_same_v<T, watch_statement>) {
                // As NEURON: the first WATCH a call runs turns off the instance's
                // other watches; each one armed records whether its condition holds
                // now, so that only a later change from false to true sends its event.
                line(indent, "if (!_watch_cleared) {");
                for (std::size_t k = 0; k < mech.watches.size(); ++k) {
                    line(indent + 1, "_m.fields[" + std::to_string(mech.watch_field + k) + "][_i] = 0.0;");
                }
                line(indent + 1, "_watch_cleared = true;");
                line(indent, "}");
                for (const auto& w: n.watches) {
                    line(indent, "_m.fields[" + std::to_string(mech.watch_field + mech.watch_index(w)) + "][_i] = (" +
                                     expression_text(w.condition) + ") ? 2.0 : 1.0;");
                }
            } else if constexpr (std::is_same_v<T, equation_statement>) {
                if (!in_equations) fail(where, "'~ lhs = rhs' belongs in a LINEAR or NONLINEAR block");
                // Residual lhs - rhs, one row per equation as they run.
                line(indent, "if (_eq < _n) _r[_eq] = (" + expression_text(n.lhs) + ") - (" + expression_text(n.rhs) + ");");
                line(indent, "++_eq;");
            }
        },
        s.node);
}

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

unknown_layout block_printer::unknowns_of(const code_block& block) {
    unknown_layout layout;
    // A reaction's species that is not a STATE is a constant there (NEURON's rule).
    const auto add = [&](const std::string& name, source_position where, bool species) {
        if (layout.offset.count(name)) return;
        const auto* v = mech.find(name);
        const bool state_field = v && v->storage == variable_storage::field &&
                                 std::any_of(mech.info.states.begin(), mech.info.states.end(), [&](const field_info& f) {
                                     return f.name == name || f.name.rfind(name + "[", 0) == 0;
                                 });
        const auto& dep = v && v->storage == variable_storage::ion ? mech.info.ions[v->ion] : ion_dependency{};
        const bool concentration = v && v->storage == variable_storage::ion &&
                                   ((v->quantity == ion_quantity::internal && dep.writes_internal) ||
                                    (v->quantity == ion_quantity::external && dep.writes_external));
        if (!state_field && !concentration) {
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
    };
    const std::function<void(const expression&, source_position)> add_states_read = [&](const expression& e, source_position where) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, variable_ref>) {
                    const auto* v = mech.find(n.name);
                    const bool state = v && std::any_of(mech.info.states.begin(), mech.info.states.end(), [&](const field_info& f) {
                                           return f.name == n.name || f.name.rfind(n.name + "[", 0) == 0;
                                       });
                    if (state && !find_local(n.name)) add(n.name, where, false);
                    if (n.index) add_states_read(*n.index, where);
                } else if constexpr (std::is_same_v<T, unary_expression>) {
                    add_states_read(*n.operand, where);
                } else if constexpr (std::is_same_v<T, binary_expression>) {
                    add_states_read(*n.lhs, where);
                    add_states_read(*n.rhs, where);
                } else if constexpr (std::is_same_v<T, call_expression>) {
                    for (const auto& a: n.arguments) add_states_read(*a, where);
                }
            },
            e.node);
    };
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
                        for (const auto* side: {&n.lhs, &n.rhs}) add_states_read(*side, s.position);
                    } else if constexpr (std::is_same_v<T, derivative_assignment>) {
                        add(n.state.name, s.position, false);
                    } else if constexpr (std::is_same_v<T, reaction_statement>) {
                        for (const auto& t: n.lhs) add(t.species.name, t.position, true);
                        for (const auto& t: n.rhs) add(t.species.name, t.position, true);
                    } else if constexpr (std::is_same_v<T, flux_statement>) {
                        add(n.species.name, s.position, false);
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

} // namespace cajal::nmodl
