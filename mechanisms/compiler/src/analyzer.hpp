#pragma once
// The semantic analysis behind analyze(). Its methods are spread over
// analysis*.cpp by what they decide: what the file's items declare, where each
// variable lives, and what its SOLVEs run.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cajal/nmodl/analysis.hpp"

#include "analysis_units.hpp"

namespace cajal::nmodl {

class analyzer {
public:
    explicit analyzer(const mod_file& module) : module_(module) { out_.file = module.file; }

    analyzed_mechanism run();

private:
    struct declared_variable {
        const variable_declaration* declaration = nullptr;
        declaration_kind kind = declaration_kind::parameter;
        source_position position;
    };

    static constexpr const char* no_membrane_current = "an ARTIFICIAL_CELL has no membrane, so no current: make it a POINT_PROCESS";

    // Values the simulation provides; declaring them (as many files do) changes nothing.
    static bool is_special(const std::string& name) {
        return name == "v" || name == "t" || name == "dt" || name == "celsius" || name == "area" || name == "diam";
    }

    [[noreturn]] void fail(source_position where, const std::string& message) const { out_.fail(where, message); }

    // ---- What the file's items declare (analysis.cpp)
    void collect();
    void collect_item(const title&, source_position) {}
    void collect_item(const units_toggle&, source_position) {}
    void collect_item(const independent_block&, source_position) {}
    void collect_item(const verbatim&, source_position where);
    void collect_item(const include&, source_position where);
    void collect_item(const define& d, source_position where);
    void collect_item(const units_block& block, source_position);
    void collect_item(const local_statement& locals, source_position where);
    void collect_item(const declaration_block& block, source_position);
    void collect_item(const neuron_block& block, source_position where);
    void collect_item(const code_block& block, source_position where);
    void collect_names(const name_list& list, source_position where);
    void add_constant(const identifier& name, double value, source_position where);

    // ---- Where each variable lives: kind, ions, fields (analysis_storage.cpp)
    void check_neuron_block();
    ion_dependency& ion_named(const std::string& ion);
    void add_ion(const use_ion& u);
    void lay_out_fields();
    void add_field(const std::string& name, std::vector<field_info>& group, std::size_t& next);
    void add_field_named(const std::string& name, const std::string& unit, std::size_t size, double value, source_position where,
                         std::vector<field_info>& group, std::size_t& next);
    std::size_t array_length(const std::optional<array_extent>& extent, source_position where) const;
    void collect_watches(const statement_block& block);

    // ---- Whether the gating reads v, and the name of its shift (analysis_gating.cpp)
    bool gating_reads_voltage() const;
    void refuse_reserved_name(const identifier& name) const;

    // ---- What the SOLVEs run, and the checks of the blocks (analysis_solves.cpp)
    void find_solves();
    solve_step make_solve(const solve_statement& solve, source_position where) const;
    const code_block* solvable(const identifier& name) const;

    const mod_file& module_;
    analyzed_mechanism out_;
    std::map<std::string, long long> defines_;
    std::map<std::string, declared_variable> declared_;
    std::vector<std::string> declaration_order_;
    std::vector<std::pair<const local_variable*, source_position>> module_locals_;
    std::vector<const use_ion*> use_ions_;
    std::set<std::string> range_;
    std::vector<identifier> nonspecific_;
    std::optional<identifier> mechanism_name_;
    std::optional<source_position> neuron_position_;
    module_kind kind_ = module_kind::density;
    unit_constants units_;
    std::vector<std::pair<identifier, std::size_t>> written_ion_currents_;
    std::set<std::string> read_and_written_;
    bool gating_shifted_ = false;
};

} // namespace cajal::nmodl
