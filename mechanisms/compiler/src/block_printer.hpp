#pragma once
// Prints NMODL statements and expressions as C++ that both the host compiler
// and nvcc accept: the bodies of the per-instance functions every kernel of a
// generated mechanism is built from. Variables print as their storage (see
// analysis.hpp): `_m.fields[k][_i]`, an ion's array at `_m.cv[_i]`, `_v`,
// `_m.t`, locals as `l_name`. The methods are spread over block_printer_*.cpp
// by what they print.

#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cajal/nmodl/analysis.hpp"

namespace cajal::nmodl {

// How `x' = f` statements print, by the method solving their block.
enum class derivative_mode {
    forbidden,   // outside a DERIVATIVE block being solved
    cnexp,       // x = x + (1 - exp(b·dt))·(-a/b - x) for f = a + b·x
    euler,       // _d[k] = f, applied after the block
    residual,    // _rate[k] = f, for the implicit methods' residual
};

// The unknowns of an implicit solve: each state in order, arrays expanded.
struct unknown_layout {
    std::map<std::string, std::size_t> offset;   // first unknown of each state
    std::vector<std::string> lvalues;            // where unknown k lives
    std::size_t size() const { return lvalues.size(); }
};

class block_printer {
public:
    explicit block_printer(const analyzed_mechanism& m);

    std::string expression_text(const expression& e);
    std::string lvalue(const variable_ref& ref, source_position where);
    std::string rvalue(const variable_ref& ref, source_position where);
    // voltage_name, unless the mechanism is an ARTIFICIAL_CELL, which has none.
    std::string voltage(source_position where) const;

    // Prints the statements of a block at `indent` levels, in a new scope.
    void print_block(const statement_block& block, int indent);

    void push_scope();
    void pop_scope();
    void declare_local(const std::string& name, std::size_t length, source_position where);

    // The C++ variable that v reads and writes, and that calls pass on: "_v",
    // or in the gating code of a mechanism with gating_vshift "_v_gating".
    std::string voltage_name = "_v";
    std::string function_name;                   // in a FUNCTION: assignments to it set _ret
    derivative_mode mode = derivative_mode::forbidden;
    bool in_net_receive = false;
    bool in_kinetic = false;                     // reactions, COMPARTMENT and CONSERVE allowed
    bool in_equations = false;                   // `~ lhs = rhs` allowed (LINEAR, NONLINEAR)
    const unknown_layout* unknowns = nullptr;    // for euler, residual and kinetic modes
    std::vector<std::string> conserve_rows;      // code run after a kinetic body, per CONSERVE
    std::function<void(const solve_step&, int indent)> on_solve;   // prints a SOLVE met in INITIAL

    std::ostringstream out;
    const analyzed_mechanism& mech;

    // Unknowns of the states a DERIVATIVE or KINETIC block integrates.
    unknown_layout unknowns_of(const code_block& block);

private:
    std::vector<std::map<std::string, std::size_t>> scopes_;   // local name -> array length (0: scalar)
    std::map<std::string, const expression*> definitions_;     // locals' last top-level values, for cnexp

    // ---- Blocks and statements (block_printer_statement.cpp)
    void statement(const statement& s, int indent);
    void call_line(const call_statement& s, source_position where, int indent);
    void locals(const local_statement& declaration, int indent);
    void from_loop(const from_statement& f, int indent);
    void solve(const solve_statement& s, source_position where, int indent);
    void arm_watches(const watch_statement& w, int indent);
    void line(int indent, const std::string& text);
    const std::size_t* find_local(const std::string& name) const;

    // ---- Expressions, variables and calls (block_printer_expression.cpp)
    std::string call_text(const call_expression& call, source_position where, bool as_statement);
    std::string index_text(const variable_ref& ref, source_position where);
    // An ion's per-CV array at the instance's CV; its current as a density.
    static std::string ion_array(const variable& v);

    // ---- What the blocks a SOLVE integrates or solves hold (block_printer_solver.cpp)
    std::string unknown_index(const variable_ref& ref, source_position where);
    void derivative(const derivative_assignment& d, source_position where, int indent);
    void reaction(const reaction_statement& r, source_position where, int indent);
    void flux(const flux_statement& f, source_position where, int indent);
    void compartment(const compartment_statement& c, source_position where, int indent);
    void conserve(const conserve_statement& c, source_position where, int indent);
    void equation(const equation_statement& e, source_position where, int indent);
    // Adds a state (or, where `species`, a reaction's species) to the unknowns.
    void add_unknown(unknown_layout& layout, const std::string& name, source_position where, bool species);
    // Adds the states an expression reads.
    void add_states_read(unknown_layout& layout, const expression& e, source_position where);

    [[noreturn]] void fail(source_position where, const std::string& message) const { mech.fail(where, message); }
};

// Names the generated code gives NMODL functions and procedures.
inline std::string function_symbol(const std::string& name) { return "f_" + name; }
inline std::string procedure_symbol(const std::string& name) { return "p_" + name; }

} // namespace cajal::nmodl
