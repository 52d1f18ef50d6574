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

struct Name {
    std::string text;
    SourcePosition position;
};

struct Statement;

struct StatementBlock {
    SourcePosition position; // of the '{'
    std::vector<Statement> statements;
};

// `x = value`, `x[i] = value`.
struct Assignment {
    VariableRef target;
    Expression value;
};

// `x' = value`, `x[i]' = value`.
struct DerivativeAssignment {
    VariableRef state;
    Expression value;
};

// A call whose value is dropped: `rates(v)`, `net_send(0, 1)`.
struct CallStatement {
    Expression call;
};

// `x[N]`: the size is a number or a name from DEFINE.
struct ArraySize {
    std::optional<long long> value;
    std::string define;
};

struct LocalVariable {
    Name name;
    std::optional<ArraySize> array_size;
};

struct LocalStatement {
    std::vector<LocalVariable> variables;
};

// `if (c) {...} else if (d) {...} else {...}`: an `else if` is an else
// branch holding one IfStatement.
struct IfStatement {
    Expression condition;
    StatementBlock then_branch;
    std::optional<StatementBlock> else_branch;
};

struct WhileStatement {
    Expression condition;
    StatementBlock body;
};

// `FROM i = a TO b BY c { ... }`.
struct FromStatement {
    Name variable;
    Expression from;
    Expression to;
    std::optional<Expression> by;
    StatementBlock body;
};

enum class SolveKind { Plain, Method, SteadyState };

// `SOLVE states METHOD cnexp`, `SOLVE kin STEADYSTATE sparse`, `SOLVE clamp`.
struct SolveStatement {
    Name block;
    SolveKind kind = SolveKind::Plain;
    std::optional<Name> method;
};

// `TABLE a, b DEPEND c FROM lo TO hi WITH n`.
struct TableStatement {
    std::vector<Name> names;
    std::vector<Name> depends;
    Expression from;
    Expression to;
    long long with = 0;
};

struct UnitsToggle {
    bool on = false; // UNITSON, or UNITSOFF
};

struct MutexToggle {
    bool lock = false; // MUTEXLOCK, or MUTEXUNLOCK
};

struct Verbatim {
    std::string text;
};

// The INITIAL block inside NET_RECEIVE.
struct NestedInitial {
    StatementBlock body;
};

// One species of a reaction, with its stoichiometric coefficient: `2 ca[i]`.
struct ReactionTerm {
    int coefficient = 1;
    VariableRef species;
    SourcePosition position;
};

// `~ A + B <-> C (kf, kb)`.
struct ReactionStatement {
    std::vector<ReactionTerm> lhs;
    std::vector<ReactionTerm> rhs;
    Expression forward_rate;
    Expression backward_rate;
};

// `~ A << (flux)`.
struct FluxStatement {
    VariableRef species;
    Expression flux;
};

// `~ lhs = rhs` in LINEAR and NONLINEAR blocks.
struct EquationStatement {
    Expression lhs;
    Expression rhs;
};

// `CONSERVE A + B = total`.
struct ConserveStatement {
    Expression lhs;
    Expression rhs;
};

// `COMPARTMENT i, volume {species}` and
// `LONGITUDINAL_DIFFUSION i, flux {species}`; the index is optional.
struct CompartmentStatement {
    bool longitudinal_diffusion = false;
    std::optional<Name> index;
    Expression expression;
    std::vector<Name> species;
};

struct Statement {
    SourcePosition position;
    std::variant<Assignment, DerivativeAssignment, CallStatement, LocalStatement, IfStatement, WhileStatement,
                 FromStatement, SolveStatement, TableStatement, UnitsToggle, MutexToggle, Verbatim, NestedInitial,
                 ReactionStatement, FluxStatement, EquationStatement, ConserveStatement, CompartmentStatement>
        node;
};

} // namespace cajal::nmodl
