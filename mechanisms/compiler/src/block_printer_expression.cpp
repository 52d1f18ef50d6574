// Expressions, variables and calls as C++ (see block_printer.hpp).
#include "block_printer.hpp"

#include "builtin_functions.hpp"
#include "double_literal.hpp"

namespace cajal::nmodl {

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

} // namespace

std::string block_printer::ion_array(const variable& v) {
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
    return voltage_name;
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
        return joined(function_symbol(call.function) + "(_m, _i, " + voltage_name);
    }
    if (auto it = mech.procedures.find(call.function); it != mech.procedures.end()) {
        if (!as_statement) fail(where, "PROCEDURE '" + call.function + "' has no value; call it as a statement");
        arity(*it->second);
        return joined(procedure_symbol(call.function) + "(_m, _i, " + voltage_name);
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

} // namespace cajal::nmodl
