#pragma once
// The top level of the NMODL syntax tree: one mod_file per .mod file, holding
// its blocks in source order.

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cajal/nmodl/ast_statement.hpp"
#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

struct title {
    std::string text;
};

// ---- NEURON block

enum class module_kind { density, point_process, artificial_cell };

// SUFFIX, POINT_PROCESS, ARTIFICIAL_CELL.
struct mechanism_name {
    module_kind kind = module_kind::density;
    identifier name;
};

struct use_ion {
    identifier ion;
    std::vector<identifier> read;
    std::vector<identifier> write;
    std::optional<double> valence;
};

enum class name_list_kind { range, global, pointer, bbcore_pointer, nonspecific_current, electrode_current };

struct name_list {
    name_list_kind kind = name_list_kind::range;
    std::vector<identifier> names;
};

struct thread_safe {};

struct neuron_statement {
    source_position position;
    std::variant<mechanism_name, use_ion, name_list, thread_safe> node;
};

struct neuron_block {
    std::vector<neuron_statement> statements;
};

// ---- UNITS block

// `(mV) = (millivolt)`.
struct unit_alias {
    std::string alias;
    std::string definition;
};

// `FARADAY = (faraday) (coulomb)` (physical_constant "faraday") or
// `R = 8.314 (J/K)` (value 8.314).
struct unit_constant {
    identifier name;
    std::optional<double> value;
    std::string physical_constant;
    std::string unit;
};

struct units_statement {
    source_position position;
    std::variant<unit_alias, unit_constant> node;
};

struct units_block {
    std::vector<units_statement> statements;
};

// ---- PARAMETER, CONSTANT, ASSIGNED, STATE

enum class declaration_kind { parameter, constant, assigned, state };

// `gbar = 0.1 (S/cm2) <0, 1e9>`, `ca[NANN] (mM) <1e-6>`, `z FROM 0 TO 1`,
// `nai START 15.7 (mM)`.
struct variable_declaration {
    identifier name;
    std::optional<array_extent> array_size;
    std::optional<double> value;
    std::optional<double> start; // START, on STATE
    std::string unit;
    std::optional<std::pair<double, double>> limits; // <lo, hi>
    std::optional<double> tolerance;                 // <tol>, on STATE
    std::optional<std::pair<double, double>> range;  // FROM lo TO hi
};

struct declaration_block {
    declaration_kind kind = declaration_kind::parameter;
    std::vector<variable_declaration> variables;
};

// `INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }`.
struct independent_variable {
    identifier name;
    double from = 0.0;
    double to = 0.0;
    long long with = 0;
    std::string unit;
};

struct independent_block {
    std::vector<independent_variable> variables;
};

// `DEFINE NANN 4`.
struct define {
    identifier name;
    long long value = 0;
};

// ---- Blocks of code

enum class code_block_kind {
    initial,
    breakpoint,
    derivative,
    kinetic,
    linear,
    nonlinear,
    procedure,
    function,
    function_table,
    net_receive,
};

struct argument {
    identifier name;
    std::string unit;
};

// INITIAL and BREAKPOINT have no name; FUNCTION_TABLE has no body.
struct code_block {
    code_block_kind kind = code_block_kind::initial;
    std::optional<identifier> name;
    std::vector<argument> arguments;
    std::string return_unit; // FUNCTION and FUNCTION_TABLE
    statement_block body;
};

// ---- The module

// `INCLUDE "file"`, kept unresolved.
struct include {
    std::string file;
};

struct module_item {
    source_position position;
    std::variant<title, neuron_block, units_block, declaration_block, independent_block, define, local_statement,
                 code_block, units_toggle, verbatim, include>
        node;
};

struct mod_file {
    std::string file;
    std::vector<module_item> items;
};

} // namespace cajal::nmodl
