// The per-instance functions of a mechanism (see instance_functions.hpp and
// docs/nmodl.md for the kernels' semantics).
#include "instance_functions.hpp"

#include <set>
#include <sstream>

#include "block_printer.hpp"
#include "double_literal.hpp"

namespace cajal::nmodl {

const nested_initial* nested_initial_of(const code_block& net_receive) {
    for (const auto& s: net_receive.body.statements) {
        if (const auto* initial = std::get_if<nested_initial>(&s.node)) return initial;
    }
    return nullptr;
}

namespace {

// NMODL code may assign v (to step around a singularity of its rates); as in
// NEURON that changes the mechanism's copy, which later calls see.
constexpr const char* instance_parameters = "[[maybe_unused]] const mechanism_view& _m, [[maybe_unused]] std::size_t _i, [[maybe_unused]] double& _v";

class instance_printer {
public:
    explicit instance_printer(const analyzed_mechanism& m) : m_(m) {}

    // The host-device functions every kernel calls, in namespace scope.
    std::string elements() {
        out_ << "using cajal::mechanism_view;\nnamespace rt = cajal::nmodl_runtime;\n\n";
        for (const auto& [name, block]: m_.functions) out_ << signature(*block, true) << ";\n";
        for (const auto& [name, block]: m_.procedures) out_ << signature(*block, false) << ";\n";
        out_ << '\n';
        for (const auto& [name, block]: m_.functions) callable(*block, true);
        for (const auto& [name, block]: m_.procedures) callable(*block, false);
        for (const auto& step: m_.state_solves) solver(step);
        for (const auto& [statement, step]: m_.solves) {
            if (step.steady_state) solver(step);
        }
        initialize();
        if (has_currents()) currents();
        advance();
        if (m_.net_receive) net_receive();
        if (!m_.watches.empty()) check_watches();
        return out_.str();
    }

private:
    const analyzed_mechanism& m_;
    std::ostringstream out_;

    bool has_currents() const { return !m_.currents.empty(); }

    // A current a mechanism both READs and WRITEs holds the ion's total before
    // INITIAL and before integrating (NEURON loads it there), so that a pump
    // sees every other mechanism's current; BREAKPOINT then sets its own part.
    std::string load_ion_totals() const {
        std::string code;
        for (const auto& c: m_.currents) {
            if (!c.ion || !c.reads_total) continue;
            code += "    _m.fields[" + std::to_string(c.field) + "][_i] = _m.ions[" + std::to_string(*c.ion) + "].current[_m.cv[_i]] / _m.scale[_i];\n";
        }
        return code;
    }
    std::set<std::string> solvers_;

    std::string signature(const code_block& block, bool function) const {
        std::string s = std::string("CAJAL_HOST_DEVICE ") + (function ? "double " : "void ") +
                        (function ? function_symbol(block.name->text) : procedure_symbol(block.name->text)) + "(" + instance_parameters;
        for (const auto& a: block.arguments) s += ", double l_" + a.name.text;
        return s + ")";
    }

    void callable(const code_block& block, bool function) {
        block_printer p(m_);
        p.push_scope();
        for (const auto& a: block.arguments) p.declare_local(a.name.text, 0, a.name.position);
        if (function) p.function_name = block.name->text;
        out_ << signature(block, function) << " {\n";
        if (function) out_ << "    double _ret = 0.0;\n";
        p.print_block(block.body, 1);
        out_ << p.out.str();
        if (function) out_ << "    return _ret;\n";
        out_ << "}\n\n";
    }

    static std::string solver_name(const solve_step& step) {
        const auto& name = step.block->name->text;
        if (step.block->kind == code_block_kind::procedure) return procedure_symbol(name);
        if (step.block->kind == code_block_kind::linear || step.block->kind == code_block_kind::nonlinear) return "solve_" + name;
        if (step.method == "cnexp") return "solve_" + name + "_cnexp";
        if (step.method == "euler") return "solve_" + name + "_euler";
        return "solve_" + name + "_implicit";
    }

