// Semantic analysis (see analysis.hpp): names, storage, blocks, solves.
#include "cajal/nmodl/analysis.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "analysis_units.hpp"

namespace cajal::nmodl {

const variable* analyzed_mechanism::find(const std::string& name) const {
    auto it = variables.find(name);
    return it == variables.end() ? nullptr : &it->second;
}

void analyzed_mechanism::fail(source_position where, const std::string& message) const { throw semantic_error(file, where, message); }

std::size_t analyzed_mechanism::watch_index(const watch& w) const {
    return static_cast<std::size_t>(std::find(watches.begin(), watches.end(), &w) - watches.begin());
}

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

constexpr const char* no_membrane_current = "an ARTIFICIAL_CELL has no membrane, so no current: make it a POINT_PROCESS";

// Values the simulation provides; declaring them (as many files do) changes nothing.
bool is_special(const std::string& name) {
    return name == "v" || name == "t" || name == "dt" || name == "celsius" || name == "area" || name == "diam";
}

// What an ion variable's name says it is: ena, nai, nao, ina for ion na.
std::optional<ion_quantity> ion_role(const std::string& ion, const std::string& name) {
    if (name == "e" + ion) return ion_quantity::reversal;
    if (name == ion + "i") return ion_quantity::internal;
    if (name == ion + "o") return ion_quantity::external;
    if (name == "i" + ion) return ion_quantity::current;
    return std::nullopt;
}

struct declared_variable {
    const variable_declaration* declaration = nullptr;
    declaration_kind kind = declaration_kind::parameter;
    source_position position;
};

class analyzer {
public:
    explicit analyzer(const mod_file& module) : module_(module) { out_.file = module.file; }

    analyzed_mechanism run() {
        collect();
        check_neuron_block();
        lay_out_fields();
        find_solves();
        return std::move(out_);
    }

private:
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

    [[noreturn]] void fail(source_position where, const std::string& message) const { out_.fail(where, message); }

    void collect() {
        for (const auto& item: module_.items) {
            std::visit([&](const auto& node) { collect_item(node, item.position); }, item.node);
        }
        // At the NEURON block when there is one, else at the top of the file.
        if (!mechanism_name_) fail(neuron_position_.value_or(source_position{1, 1}), "the NEURON block names no mechanism: add SUFFIX name or POINT_PROCESS name");
    }

