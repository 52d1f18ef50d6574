// The cell's body: morphology, cable properties, discretization and ions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include <cajal/morphology/swc.hpp>

#include "model_sections.hpp"

namespace cajal::model_io {

void read_morphology(const json_value& section, model_reading& r) {
    const json_object obj(section, {"file", "soma_tree_only"});
    const json_value file = obj.required("file");
    const std::string written = file.string();
    morphology_options options;
    if (const auto only = obj.optional("soma_tree_only")) options.swc.soma_tree_only = only->boolean();

    try {
        r.cell.morph = load_morphology(r.base_dir / written, options);
    } catch (const swc_error& e) {
        // Named as the model names it, not by the resolved path.
        if (e.line() > 0) file.fail(fmt::format("{}:{}: {}", written, e.line(), e.message()));
        file.fail(fmt::format("{}: {}", written, e.message()));
    } catch (const input_error& e) {
        file.fail(e.what());   // the file itself: missing, not a regular file, too large
    }
    for (const swc_warning& w: r.cell.morph.warnings()) {
        r.warnings.push_back(w.line > 0 ? fmt::format("{}:{}: warning: {}", written, w.line, w.message)
                                               : fmt::format("{}: warning: {}", written, w.message));
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

cv_policy read_policy(const json_value& section, const cell_properties& p) {
    const json_object obj(section, {"policy", "per_branch", "max_length", "frequency", "d_lambda"});
    const json_value name = obj.required("policy");
    const std::string policy = name.string();
    if (policy == "fixed") {
        only_settings(section, policy, {"per_branch"});
        const json_value n = obj.required("per_branch");
        const std::size_t per_branch = n.whole_number();
        if (per_branch < 1 || per_branch > std::size_t(std::numeric_limits<int>::max())) {
            n.fail(fmt::format("must be at least 1 (and fit an int), not {}", per_branch));
        }
        return cv_policy::fixed(static_cast<int>(per_branch));
    }
    if (policy == "max_length") {
        only_settings(section, policy, {"max_length"});
        return cv_policy::max_extent(obj.required("max_length").positive_number());
    }
    if (policy == "d_lambda") {
        only_settings(section, policy, {"frequency", "d_lambda"});
        const auto frequency = obj.optional("frequency");
        const auto d_lambda = obj.optional("d_lambda");
        return cv_policy::lambda_rule(frequency ? frequency->positive_number() : 100, d_lambda ? d_lambda->positive_number() : 0.1,
                                      p.Ra, p.cm);
    }
    name.fail(fmt::format("unknown policy '{}'; known: fixed, max_length, d_lambda", policy));
}

} // namespace

std::vector<int> read_discretization(const std::optional<json_value>& section, const morphology& m, const cell_properties& p) {
    // NEURON's default: one segment per section.
    if (!section) return segments_per_branch(m, cv_policy::fixed(1));
    const cv_policy policy = read_policy(*section, p);
    try {
        return segments_per_branch(m, policy);
    } catch (const std::exception& e) {
        section->fail(e.what());
    }
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
    read_morphology(cell.required("morphology"), r);
    m.properties = read_properties(cell.optional("properties"));
    m.segments = read_discretization(cell.optional("discretization"), m.morph, m.properties);
    read_ions(cell.optional("ions"), m.ions);
    read_labels(cell.optional("labels"), m);
    if (const auto origin = cell.optional("distance_origin")) m.distance_origin = read_location(*origin, m);
    read_paint(cell.optional("paint"), r);
    read_place(cell.optional("place"), r);
    read_detectors(cell.optional("detectors"), r);
}

} // namespace cajal::model_io