    void solver(const solve_step& step) {
        const auto kind = step.block->kind;
        if (kind == code_block_kind::procedure) return;
        const auto name = solver_name(step);
        if (!solvers_.insert(name).second) return;
        if (kind == code_block_kind::linear || kind == code_block_kind::nonlinear) {
            equations(step, name);
            return;
        }
        block_printer p(m_);
        const auto unknowns = p.unknowns_of(*step.block);
        p.unknowns = &unknowns;
        const auto n = std::to_string(unknowns.size());
        if (step.method == "cnexp" || step.method == "euler") {
            if (kind == code_block_kind::kinetic) m_.fail(step.position, "a KINETIC block needs METHOD sparse");
            p.mode = step.method == "cnexp" ? derivative_mode::cnexp : derivative_mode::euler;
            out_ << "CAJAL_HOST_DEVICE void " << name << "(" << instance_parameters << ") {\n";
            if (p.mode == derivative_mode::euler) out_ << "    double _d[" << n << "] = {};\n";
            p.print_block(step.block->body, 1);
            out_ << p.out.str();
            if (p.mode == derivative_mode::euler) {
                for (std::size_t k = 0; k < unknowns.size(); ++k) {
                    out_ << "    " << unknowns.lvalues[k] << " += _m.dt * _d[" << k << "];\n";
                }
            }
            out_ << "}\n\n";
            return;
        }
        // Backward Euler by Newton: vol·(x - x0)/dt = rate(x), rows replaced by CONSERVE laws.
        p.mode = derivative_mode::residual;
        p.in_kinetic = kind == code_block_kind::kinetic;
        p.print_block(step.block->body, 2);
        const auto residual = "residual_" + step.block->name->text;
        out_ << "struct " << residual << " {\n"
             << "    const mechanism_view& _m;\n    std::size_t _i;\n    double& _v;\n    double _dt;\n    const double* _x0;\n"
             << "    CAJAL_HOST_DEVICE void operator()(const double* _x, double* _r) const {\n";
        for (std::size_t k = 0; k < unknowns.size(); ++k) out_ << "        " << unknowns.lvalues[k] << " = _x[" << k << "];\n";
        out_ << "        double _rate[" << n << "] = {};\n        double _vol[" << n << "];\n"
             << "        [[maybe_unused]] double _f_flux = 0.0, _b_flux = 0.0;\n"
             << "        for (int _k = 0; _k < " << n << "; ++_k) _vol[_k] = 1.0;\n"
             << p.out.str() << "        for (int _k = 0; _k < " << n << "; ++_k) _r[_k] = _vol[_k] * (_x[_k] - _x0[_k]) / _dt - _rate[_k];\n";
        for (const auto& row: p.conserve_rows) out_ << "        " << row << "\n";
        out_ << "    }\n};\n\n";
        out_ << "CAJAL_HOST_DEVICE void " << name << "(" << instance_parameters << ", double _dt) {\n"
             << "    double _x0[" << n << "], _x[" << n << "];\n";
        for (std::size_t k = 0; k < unknowns.size(); ++k) out_ << "    _x[" << k << "] = _x0[" << k << "] = " << unknowns.lvalues[k] << ";\n";
        out_ << "    rt::newton<" << n << ">(" << residual << "{_m, _i, _v, _dt, _x0}, _x);\n";
        for (std::size_t k = 0; k < unknowns.size(); ++k) out_ << "    " << unknowns.lvalues[k] << " = _x[" << k << "];\n";
        out_ << "}\n\n";
    }

    // LINEAR and NONLINEAR: Newton's method on the residuals lhs - rhs of the
    // equations, for the STATEs they name (one step for a linear system).
    void equations(const solve_step& step, const std::string& name) {
        block_printer p(m_);
        const auto unknowns = p.unknowns_of(*step.block);
        if (unknowns.size() == 0) m_.fail(step.position, "block '" + step.block->name->text + "' has no equation with a STATE to solve for");
        // Without loops or branches the equations can be counted here.
        std::size_t count = 0;
        bool straight = true;
        for (const auto& s: step.block->body.statements) {
            count += std::holds_alternative<equation_statement>(s.node);
            straight = straight && !std::holds_alternative<if_statement>(s.node) && !std::holds_alternative<while_statement>(s.node) &&
                       !std::holds_alternative<from_statement>(s.node);
        }
        if (straight && count != unknowns.size()) {
            std::string names;
            for (const auto& [state, offset]: unknowns.offset) names += (names.empty() ? "" : ", ") + state;
            m_.fail(step.block->body.position, "block '" + step.block->name->text + "' has " + std::to_string(count) +
                                                   " equation(s) for " + std::to_string(unknowns.size()) + " unknown STATE(s) (" + names +
                                                   "): every STATE its equations name is solved for");
        }
        p.unknowns = &unknowns;
        p.in_equations = true;
        p.print_block(step.block->body, 2);
        const auto n = std::to_string(unknowns.size());
        const auto residual = "residual_" + step.block->name->text;
        out_ << "struct " << residual << " {\n"
             << "    const mechanism_view& _m;\n    std::size_t _i;\n    double& _v;\n"
             << "    CAJAL_HOST_DEVICE void operator()(const double* _x, double* _r) const {\n"
             << "        constexpr int _n = " << n << ";\n        int _eq = 0;\n";
        for (std::size_t k = 0; k < unknowns.size(); ++k) out_ << "        " << unknowns.lvalues[k] << " = _x[" << k << "];\n";
        out_ << p.out.str()
             << "        for (int _k = _eq; _k < _n; ++_k) _r[_k] = 0.0;   // fewer equations than unknowns: singular, Newton reports it\n"
             << "    }\n};\n\n"
             << "CAJAL_HOST_DEVICE void " << name << "(" << instance_parameters << ") {\n    double _x[" << n << "];\n";
        for (std::size_t k = 0; k < unknowns.size(); ++k) out_ << "    _x[" << k << "] = " << unknowns.lvalues[k] << ";\n";
        out_ << "    rt::newton<" << n << ">(" << residual << "{_m, _i, _v}, _x);\n";
        for (std::size_t k = 0; k < unknowns.size(); ++k) out_ << "    " << unknowns.lvalues[k] << " = _x[" << k << "];\n";
        out_ << "}\n\n";
    }