    void collect_item(const title&, source_position) {}
    void collect_item(const units_toggle&, source_position) {}
    void collect_item(const independent_block&, source_position) {}
    void collect_item(const verbatim&, source_position where) {
        fail(where, "VERBATIM blocks hold C code, which cajal does not translate: rewrite it in NMODL");
    }
    void collect_item(const include&, source_position where) {
        fail(where, "INCLUDE is not supported: copy the included file's declarations and blocks into this file");
    }
    void collect_item(const define& d, source_position where) {
        defines_[d.name.text] = d.value;
        add_constant(d.name, static_cast<double>(d.value), where);
    }
    void collect_item(const units_block& block, source_position) {
        for (const auto& s: block.statements) {
            if (const auto* alias = std::get_if<unit_alias>(&s.node)) {
                units_.add_alias(alias->alias, alias->definition, out_.file, s.position);
            } else {
                const auto& c = std::get<unit_constant>(s.node);
                add_constant(c.name, units_.value_of(c, out_.file, s.position), s.position);
            }
        }
    }
    void collect_item(const local_statement& locals, source_position where) {
        for (const auto& l: locals.variables) module_locals_.emplace_back(&l, where);
    }
    void collect_item(const declaration_block& block, source_position) {
        for (const auto& d: block.variables) {
            if (block.kind == declaration_kind::constant) {
                if (!d.value) fail(d.name.position, "CONSTANT '" + d.name.text + "' needs a value");
                add_constant(d.name, *d.value, d.name.position);
                continue;
            }
            auto [it, fresh] = declared_.try_emplace(d.name.text, declared_variable{&d, block.kind, d.name.position});
            if (!fresh && !is_special(d.name.text)) fail(d.name.position, "'" + d.name.text + "' is declared twice");
            if (fresh) declaration_order_.push_back(d.name.text);
        }
    }
    void collect_item(const neuron_block& block, source_position where) {
        if (!neuron_position_) neuron_position_ = where;
        for (const auto& s: block.statements) {
            if (const auto* m = std::get_if<mechanism_name>(&s.node)) {
                mechanism_name_ = m->name;
                kind_ = m->kind;
            } else if (const auto* ion = std::get_if<use_ion>(&s.node)) {
                use_ions_.push_back(ion);
            } else if (const auto* list = std::get_if<name_list>(&s.node)) {
                collect_names(*list, s.position);
            }
        }
    }
    void collect_names(const name_list& list, source_position where) {
        switch (list.kind) {
        case name_list_kind::range:
        case name_list_kind::global:
            for (const auto& n: list.names) range_.insert(n.text);
            break;
        case name_list_kind::nonspecific_current:
            for (const auto& n: list.names) nonspecific_.push_back(n);
            break;
        case name_list_kind::electrode_current:
            out_.electrode_current = true;
            for (const auto& n: list.names) nonspecific_.push_back(n);
            break;
        case name_list_kind::pointer:
        case name_list_kind::bbcore_pointer:
            fail(where, "POINTER variables reach into other mechanisms' memory, which cajal does not allow: pass the value as a "
                        "parameter, or couple cells with a gap-junction mechanism instead");
        }
    }
    void collect_item(const code_block& block, source_position where) {
        const auto named = [&](std::map<std::string, const code_block*>& into) {
            if (!into.emplace(block.name->text, &block).second) fail(block.name->position, "'" + block.name->text + "' is defined twice");
        };
        const auto once = [&](const code_block*& slot, const char* what) {
            if (slot) fail(where, std::string("a second ") + what + " block: a mechanism has one");
            slot = &block;
        };
        switch (block.kind) {
        case code_block_kind::initial: once(out_.initial, "INITIAL"); break;
        case code_block_kind::breakpoint: once(out_.breakpoint, "BREAKPOINT"); break;
        case code_block_kind::net_receive: once(out_.net_receive, "NET_RECEIVE"); break;
        case code_block_kind::derivative: named(out_.derivatives); break;
        case code_block_kind::kinetic: named(out_.kinetics); break;
        case code_block_kind::linear: named(out_.linears); break;
        case code_block_kind::nonlinear: named(out_.nonlinears); break;
        case code_block_kind::procedure: named(out_.procedures); break;
        case code_block_kind::function: named(out_.functions); break;
        case code_block_kind::function_table:
            fail(where, "FUNCTION_TABLE reads its values from hoc at run time, which cajal has no equivalent of: write the function "
                        "in NMODL");
        }
    }

    void add_constant(const identifier& name, double value, source_position where) {
        variable v;
        v.name = name.text;
        v.storage = variable_storage::constant;
        v.value = value;
        v.declared = where;
        out_.variables[name.text] = v;
    }

    std::size_t array_length(const std::optional<array_extent>& extent, source_position where) const {
        if (!extent) return 1;
        long long n = 0;
        if (extent->value) {
            n = *extent->value;
        } else {
            auto it = defines_.find(extent->define);
            if (it == defines_.end()) fail(where, "array size '" + extent->define + "' is not DEFINEd");
            n = it->second;
        }
        if (n < 1 || n > 100000) fail(where, "array size must be between 1 and 100000");
        return static_cast<std::size_t>(n);
    }

