// Semantic analysis (see analysis.hpp and analyzer.hpp): the mechanism's
// lookups, and what each item of the file declares.
#include "analyzer.hpp"

#include <algorithm>

namespace cajal::nmodl {

const variable* analyzed_mechanism::find(const std::string& name) const {
    auto it = variables.find(name);
    return it == variables.end() ? nullptr : &it->second;
}

void analyzed_mechanism::fail(source_position where, const std::string& message) const { throw semantic_error(file, where, message); }

std::size_t analyzed_mechanism::watch_index(const watch& w) const {
    return static_cast<std::size_t>(std::find(watches.begin(), watches.end(), &w) - watches.begin());
}

analyzed_mechanism analyze(const mod_file& module) { return analyzer(module).run(); }

analyzed_mechanism analyzer::run() {
    collect();
    check_neuron_block();
    find_solves();
    gating_shifted_ = gating_reads_voltage();   // before the fields: it adds a parameter
    lay_out_fields();
    return std::move(out_);
}

void analyzer::collect() {
    for (const auto& item: module_.items) {
        std::visit([&](const auto& node) { collect_item(node, item.position); }, item.node);
    }
    // At the NEURON block when there is one, else at the top of the file.
    if (!mechanism_name_) fail(neuron_position_.value_or(source_position{1, 1}), "the NEURON block names no mechanism: add SUFFIX name or POINT_PROCESS name");
}

void analyzer::collect_item(const verbatim&, source_position where) {
    fail(where, "VERBATIM blocks hold C code, which cajal does not translate: rewrite it in NMODL");
}

void analyzer::collect_item(const include&, source_position where) {
    fail(where, "INCLUDE is not supported: copy the included file's declarations and blocks into this file");
}

void analyzer::collect_item(const define& d, source_position where) {
    defines_[d.name.text] = d.value;
    add_constant(d.name, static_cast<double>(d.value), where);
}

void analyzer::collect_item(const units_block& block, source_position) {
    for (const auto& s: block.statements) {
        if (const auto* alias = std::get_if<unit_alias>(&s.node)) {
            units_.add_alias(alias->alias, alias->definition, out_.file, s.position);
        } else {
            const auto& c = std::get<unit_constant>(s.node);
            add_constant(c.name, units_.value_of(c, out_.file, s.position), s.position);
        }
    }
}

void analyzer::collect_item(const local_statement& locals, source_position where) {
    for (const auto& l: locals.variables) {
        refuse_reserved_name(l.name);
        module_locals_.emplace_back(&l, where);
    }
}

void analyzer::collect_item(const declaration_block& block, source_position) {
    for (const auto& d: block.variables) {
        if (block.kind == declaration_kind::constant) {
            if (!d.value) fail(d.name.position, "CONSTANT '" + d.name.text + "' needs a value");
            add_constant(d.name, *d.value, d.name.position);
            continue;
        }
        refuse_reserved_name(d.name);
        auto [it, fresh] = declared_.try_emplace(d.name.text, declared_variable{&d, block.kind, d.name.position});
        if (!fresh && !is_special(d.name.text)) fail(d.name.position, "'" + d.name.text + "' is declared twice");
        if (fresh) declaration_order_.push_back(d.name.text);
    }
}

void analyzer::collect_item(const neuron_block& block, source_position where) {
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

void analyzer::collect_names(const name_list& list, source_position where) {
    switch (list.kind) {
    case name_list_kind::range:
    case name_list_kind::global:
        for (const auto& n: list.names) {
            refuse_reserved_name(n);
            range_.insert(n.text);
        }
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

void analyzer::collect_item(const code_block& block, source_position where) {
    const auto named = [&](std::map<std::string, const code_block*>& into) {
        refuse_reserved_name(*block.name);
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

void analyzer::add_constant(const identifier& name, double value, source_position where) {
    refuse_reserved_name(name);
    variable v;
    v.name = name.text;
    v.storage = variable_storage::constant;
    v.value = value;
    v.declared = where;
    out_.variables[name.text] = v;
}

} // namespace cajal::nmodl