    // The solver's call, passing `voltage` as its v.
    std::string solve_call(const solve_step& step, const std::string& voltage) const {
        const auto name = solver_name(step);
        const auto head = name + "(_m, _i, " + voltage;
        // STEADYSTATE as NEURON solves it, by implicit steps of 1e9 ms; repeated
        // (7 times) so that slow exchanges settle as well (capmp's reservoir).
        if (step.steady_state) return "for (int _k = 0; _k < 7; ++_k) " + head + ", 1e9);";
        const auto kind = step.block->kind;
        if (kind == code_block_kind::procedure || kind == code_block_kind::linear || kind == code_block_kind::nonlinear ||
            step.method == "cnexp" || step.method == "euler") {
            return head + ");";
        }
        return head + ", _m.dt);";
    }

    // The voltage the gating code sees (docs/nmodl.md, "Shifting the gating
    // voltage"): INITIAL and BREAKPOINT's SOLVEs read and pass on _v_gating,
    // declared after _v by gating_voltage_declaration, where the mechanism has
    // gating_vshift; the currents, NET_RECEIVE and WATCH conditions read _v.
    std::string gating_voltage() const { return m_.gating_vshift_field ? "_v_gating" : "_v"; }

    std::string gating_voltage_declaration() const {
        if (!m_.gating_vshift_field) return "";
        return "    [[maybe_unused]] double _v_gating = _v - _m.fields[" + std::to_string(*m_.gating_vshift_field) + "][_i];\n";
    }

    void initialize() {
        block_printer p(m_);
        p.voltage_name = gating_voltage();
        p.on_solve = [&](const solve_step& step, int indent) {
            if (!step.steady_state) solver(step);
            p.out << std::string(static_cast<std::size_t>(4 * indent), ' ') << solve_call(step, p.voltage_name) << "\n";
        };
        if (m_.initial) p.print_block(m_.initial->body, 1);
        out_ << "CAJAL_HOST_DEVICE void initialize_instance(const mechanism_view& _m, std::size_t _i) {\n"
             << "    [[maybe_unused]] double _v = _m.v[_m.cv[_i]];\n" << gating_voltage_declaration() << watch_prologue();
        for (std::size_t k = 0; k < m_.watches.size(); ++k) out_ << "    _m.fields[" << m_.watch_field + k << "][_i] = 0.0;\n";
        const std::size_t first_state = m_.info.parameters.size();
        for (std::size_t k = 0; k < m_.info.states.size(); ++k) {
            const auto field = first_state + k;
            out_ << "    _m.fields[" << field << "][_i] = ";
            if (auto from = m_.state_start_field.find(field); from != m_.state_start_field.end()) {
                out_ << "_m.fields[" << from->second << "][_i];\n";
            } else {
                auto it = m_.state_start.find(field);
                out_ << real_literal(it == m_.state_start.end() ? 0.0 : it->second) << ";\n";
            }
        }
        out_ << load_ion_totals() << p.out.str() << "}\n\n";
    }

