// Semantic analysis (see analyzer.hpp): where each variable lives, by the
// mechanism's kind, its ions and its per-instance fields.
#include "analyzer.hpp"

#include <algorithm>
#include <limits>

namespace cajal::nmodl {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// What an ion variable's name says it is: ena, nai, nao, ina for ion na.
std::optional<ion_quantity> ion_role(const std::string& ion, const std::string& name) {
    if (name == "e" + ion) return ion_quantity::reversal;
    if (name == ion + "i") return ion_quantity::internal;
    if (name == ion + "o") return ion_quantity::external;
    if (name == "i" + ion) return ion_quantity::current;
    return std::nullopt;
}

} // namespace

void analyzer::check_neuron_block() {
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

ion_dependency& analyzer::ion_named(const std::string& ion) {
    for (auto& d: out_.info.ions) {
        if (d.ion == ion) return d;
    }
    out_.info.ions.push_back({});
    out_.info.ions.back().ion = ion;
    return out_.info.ions.back();
}

void analyzer::add_ion(const use_ion& u) {
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

// Fields in mechanism_info's order: parameters, states, assigned.
void analyzer::lay_out_fields() {
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
    if (gating_shifted_) {
        // A parameter like the file's, except that NMODL code cannot name it (it is no variable of the file).
        out_.gating_vshift_field = next++;
        out_.info.parameters.push_back({gating_vshift_name, "mV", 0.0, -infinity, infinity});
    }
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

void analyzer::add_field(const std::string& name, std::vector<field_info>& group, std::size_t& next) {
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

void analyzer::add_field_named(const std::string& name, const std::string& unit, std::size_t size, double value, source_position where,
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

std::size_t analyzer::array_length(const std::optional<array_extent>& extent, source_position where) const {
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

void analyzer::collect_watches(const statement_block& block) {
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

} // namespace cajal::nmodl