    void check_neuron_block() {
        out_.info.name = mechanism_name_->text;
        switch (kind_) {
        case module_kind::density: out_.info.kind = mechanism_kind::density; break;
        case module_kind::point_process: out_.info.kind = mechanism_kind::point_process; break;
        case module_kind::artificial_cell:
            out_.info.kind = mechanism_kind::point_process;
            out_.info.artificial = true;
            break;
        }
        for (const auto* u: use_ions_) add_ion(*u);
    }

    ion_dependency& ion_named(const std::string& ion) {
        for (auto& d: out_.info.ions) {
            if (d.ion == ion) return d;
        }
        out_.info.ions.push_back({});
        out_.info.ions.back().ion = ion;
        return out_.info.ions.back();
    }

    void add_ion(const use_ion& u) {
        auto& dep = ion_named(u.ion.text);
        const std::size_t index = static_cast<std::size_t>(&dep - out_.info.ions.data());
        if (u.valence) dep.valence = static_cast<int>(*u.valence);
        const auto add = [&](const identifier& n, bool write) {
            const auto role = ion_role(u.ion.text, n.text);
            if (!role) fail(n.position, "'" + n.text + "' is not a variable of ion " + u.ion.text + " (e" + u.ion.text + ", " + u.ion.text + "i, " + u.ion.text + "o or i" + u.ion.text + ")");
            switch (*role) {
            case ion_quantity::reversal:
                if (write) fail(n.position, "writing a reversal potential is not supported: write the concentrations and cajal computes e" + u.ion.text + " from them");
                dep.reads_reversal = true;
                break;
            case ion_quantity::internal: (write ? dep.writes_internal : dep.reads_internal) = true; break;
            case ion_quantity::external: (write ? dep.writes_external : dep.reads_external) = true; break;
            case ion_quantity::current:
                if (write) dep.writes_current = true;
                break;
            }
            if (*role == ion_quantity::current && write) {
                if (kind_ == module_kind::artificial_cell) fail(n.position, no_membrane_current);
                written_ion_currents_.emplace_back(n, index);
                return;
            }
            if (*role == ion_quantity::current && kind_ != module_kind::density) {
                fail(n.position, "a point process cannot read an ion's current density; read it in a density mechanism");
            }
            variable v;
            v.name = n.text;
            v.storage = variable_storage::ion;
            v.ion = index;
            v.quantity = *role;
            v.declared = n.position;
            out_.variables[n.text] = v;
        };
        // A current both read and written is the written one: NEURON's mechanism
        // sees its own part in BREAKPOINT and the ion's total when integrating.
        const auto written = [&](const identifier& n) {
            return std::any_of(u.write.begin(), u.write.end(), [&](const identifier& w) { return w.text == n.text; });
        };
        for (const auto& n: u.read) {
            if (written(n) && ion_role(u.ion.text, n.text) == ion_quantity::current) {
                read_and_written_.insert(n.text);
            } else {
                add(n, false);
            }
        }
        for (const auto& n: u.write) add(n, true);
    }
    std::vector<std::pair<identifier, std::size_t>> written_ion_currents_;
    std::set<std::string> read_and_written_;