    // BREAKPOINT without its SOLVEs: the currents at v, summed.
    void current_function() {
        block_printer p(m_);
        p.on_solve = [](const solve_step&, int) {};
        if (m_.breakpoint) p.print_block(m_.breakpoint->body, 1);
        out_ << "CAJAL_HOST_DEVICE double current_at([[maybe_unused]] const mechanism_view& _m, [[maybe_unused]] std::size_t _i, "
                "[[maybe_unused]] double _v) {\n" << p.out.str() << "    return 0.0";
        for (const auto& c: m_.currents) out_ << " + _m.fields[" << c.field << "][_i]";
        out_ << ";\n}\n\n";
    }

    // NEURON's rule: the conductance is the slope of the current between v and
    // v + 0.001 mV; the BREAKPOINT runs at v last, so assigned values are v's.
    // In two parts, so that the CPU can run the arithmetic of point processes
    // (which may share a CV) in SIMD lanes and add to the CVs in order after:
    // currents_in_lane writes an instance's current, its conductance and each
    // ion current's dI difference to out[k * stride]; add_currents adds them.
    void currents() {
        current_function();
        const bool point = m_.info.kind == mechanism_kind::point_process;
        const std::string add = point ? "rt::accumulate(" : "rt::add(";
        const std::string sign = m_.electrode_current ? "-" : "";
        std::size_t outputs = 2;
        for (const auto& c: m_.currents) outputs += c.ion ? 1 : 0;
        out_ << "constexpr std::size_t current_outputs = " << outputs << ";\n\n"
             << "CAJAL_HOST_DEVICE void currents_in_lane(const mechanism_view& _m, std::size_t _i, double* _out, std::size_t _stride) {\n"
             << "    const int _cv = _m.cv[_i];\n    const double _vm = _m.v[_cv];\n"
             << "    double _g = current_at(_m, _i, _vm + 0.001);\n";
        for (std::size_t k = 0; k < m_.currents.size(); ++k) {
            if (m_.currents[k].ion) out_ << "    const double _di" << k << " = _m.fields[" << m_.currents[k].field << "][_i];\n";
        }
        out_ << "    const double _rhs = current_at(_m, _i, _vm);\n"
             << "    _out[0] = _rhs;\n    _out[_stride] = (_g - _rhs) / 0.001;\n";
        std::size_t slot = 2;
        for (std::size_t k = 0; k < m_.currents.size(); ++k) {
            if (!m_.currents[k].ion) continue;
            out_ << "    _out[" << slot++ << " * _stride] = _di" << k << " - _m.fields[" << m_.currents[k].field << "][_i];\n";
        }
        out_ << "}\n\n"
             << "CAJAL_HOST_DEVICE void add_currents(const mechanism_view& _m, std::size_t _i, const double* _out, std::size_t _stride) {\n"
             << "    const int _cv = _m.cv[_i];\n    const double _s = _m.scale[_i];\n"
             << "    " << add << "&_m.current[_cv], " << sign << "_s * _out[0]);\n"
             << "    " << add << "&_m.conductance[_cv], " << sign << "_s * _out[_stride]);\n";
        // An electrode's share, kept apart where the membrane current is recorded (NEURON's i_membrane_ leaves it out).
        if (m_.electrode_current) {
            out_ << "    if (_m.electrode_current) {\n"
                 << "        " << add << "&_m.electrode_current[_cv], -_s * _out[0]);\n"
                 << "        " << add << "&_m.electrode_conductance[_cv], -_s * _out[_stride]);\n"
                 << "    }\n";
        }
        slot = 2;
        for (std::size_t k = 0; k < m_.currents.size(); ++k) {
            const auto& c = m_.currents[k];
            if (!c.ion) continue;
            const auto ion = "_m.ions[" + std::to_string(*c.ion) + "]";
            out_ << "    " << add << "&" << ion << ".current[_cv], _s * _m.fields[" << c.field << "][_i]);\n"
                 << "    " << add << "&" << ion << ".conductance[_cv], _s * _out[" << slot++ << " * _stride] / 0.001);\n";
        }
        out_ << "}\n\n"
             << "CAJAL_HOST_DEVICE void compute_currents_instance(const mechanism_view& _m, std::size_t _i) {\n"
             << "    double _out[current_outputs];\n    currents_in_lane(_m, _i, _out, 1);\n    add_currents(_m, _i, _out, 1);\n}\n\n";
    }

