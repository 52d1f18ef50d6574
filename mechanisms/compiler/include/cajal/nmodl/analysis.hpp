#pragma once
// Semantic analysis: what the names of a .mod file mean, where each variable
// lives at run time, and which blocks the kernels run. The result points into
// the syntax tree, which must outlive it.
//
// Storage rules (see docs/nmodl.md): PARAMETERs, STATEs, ASSIGNED variables
// and module-level LOCALs are per-instance fields (NEURON's GLOBAL parameters
// too: a value painted uniformly is the same thing); ion reversal potentials
// and concentrations are the ion's per-CV arrays; CONSTANTs and UNITS
// constants are numbers; v, t, dt and celsius come from the simulation.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cajal/mechanisms/mechanism_info.hpp>

#include "cajal/nmodl/ast_module.hpp"
#include "cajal/nmodl/semantic_error.hpp"

namespace cajal::nmodl {

enum class variable_storage {
    field,        // per instance: fields[field + element][instance]
    ion,          // an ion's per-CV array
    constant,     // a number known when compiling
    voltage,      // v
    time,         // t
    time_step,    // dt
    temperature,  // celsius
};

enum class ion_quantity { reversal, internal, external, current };

struct variable {
    std::string name;
    variable_storage storage = variable_storage::field;
    std::size_t field = 0;        // first per-instance field
    std::size_t size = 1;         // elements
    bool is_array = false;
    double value = 0;             // constants
    std::size_t ion = 0;          // index into mechanism_info::ions
    ion_quantity quantity = ion_quantity::reversal;
    source_position declared;
};

// A current the BREAKPOINT block assigns: a nonspecific one, or an ion's.
struct current_variable {
    std::string name;
    std::size_t field = 0;
    std::optional<std::size_t> ion;   // none for NONSPECIFIC_CURRENT / ELECTRODE_CURRENT
    bool reads_total = false;         // also READ: holds the ion's total while integrating
};

// `SOLVE block METHOD method` or `SOLVE block STEADYSTATE method`.
struct solve_step {
    const code_block* block = nullptr;   // DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE
    std::string method;                  // cnexp, derivimplicit, euler, sparse; empty otherwise
    bool steady_state = false;
    source_position position;
};

// The RANGE PARAMETER (mV, default 0) that shifts a mechanism's gating: the
// blocks that compute gating read v - gating_vshift (docs/nmodl.md, "Shifting
// the gating voltage"). A .mod file may not declare the name.
inline constexpr const char* gating_vshift_name = "gating_vshift";

struct analyzed_mechanism {
    std::string file;
    mechanism_info info;
    std::map<std::string, variable> variables;
    std::map<std::string, const code_block*> functions, procedures, derivatives, kinetics, linears, nonlinears;
    const code_block* initial = nullptr;
    const code_block* breakpoint = nullptr;
    const code_block* net_receive = nullptr;
    std::vector<solve_step> state_solves;           // BREAKPOINT's SOLVEs, in order
    std::map<const solve_statement*, solve_step> solves;   // every SOLVE, BREAKPOINT's and INITIAL's
    std::vector<current_variable> currents;
    bool electrode_current = false;                 // currents are ELECTRODE_CURRENT (inward positive)
    // Each STATE's value before INITIAL, as NEURON sets it: the variable `<state>0`
    // where the file declares one (a per-instance field or a constant), else its
    // START value, else 0.
    std::map<std::size_t, double> state_start;       // state field -> value
    std::map<std::size_t, std::size_t> state_start_field;   // state field -> field of `<state>0`
    // Every `(condition) flag` of the WATCH statements in INITIAL and
    // NET_RECEIVE, in the file's order; the k-th keeps its state in field
    // watch_field + k (0 inactive, 1 active with the condition false, 2 true).
    std::vector<const watch*> watches;
    std::size_t watch_field = 0;
    // The field of gating_vshift, where INITIAL or a BREAKPOINT SOLVE reads v
    // (through what they call too); none otherwise.
    std::optional<std::size_t> gating_vshift_field;
    std::size_t watch_index(const watch& w) const;

    const variable* find(const std::string& name) const;
    [[noreturn]] void fail(source_position where, const std::string& message) const;
};

// Throws semantic_error for what cajal cannot compile (VERBATIM, POINTER, ...),
// naming the construct and what to do instead.
analyzed_mechanism analyze(const mod_file& module);

} // namespace cajal::nmodl