    // Fields in mechanism_info's order: parameters, states, assigned.
    void lay_out_fields() {
        std::vector<std::string> parameters, states, assigned;
        for (const auto& name: declaration_order_) {
            if (is_special(name) || out_.variables.count(name)) continue;  // simulation values, ion arrays, constants
            const auto& d = declared_.at(name);
            if (d.kind == declaration_kind::parameter) parameters.push_back(name);
            if (d.kind == declaration_kind::state) states.push_back(name);
            if (d.kind == declaration_kind::assigned) assigned.push_back(name);
        }
        for (const auto& [n, ion]: written_ion_currents_) {
            if (!declared_.count(n.text)) fail(n.position, "current '" + n.text + "' is not declared: add it to ASSIGNED");
        }
        for (const auto& n: nonspecific_) {
            if (!declared_.count(n.text)) fail(n.position, "current '" + n.text + "' is not declared: add it to ASSIGNED");
        }
        std::size_t next = 0;
        for (const auto& name: parameters) add_field(name, out_.info.parameters, next);
        for (const auto& name: states) add_field(name, out_.info.states, next);
        for (const auto& name: assigned) add_field(name, out_.info.assigned, next);
        for (const auto& [local, where]: module_locals_) {
            if (out_.variables.count(local->name.text)) fail(local->name.position, "'" + local->name.text + "' is declared twice");
            add_field_named(local->name.text, "", array_length(local->array_size, where), 0.0, local->name.position, out_.info.assigned, next);
        }
        for (const auto* block: {out_.initial, out_.net_receive}) {
            if (block) collect_watches(block->body);
        }
        if (!out_.watches.empty()) {
            // Not an NMODL name (they cannot start with '_'), so no variable of the file can clash.
            out_.watch_field = next;
            add_field_named("_watch", "", out_.watches.size(), 0.0, source_position{1, 1}, out_.info.assigned, next);
        }
        for (const auto& [n, ion]: written_ion_currents_) {
            out_.currents.push_back({n.text, out_.variables.at(n.text).field, ion, read_and_written_.count(n.text) > 0});
        }
        for (const auto& n: nonspecific_) {
            const auto* v = out_.find(n.text);
            if (v && v->storage == variable_storage::ion) {
                const auto& ion = out_.info.ions[v->ion].ion;
                const auto write = v->quantity == ion_quantity::current ? ", or write it with USEION " + ion + " WRITE " + n.text : "";
                fail(n.position, "current '" + n.text + "' is a variable of ion " + ion + ": give this current a name of its own" + write);
            }
            if (!v || v->storage != variable_storage::field) fail(n.position, "current '" + n.text + "' must be an ASSIGNED variable");
            out_.currents.push_back({n.text, v->field, std::nullopt});
        }
        for (const auto& name: states) {
            const auto* d = declared_.at(name).declaration;
            const auto& v = out_.variables.at(name);
            const auto* initial = out_.find(name + "0");
            if (initial && initial->is_array) initial = nullptr;
            for (std::size_t k = 0; k < v.size; ++k) {
                if (initial && initial->storage == variable_storage::field) {
                    out_.state_start_field[v.field + k] = initial->field;
                } else if (initial && initial->storage == variable_storage::constant) {
                    out_.state_start[v.field + k] = initial->value;
                } else if (d->start) {
                    out_.state_start[v.field + k] = *d->start;
                }
            }
        }
    }

    void add_field(const std::string& name, std::vector<field_info>& group, std::size_t& next) {
        const auto& d = declared_.at(name);
        const auto* decl = d.declaration;
        add_field_named(name, decl->unit, array_length(decl->array_size, d.position), decl->value.value_or(0.0), d.position, group, next);
        if (decl->limits) {
            for (std::size_t k = group.size() - out_.variables.at(name).size; k < group.size(); ++k) {
                group[k].lower = decl->limits->first;
                group[k].upper = decl->limits->second;
            }
        }
        out_.variables.at(name).is_array = decl->array_size.has_value();
    }

    void collect_watches(const statement_block& block) {
        for (const auto& s: block.statements) {
            std::visit(
                [&](const auto& n) {
                    using T = std::decay_t<decltype(n)>;
                    if constexpr (std::is_same_v<T, watch_statement>) {
                        for (const auto& w: n.watches) out_.watches.push_back(&w);
                    } else if constexpr (std::is_same_v<T, if_statement>) {
                        collect_watches(n.then_branch);
                        if (n.else_branch) collect_watches(*n.else_branch);
                    } else if constexpr (std::is_same_v<T, while_statement> || std::is_same_v<T, from_statement> ||
                                         std::is_same_v<T, nested_initial>) {
                        collect_watches(n.body);
                    }
                },
                s.node);
        }
    }

