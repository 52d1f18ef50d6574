#pragma once
// Statements of the NMODL syntax tree, including those only kinetic, linear
// and nonlinear blocks hold.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cajal/nmodl/ast_expression.hpp"
#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

struct identifier {
    std::string text;
    source_position position;
};

struct statement;

struct statement_block {
    source_position position; // of the '{'
    std::vector<statement> statements;
};

// `x = value`, `x[i] = value`, `PROTECT x = value`.
struct assignment {
    variable_ref target;
    expression value;
    bool protect = false; // PROTECT: the update is made under a lock
};

// `x' = value`, `x[i]' = value`.
struct derivative_assignment {
    variable_ref state;
    expression value;
};

// A call whose value is dropped: `rates(v)`, `net_send(0, 1)`.
struct call_statement {
    expression call;
};

// `x[N]`: the size is a number or a name from DEFINE.
struct array_extent {
    std::optional<long long> value;
    std::string define;
};

struct local_variable {
    identifier name;
    std::optional<array_extent> array_size;
};

struct local_statement {
    std::vector<local_variable> variables;
};

// `if (c) {...} else if (d) {...} else {...}`: an `else if` is an else
// branch holding one if_statement.
struct if_statement {
    expression condition;
    statement_block then_branch;
    std::optional<statement_block> else_branch;
};

struct while_statement {
    expression condition;
    statement_block body;
};

// `FROM i = a TO b BY c { ... }`.
struct from_statement {
    identifier variable;
    expression from;
    expression to;
    std::optional<expression> by;
    statement_block body;
};

enum class solve_kind { plain, method, steady_state };

// `SOLVE states METHOD cnexp`, `SOLVE kin STEADYSTATE sparse`, `SOLVE clamp`.
struct solve_statement {
    identifier block;
    solve_kind kind = solve_kind::plain;
    std::optional<identifier> method;
};

// `TABLE a, b DEPEND c FROM lo TO hi WITH n`.
struct table_statement {
    std::vector<identifier> names;
    std::vector<identifier> depends;
    expression from;
    expression to;
    long long with = 0;
};

struct units_toggle {
    bool on = false; // UNITSON, or UNITSOFF
};

struct mutex_toggle {
    bool lock = false; // MUTEXLOCK, or MUTEXUNLOCK
};

struct verbatim {
    std::string text;
};

// The INITIAL block inside NET_RECEIVE.
struct nested_initial {
    statement_block body;
};

// One species of a reaction, with its stoichiometric coefficient: `2 ca[i]`.
struct reaction_term {
    int coefficient = 1;
    variable_ref species;
    source_position position;
};

// `~ A + B <-> C (kf, kb)`, or the one-way `~ A -> B (kf)`, which is
// irreversible and whose backward rate is the literal 0.
struct reaction_statement {
    std::vector<reaction_term> lhs;
    std::vector<reaction_term> rhs;
    expression forward_rate;
    expression backward_rate;
    bool irreversible = false;
};

// `~ A << (flux)`.
struct flux_statement {
    variable_ref species;
    expression flux;
};

// `~ lhs = rhs` in LINEAR and NONLINEAR blocks.
struct equation_statement {
    expression lhs;
    expression rhs;
};

// `CONSERVE A + B = total`.
struct conserve_statement {
    expression lhs;
    expression rhs;
};

// `COMPARTMENT i, volume {species}` and
// `LONGITUDINAL_DIFFUSION i, flux {species}`; the index is optional.
struct compartment_statement {
    bool longitudinal_diffusion = false;
    std::optional<identifier> index;
    expression value;
    std::vector<identifier> species;
};

// One `(lhs > rhs) flag` of a WATCH statement; the condition compares with
// '<' or '>'.
struct watch {
    expression condition;
    double flag = 0.0;
};

// `WATCH (v > thresh) 2, (w < 0) 3`, in NET_RECEIVE and INITIAL.
struct watch_statement {
    std::vector<watch> watches;
};

struct statement {
    source_position position;
    std::variant<assignment, derivative_assignment, call_statement, local_statement, if_statement, while_statement,
                 from_statement, solve_statement, table_statement, units_toggle, mutex_toggle, verbatim, nested_initial,
                 reaction_statement, flux_statement, equation_statement, conserve_statement, compartment_statement,
                 watch_statement>
        node;
};

} // namespace cajal::nmodl
