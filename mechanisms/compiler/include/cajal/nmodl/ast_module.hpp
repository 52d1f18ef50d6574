#pragma once
// The top level of the NMODL syntax tree: one Module per .mod file, holding
// its blocks in source order.

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cajal/nmodl/ast_statement.hpp"
#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

struct Title {
    std::string text;
};

// ---- NEURON block

enum class MechanismKind { Density, PointProcess, ArtificialCell };

// SUFFIX, POINT_PROCESS, ARTIFICIAL_CELL.
struct MechanismName {
    MechanismKind kind = MechanismKind::Density;
    Name name;
};

struct UseIon {
    Name ion;
    std::vector<Name> read;
    std::vector<Name> write;
    std::optional<double> valence;
};

enum class NameListKind { Range, Global, Pointer, BbcorePointer, NonspecificCurrent, ElectrodeCurrent };

struct NameList {
    NameListKind kind = NameListKind::Range;
    std::vector<Name> names;
};

struct ThreadSafe {};

struct NeuronStatement {
    SourcePosition position;
    std::variant<MechanismName, UseIon, NameList, ThreadSafe> node;
};

struct NeuronBlock {
    std::vector<NeuronStatement> statements;
};

// ---- UNITS block

// `(mV) = (millivolt)`.
struct UnitAlias {
    std::string alias;
    std::string definition;
};

// `FARADAY = (faraday) (coulomb)` (physical_constant "faraday") or
// `R = 8.314 (J/K)` (value 8.314).
struct UnitConstant {
    Name name;
    std::optional<double> value;
    std::string physical_constant;
    std::string unit;
};

struct UnitsStatement {
    SourcePosition position;
    std::variant<UnitAlias, UnitConstant> node;
};

struct UnitsBlock {
    std::vector<UnitsStatement> statements;
};

// ---- PARAMETER, CONSTANT, ASSIGNED, STATE

enum class DeclarationKind { Parameter, Constant, Assigned, State };

// `gbar = 0.1 (S/cm2) <0, 1e9>`, `ca[NANN] (mM) <1e-6>`, `z FROM 0 TO 1`,
// `nai START 15.7 (mM)`.
struct VariableDeclaration {
    Name name;
    std::optional<ArraySize> array_size;
    std::optional<double> value;
    std::optional<double> start; // START, on STATE
    std::string unit;
    std::optional<std::pair<double, double>> limits; // <lo, hi>
    std::optional<double> tolerance;                 // <tol>, on STATE
    std::optional<std::pair<double, double>> range;  // FROM lo TO hi
};

struct DeclarationBlock {
    DeclarationKind kind = DeclarationKind::Parameter;
    std::vector<VariableDeclaration> variables;
};

// `INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }`.
struct IndependentVariable {
    Name name;
    double from = 0.0;
    double to = 0.0;
    long long with = 0;
    std::string unit;
};

struct IndependentBlock {
    std::vector<IndependentVariable> variables;
};

// `DEFINE NANN 4`.
struct Define {
    Name name;
    long long value = 0;
};

// ---- Blocks of code

enum class CodeBlockKind {
    Initial,
    Breakpoint,
    Derivative,
    Kinetic,
    Linear,
    Nonlinear,
    Procedure,
    Function,
    FunctionTable,
    NetReceive,
};

struct Argument {
    Name name;
    std::string unit;
};

// INITIAL and BREAKPOINT have no name; FUNCTION_TABLE has no body.
struct CodeBlock {
    CodeBlockKind kind = CodeBlockKind::Initial;
    std::optional<Name> name;
    std::vector<Argument> arguments;
    std::string return_unit; // FUNCTION and FUNCTION_TABLE
    StatementBlock body;
};

// ---- The module

struct ModuleItem {
    SourcePosition position;
    std::variant<Title, NeuronBlock, UnitsBlock, DeclarationBlock, IndependentBlock, Define, LocalStatement, CodeBlock,
                 UnitsToggle, Verbatim>
        node;
};

struct Module {
    std::string file;
    std::vector<ModuleItem> items;
};

} // namespace cajal::nmodl
