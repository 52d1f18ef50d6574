// The label language in a model file: a cell's named labels, and the regions
// and locations its entries give as expressions (see docs/labels.md).
#include <cctype>

#include <fmt/format.h>

#include <cajal/morphology/labels.hpp>

#include "model_sections.hpp"

namespace cajal::model_io {

namespace {

// The discretization is made only if an expression asks about CVs.
struct label_evaluation {
    const cell_model& cell;
    std::optional<discretization> disc;

    label_context context() {
        label_context c;
        c.morph = &cell.morph;
        c.labels = &cell.labels;
        c.origin = cell.distance_origin;
        c.discretized = [this]() -> const discretization* {
            if (cell.segments.size() != cell.morph.num_branches()) {
                throw input_error("asks about CVs, which are not made yet: the distance origin and the discretization's regions cannot use CV-based expressions");
            }
            if (!disc) disc = discretize(cell.morph, cell.segments);
            return &*disc;
        };
        return c;
    }
};

bool is_label_name(const std::string& name) {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
    for (char c: name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    }
    return !(name == "all" || name == "soma" || name == "axon" || name == "dend" || name == "apic");
}

std::vector<location> evaluate_locset_at(const json_value& value, const cell_model& cell) {
    if (value.raw().is_object()) {
        const json_object obj(value, {"branch", "x"});
        const json_value branch = obj.required("branch");
        const json_value x = obj.required("x");
        try {
            return {make_location(cell.morph, branch.whole_number(), x.number())};
        } catch (const location_error& e) {
            value.fail(e.what());
        }
    }
    if (!value.raw().is_string()) value.fail(R"msg(expected a location: a locset expression ("soma", "(terminals apic)", a label) or {"branch": B, "x": X})msg");
    label_evaluation evaluation{cell, std::nullopt};
    const std::string expression = value.string();
    try {
        return evaluate_locset(expression, evaluation.context());
    } catch (const input_error& e) {
        // "soma" and labels of it are both; other regions are not locations.
        bool region = false;
        try {
            region = kind_of(expression, evaluation.context()) == label_kind::region;
        } catch (const input_error&) {
        }
        if (region) {
            value.fail(fmt::format("'{}' is a region; a location needs a locset, for example (proximal {}) or (cv-centres {})", expression,
                                   expression, expression));
        }
        value.fail(e.what());
    }
}

} // namespace

void empty_selections::report(const json_value& where, const std::string& what) const {
    if (are_errors) where.fail(what + " (the cell's empty_selections is \"error\")");
    warnings->push_back(where.located("warning: " + what));
}

void define_labels(const std::optional<json_value>& section, cell_model& cell) {
    if (!section) return;
    for (const auto& [name, value]: section->members()) {
        if (!is_label_name(name)) {
            value.fail("a label's name starts with a letter or '_', holds letters, digits, '_' and '-', and is none of all, soma, axon, dend, apic");
        }
        cell.labels[name] = value.string();
    }
}

void check_labels(const std::optional<json_value>& section, const cell_model& cell) {
    if (!section) return;
    for (const auto& [name, value]: section->members()) {
        label_evaluation evaluation{cell, std::nullopt};
        try {
            if (kind_of(name, evaluation.context()) == label_kind::region) {
                evaluate_region(name, evaluation.context());
            } else {
                evaluate_locset(name, evaluation.context());
            }
        } catch (const label_error& e) {
            // The message names the label; its column counts in the label's own expression.
            const std::string message = e.message();
            const std::string prefix = "in label '" + name + "': ";
            value.fail(message.starts_with(prefix) ? message.substr(prefix.size()) : e.what());
        } catch (const input_error& e) {
            value.fail(e.what());
        }
    }
}

std::vector<branch_interval> evaluate_region_at(const json_value& value, const cell_model& cell) {
    const std::string expression = value.string();
    label_evaluation evaluation{cell, std::nullopt};
    try {
        if (kind_of(expression, evaluation.context()) == label_kind::region) return evaluate_region(expression, evaluation.context());
    } catch (const input_error& e) {
        value.fail(e.what());
    }
    value.fail(fmt::format("'{}' is a locset; a region is needed here (for example (subtree {}))", expression, expression));
}

std::vector<branch_interval> read_region(const json_value& value, model_reading& r) {
    const std::vector<branch_interval> region = evaluate_region_at(value, r.cell);
    if (region.empty()) r.empty.report(value, fmt::format("region '{}' selects no part of this cell", value.string()));
    return region;
}

std::vector<location> read_locset(const json_value& value, const cell_model& cell) { return evaluate_locset_at(value, cell); }

location read_location(const json_value& value, const cell_model& cell) {
    const auto locations = evaluate_locset_at(value, cell);
    if (locations.size() != 1) value.fail(fmt::format("needs exactly one location; this locset has {}", locations.size()));
    return locations.front();
}

} // namespace cajal::model_io
