// The cell's body: morphology, cable properties, discretization and ions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include <cajal/morphology/edits.hpp>
#include <cajal/morphology/swc.hpp>

#include "model_sections.hpp"

namespace cajal::model_io {

namespace {

std::vector<int> read_types(const json_value& value) {
    std::vector<int> types;
    for (const json_value& t: value.elements()) {
        const std::size_t type = t.whole_number();
        if (type < 1 || type > 1000) t.fail(fmt::format("expected a branch type (1 soma, 2 axon, 3 dend, 4 apic, 5 and up custom), not {}", type));
        types.push_back(static_cast<int>(type));
    }
    if (types.empty()) value.fail("expected at least one branch type to keep");
    return types;
}

axon_stub read_stub(const json_value& value) {
    const json_object obj(value, {"sections", "soma_x"});
    axon_stub stub;
    for (const json_value& section: obj.required("sections").elements()) {
        const json_object s(section, {"length", "diameter"});
        stub.sections.push_back({s.required("length").positive_number(), s.required("diameter").positive_number()});
    }
    if (stub.sections.empty()) obj.required("sections").fail("expected at least one section {\"length\": µm, \"diameter\": µm}");
    if (const auto x = obj.optional("soma_x")) {
        stub.soma_x = x->number();
        if (stub.soma_x < 0 || stub.soma_x > 1) x->fail(fmt::format("expected a position on the soma from 0 to 1, not {}", format_number(stub.soma_x)));
    }
    return stub;
}

} // namespace

void read_morphology(const json_value& section, model_reading& r) {
    const json_object obj(section, {"file", "soma_tree_only", "keep_types", "replace_axon"});
    const json_value file = obj.required("file");
    const std::string written = file.string();
    morphology_options options;
    if (const auto only = obj.optional("soma_tree_only")) options.swc.soma_tree_only = only->boolean();

    try {
        r.cell.morph = load_morphology(r.source.base_dir / written, options);
    } catch (const morphology_file_error& e) {
        // Named as the model names it, not by the resolved path.
        if (e.line() > 0 && e.column() > 0) file.fail(fmt::format("{}:{}:{}: {}", written, e.line(), e.column(), e.message()));
        if (e.line() > 0) file.fail(fmt::format("{}:{}: {}", written, e.line(), e.message()));
        file.fail(fmt::format("{}: {}", written, e.message()));
    } catch (const input_error& e) {
        r.source.fail_reading(file, e.what(), r.source.base_dir / written);   // the file itself: missing, not a regular file, too large
    }
    for (const morphology_warning& w: r.cell.morph.warnings()) {
        r.warnings.push_back(w.line > 0 ? fmt::format("{}:{}: warning: {}", written, w.line, w.message)
                                               : fmt::format("{}: warning: {}", written, w.message));
    }
    if (const auto keep = obj.optional("keep_types")) {
        const std::vector<int> types = read_types(*keep);
        try {
            r.cell.morph = keep_types(r.cell.morph, types);
        } catch (const std::invalid_argument& e) {
            keep->fail(e.what());
        }
    }
}

void replace_axon_as_asked(const json_value& morphology_section, const std::optional<json_value>& discretization, model_reading& r) {
    const auto replace = json_object::peek(morphology_section).optional("replace_axon");
    if (!replace) return;
    axon_stub stub;
    if (replace->raw().is_object()) {
        stub = read_stub(*replace);
    } else {
        const std::string name = replace->string();
        if (name == "hay2011") {
            stub = hay_axon_stub();
        } else if (name == "bluepyopt") {
            // BluePyOpt sets every section's nseg before it measures the axon.
            stub = bluepyopt_axon_stub(r.cell.morph, read_discretization(discretization, r.cell));
        } else {
            replace->fail(fmt::format(R"(unknown stub '{}'; known: "hay2011", "bluepyopt", or {{"sections": [{{"length": µm, "diameter": µm}}, ...], "soma_x": X}})", name));
        }
    }
    try {
        r.cell.morph = replace_axon(r.cell.morph, stub);
    } catch (const std::invalid_argument& e) {
        replace->fail(e.what());
    }
}

cell_properties read_properties(const std::optional<json_value>& section) {
    cell_properties p;
    if (!section) return p;
    if (const auto celsius = json_object::peek(*section).optional("celsius")) {
        celsius->fail("the temperature is the whole simulation's: give it as simulation.celsius");
    }
    const json_object obj(*section, {"cm", "Ra", "v_init"});
    if (const auto v = obj.optional("cm")) p.cm = v->positive_number();
    if (const auto v = obj.optional("Ra")) p.Ra = v->positive_number();
    if (const auto v = obj.optional("v_init")) p.v_init = v->number();
    return p;
}

namespace {

// Fails on a key that the chosen policy does not take.
void only_settings(const json_value& section, const std::string& policy, std::vector<std::string_view> settings) {
    for (const auto& [key, value]: section.members()) {
        if (key == "policy" || std::find(settings.begin(), settings.end(), key) != settings.end()) continue;
        value.fail(fmt::format("not a setting of policy '{}'; its settings: {}", policy, fmt::join(settings, ", ")));
    }
}

cv_policy read_policy(const json_value& section, const cell_properties& p, std::vector<std::string_view> also_known = {}) {
    std::vector<std::string_view> known{"policy", "per_branch", "max_length", "frequency", "d_lambda", "length"};
    known.insert(known.end(), also_known.begin(), also_known.end());
    const json_object obj(section, known);
    const json_value name = obj.required("policy");
    const std::string policy = name.string();
    const auto settings = [&](std::vector<std::string_view> keys) {
        keys.insert(keys.end(), also_known.begin(), also_known.end());
        only_settings(section, policy, keys);
    };
    if (policy == "fixed") {
        settings({"per_branch"});
        const json_value n = obj.required("per_branch");
        const std::size_t per_branch = n.whole_number();
        if (per_branch < 1 || per_branch > std::size_t(std::numeric_limits<int>::max())) {
            n.fail(fmt::format("must be at least 1 (and fit an int), not {}", per_branch));
        }
        return cv_policy::fixed(static_cast<int>(per_branch));
    }
    if (policy == "max_length") {
        settings({"max_length"});
        return cv_policy::max_extent(obj.required("max_length").positive_number());
    }
    if (policy == "d_lambda") {
        settings({"frequency", "d_lambda"});
        const auto frequency = obj.optional("frequency");
        const auto d_lambda = obj.optional("d_lambda");
        return cv_policy::lambda_rule(frequency ? frequency->positive_number() : 100, d_lambda ? d_lambda->positive_number() : 0.1,
                                      p.Ra, p.cm);
    }
    if (policy == "per_length") {
        settings({"length"});
        const auto length = obj.optional("length");
        return cv_policy::per_length(length ? length->positive_number() : 40);
    }
    name.fail(fmt::format("unknown policy '{}'; known: fixed, max_length, d_lambda, per_length", policy));
}

std::vector<int> segments_under(const json_value& section, const cv_policy& policy, const morphology& m) {
    try {
        return segments_per_branch(m, policy);
    } catch (const std::exception& e) {
        section.fail(e.what());
    }
}

// The branches an entry's region names; a policy applies to whole branches.
std::vector<std::size_t> whole_branches(const json_value& region, const cell_model& cell) {
    std::vector<std::size_t> branches;
    for (const branch_interval& part: evaluate_region_at(region, cell)) {
        if (part.x0 > 0 || part.x1 < 1) {
            region.fail(fmt::format("a discretization applies to whole branches; this region holds only x = {} to {} of branch {}",
                                    format_number(part.x0), format_number(part.x1), part.branch));
        }
        branches.push_back(part.branch);
    }
    return branches;
}

} // namespace

std::vector<int> read_discretization(const std::optional<json_value>& section, const cell_model& cell) {
    const morphology& m = cell.morph;
    // NEURON's default: one segment per section.
    if (!section) return segments_per_branch(m, cv_policy::fixed(1));
    if (!section->raw().is_array()) return segments_under(*section, read_policy(*section, cell.properties), m);

    // A policy per region, later entries over earlier ones, as hoc code sets
    // nseg over one list of sections after another.
    std::vector<int> segments = segments_per_branch(m, cv_policy::fixed(1));
    const auto entries = section->elements();
    if (entries.empty()) section->fail("expected at least one {\"region\": ..., \"policy\": ...} entry");
    for (const json_value& entry: entries) {
        const cv_policy policy = read_policy(entry, cell.properties, {"region"});
        const std::vector<int> under = segments_under(entry, policy, m);
        for (std::size_t b: whole_branches(json_object::peek(entry).required("region"), cell)) segments[b] = under[b];
    }
    return segments;
}

namespace {

int read_valence(const json_value& v) {
    const double z = v.number();
    if (z != std::floor(z) || z == 0 || std::fabs(z) > 9) {
        v.fail(fmt::format("must be a non-zero whole number of charges, not {}", format_number(z)));
    }
    return static_cast<int>(z);
}

ion_settings read_ion(const json_value& section, const std::string& name, const std::optional<ion_settings>& preset) {
    const json_object obj(section, {"internal", "external", "reversal", "valence"});
    ion_settings ion = preset.value_or(ion_settings{});
    if (const auto v = obj.optional("valence")) {
        ion.valence = read_valence(*v);
    } else if (!preset) {
        obj.required("valence");   // a new ion has no default charge
    }
    if (const auto v = obj.optional("internal")) ion.internal = v->positive_number();
    if (const auto v = obj.optional("external")) ion.external = v->positive_number();
    if (const auto v = obj.optional("reversal")) {
        if (v->raw().is_string()) {
            if (v->raw() != "nernst") v->fail(fmt::format("expected a number (mV) or \"nernst\", not \"{}\"", v->raw().get<std::string>()));
            ion.nernst = true;
        } else {
            ion.reversal = v->number();
            ion.nernst = false;
        }
    } else if (!preset) {
        obj.required("reversal");
    }
    if (ion.nernst && !(ion.internal > 0 && ion.external > 0)) {
        section.fail(fmt::format("the Nernst potential of {} needs positive internal and external concentrations", name));
    }
    return ion;
}

} // namespace

void read_ions(const std::optional<json_value>& section, std::map<std::string, ion_settings>& ions) {
    if (!section) return;
    for (const auto& [name, value]: section->members()) {
        const auto preset = ions.find(name);
        ions[name] = read_ion(value, name, preset == ions.end() ? std::nullopt : std::optional(preset->second));
    }
}

void read_cell(const json_value& section, model_reading& r) {
    const json_object cell(section, {"morphology", "discretization", "properties", "ions", "labels", "distance_origin", "empty_selections", "paint",
                                     "place", "detectors"});
    cell_model& m = r.cell;
    if (const auto empty = cell.optional("empty_selections")) {
        const std::string choice = empty->string();
        if (choice != "warning" && choice != "error") empty->fail(fmt::format("unknown '{}'; known: warning, error", choice));
        r.empty.are_errors = choice == "error";
    }
    // Labels are named first, as discretization regions may use them, and
    // checked once the CVs that some of them ask about are made.
    const auto labels = cell.optional("labels");
    const auto discretization = cell.optional("discretization");
    const json_value morphology_section = cell.required("morphology");
    read_morphology(morphology_section, r);
    m.properties = read_properties(cell.optional("properties"));
    define_labels(labels, m);
    replace_axon_as_asked(morphology_section, discretization, r);
    if (const auto origin = cell.optional("distance_origin")) m.distance_origin = read_location(*origin, m);
    m.segments = read_discretization(discretization, m);
    check_labels(labels, m);
    read_ions(cell.optional("ions"), m.ions);
    read_paint(cell.optional("paint"), r);
    read_place(cell.optional("place"), r);
    read_detectors(cell.optional("detectors"), r);
}

} // namespace cajal::model_io