    void add_field_named(const std::string& name, const std::string& unit, std::size_t size, double value, source_position where,
                         std::vector<field_info>& group, std::size_t& next) {
        variable v;
        v.name = name;
        v.storage = variable_storage::field;
        v.field = next;
        v.size = size;
        v.is_array = size > 1;
        v.declared = where;
        for (std::size_t k = 0; k < size; ++k) {
            // A variable declared without units is dimensionless in NMODL.
            group.push_back({size > 1 ? name + "[" + std::to_string(k) + "]" : name, unit.empty() ? "1" : unit, value, -infinity, infinity});
        }
        next += size;
        out_.variables[name] = v;
    }

    const code_block* solvable(const identifier& name) const {
        for (const auto* blocks: {&out_.derivatives, &out_.kinetics, &out_.linears, &out_.nonlinears, &out_.procedures}) {
            auto it = blocks->find(name.text);
            if (it != blocks->end()) return it->second;
        }
        fail(name.position, "SOLVE names '" + name.text + "', which is not a DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block");
    }

    // SOLVE stands at the top level of BREAKPOINT (integration) or INITIAL
    // (STEADYSTATE), nowhere else.
    void find_solves() {
        for (const auto* block: {out_.breakpoint, out_.initial}) {
            if (!block) continue;
            for (const auto& s: block->body.statements) {
                const auto* solve = std::get_if<solve_statement>(&s.node);
                if (!solve) continue;
                auto step = make_solve(*solve, s.position);
                if (block == out_.breakpoint) out_.state_solves.push_back(step);
                out_.solves[solve] = step;
            }
        }
        if (out_.net_receive && out_.info.kind != mechanism_kind::point_process) {
            fail(out_.net_receive->name ? out_.net_receive->name->position : out_.net_receive->body.position,
                 "NET_RECEIVE belongs in a POINT_PROCESS");
        }
        out_.info.receives_events = out_.net_receive != nullptr;
        if (out_.net_receive) out_.info.net_receive_arguments = std::max<std::size_t>(1, out_.net_receive->arguments.size());
        out_.info.writes_nonspecific_current = !nonspecific_.empty();
        if (out_.info.artificial && !nonspecific_.empty()) fail(nonspecific_.front().position, no_membrane_current);
    }

    solve_step make_solve(const solve_statement& solve, source_position where) const {
        solve_step step;
        step.block = solvable(solve.block);
        step.position = where;
        step.steady_state = solve.kind == solve_kind::steady_state;
        if (solve.method) step.method = solve.method->text;
        const auto kind = step.block->kind;
        const auto bad_method = [&](const std::string& allowed) {
            fail(solve.method ? solve.method->position : where,
                 "METHOD " + step.method + " cannot solve " + std::string(kind == code_block_kind::kinetic ? "KINETIC" : "DERIVATIVE") +
                     " block '" + solve.block.text + "': use " + allowed);
        };
        if (kind == code_block_kind::derivative) {
            if (step.method.empty()) fail(where, "SOLVE of DERIVATIVE block '" + solve.block.text + "' needs METHOD cnexp, derivimplicit or euler");
            if (step.steady_state) {
                if (step.method != "derivimplicit" && step.method != "sparse") bad_method("STEADYSTATE derivimplicit");
            } else if (step.method != "cnexp" && step.method != "derivimplicit" && step.method != "euler") {
                bad_method("cnexp, derivimplicit or euler");
            }
        } else if (kind == code_block_kind::kinetic) {
            if (step.method.empty()) step.method = "sparse";
            if (step.method != "sparse" && step.method != "derivimplicit") bad_method("sparse");
        } else if (!step.method.empty()) {
            fail(solve.method->position, "METHOD applies only to DERIVATIVE and KINETIC blocks: write SOLVE " + solve.block.text + " without it");
        }
        return step;
    }
};

} // namespace

analyzed_mechanism analyze(const mod_file& module) { return analyzer(module).run(); }

} // namespace cajal::nmodl