    void advance() {
        block_printer p(m_);
        for (const auto& step: m_.state_solves) p.out << "    " << solve_call(step, gating_voltage()) << "\n";
        if (!has_currents() && m_.breakpoint) {
            // Without currents NEURON runs the rest of BREAKPOINT after the integration.
            p.on_solve = [](const solve_step&, int) {};
            p.print_block(m_.breakpoint->body, 1);
        }
        out_ << "CAJAL_HOST_DEVICE void advance_state_instance(const mechanism_view& _m, std::size_t _i) {\n"
             << "    [[maybe_unused]] double _v = _m.v[_m.cv[_i]];\n" << gating_voltage_declaration()
             << load_ion_totals() << p.out.str() << "}\n\n";
    }

    void net_receive() {
        const auto& block = *m_.net_receive;
        const std::string rows = std::to_string(m_.info.net_receive_arguments);
        // The arguments are the connection's row of connection_args: the weight,
        // then values NET_RECEIVE keeps per connection (NEURON's NetCon weight
        // vector). A self-event sent from INITIAL has no connection: zeros.
        const auto bind_arguments = [&] {
            std::string text = "    double _no_connection[" + rows + "] = {};\n"
                               "    double* _args = _connection >= 0 ? _m.connection_args + static_cast<std::size_t>(_connection) * " + rows +
                               " : _no_connection;\n";
            for (std::size_t k = 0; k < block.arguments.size(); ++k) {
                text += "    [[maybe_unused]] double& l_" + block.arguments[k].name.text + " = _args[" + std::to_string(k) + "];\n";
            }
            return text;
        };
        const auto printer = [&] {
            block_printer p(m_);
            p.in_net_receive = true;
            p.push_scope();
            for (const auto& a: block.arguments) p.declare_local(a.name.text, 0, a.name.position);
            return p;
        };
        block_printer on_event = printer();
        on_event.print_block(block.body, 1);
        // FUNCTIONs and PROCEDUREs called from NET_RECEIVE see the event's time
        // as t too, as in NEURON: they get a view whose t is the event's.
        out_ << "CAJAL_HOST_DEVICE void net_receive_instance(const mechanism_view& _m_step, std::size_t _i, int _connection, "
                "[[maybe_unused]] double _flag, [[maybe_unused]] double _t) {\n"
             << "    mechanism_view _m_event = _m_step;\n"
             << "    _m_event.t = _t;\n"
             << "    const mechanism_view& _m = _m_event;\n"
             << "    [[maybe_unused]] double _v = _m.v[_m.cv[_i]];\n"
             << watch_prologue() << bind_arguments() << on_event.out.str() << "}\n\n";
        const auto* initial = nested_initial_of(block);
        if (!initial) return;
        block_printer at_start = printer();
        at_start.print_block(initial->body, 1);
        out_ << "CAJAL_HOST_DEVICE void net_init_instance(const mechanism_view& _m, std::size_t _i, int _connection) {\n"
             << "    [[maybe_unused]] double _v = _m.v[_m.cv[_i]];\n"
             << "    [[maybe_unused]] const double _t = _m.t;\n"
             << "    [[maybe_unused]] const double _flag = 0;\n"
             << watch_prologue() << bind_arguments() << at_start.out.str() << "}\n\n";
    }

    // Whether this call has turned the instance's watches off yet (see WATCH).
    std::string watch_prologue() const { return m_.watches.empty() ? "" : "    [[maybe_unused]] bool _watch_cleared = false;\n"; }

    // After each step: an armed watch whose condition turned from false to
    // true sends its flag as a self-event at once (NEURON's fixed step checks
    // then too); it stays armed.
    void check_watches() {
        block_printer p(m_);
        out_ << "CAJAL_HOST_DEVICE void check_watches_instance(const mechanism_view& _m, std::size_t _i) {\n"
             << "    [[maybe_unused]] double _v = _m.v[_m.cv[_i]];\n";
        for (std::size_t k = 0; k < m_.watches.size(); ++k) {
            const auto& w = *m_.watches[k];
            out_ << "    {\n        double& _state = _m.fields[" << m_.watch_field + k << "][_i];\n"
                 << "        if (_state != 0.0) {\n"
                 << "            const bool _now = " << p.expression_text(w.condition) << ";\n"
                 << "            if (_now && _state == 1.0) rt::request(_m.requests, cajal::event_request_kind::send, _i, _m.t, "
                 << real_literal(w.flag) << ", -1);\n"
                 << "            _state = _now ? 2.0 : 1.0;\n        }\n    }\n";
        }
        out_ << "}\n\n";
    }
};

} // namespace

std::string instance_functions(const analyzed_mechanism& m) { return instance_printer(m).elements(); }

} // namespace cajal::nmodl
