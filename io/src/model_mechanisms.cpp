// Where mechanisms go: painted on regions, placed at locations; and where
// spikes are detected.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include <cajal/morphology/region.hpp>

#include "model_sections.hpp"

namespace cajal::model_io {

location read_location(const json_value& value, const morphology& m) {
    try {
        if (value.raw().is_string()) return resolve_location(m, value.string());
        if (value.raw().is_object()) {
            const json_object obj(value, {"branch", "x"});
            const json_value branch = obj.required("branch");
            const json_value x = obj.required("x");
            return make_location(m, branch.whole_number(), x.number());
        }
    } catch (const location_error& e) {
        value.fail(e.what());
    }
    value.fail(R"(expected a location: "soma", "sample:ID" or {"branch": B, "x": X})");
}

namespace {

std::string_view kind_name(mechanism_kind kind) {
    switch (kind) {
    case mechanism_kind::density: return "a density mechanism";
    case mechanism_kind::point_process: return "a point process";
    case mechanism_kind::artificial_cell: return "an artificial cell";
    }
    return "a mechanism";
}

// A mechanism of the catalogue that is of the kind the section takes.
const mechanism_info& read_mechanism(const json_value& value, const mechanism_catalogue& catalogue, mechanism_kind wanted) {
    const std::string name = value.string();
    if (!catalogue.contains(name)) value.fail(fmt::format("unknown mechanism '{}'; known: {}", name, join(catalogue.names())));
    const mechanism_info& info = catalogue.get(name).info;
    if (info.kind == wanted) return info;
    if (info.kind == mechanism_kind::point_process) value.fail(fmt::format("{} is a point process: place it (cell.place), do not paint it", name));
    if (info.kind == mechanism_kind::density) value.fail(fmt::format("{} is a density mechanism: paint it (cell.paint), do not place it", name));
    value.fail(fmt::format("{} is {}, which has no place on a membrane", name, kind_name(info.kind)));
}

std::map<std::string, double> read_parameters(const std::optional<json_value>& section, const mechanism_info& info) {
    std::map<std::string, double> values;
    if (!section) return values;
    for (const auto& [name, value]: section->members()) {
        const field_info* field = info.find_parameter(name);
        if (!field) {
            std::vector<std::string> known;
            for (const auto& f: info.parameters) known.push_back(f.name);
            value.fail(fmt::format("unknown parameter of {}; known: {}", info.name, known.empty() ? "none" : join(known)));
        }
        const double x = value.number();
        if (!field->in_range(x)) {
            value.fail(fmt::format("{} is outside the range [{}, {}] of {}.{}", format_number(x), format_number(field->lower),
                                   format_number(field->upper), info.name, name));
        }
        values[name] = x;
    }
    return values;
}

std::vector<branch_interval> read_region(const json_value& value, model_reading& r) {
    const std::string expression = value.string();
    try {
        auto region = resolve_region(r.model().morph, expression);
        if (region.empty()) r.warn(value, fmt::format("region '{}' selects no branch of this cell", expression));
        return region;
    } catch (const region_error& e) {
        value.fail(e.what());
    }
}

void read_paint_entry(const json_value& entry, model_reading& r) {
    const json_object obj(entry, {"region", "mechanism", "parameters", "cm", "Ra"});
    const auto region = read_region(obj.required("region"), r);
    const auto mechanism = obj.optional("mechanism");
    const auto parameters = obj.optional("parameters");
    if (parameters && !mechanism) parameters->fail("parameters need a mechanism in the same entry");
    if (mechanism) {
        const mechanism_info& info = read_mechanism(*mechanism, r.catalogue, mechanism_kind::density);
        r.model().painted.push_back({region, info.name, read_parameters(parameters, info)});
    }
    const auto cm = obj.optional("cm");
    const auto Ra = obj.optional("Ra");
    if (cm || Ra) {
        painted_property p{region, {}, {}};
        if (cm) p.cm = cm->positive_number();
        if (Ra) p.Ra = Ra->positive_number();
        r.model().painted_properties.push_back(p);
    }
    if (!mechanism && !cm && !Ra) entry.fail("nothing to paint; give a mechanism, cm or Ra");
}

std::string read_label(const json_value& value, const std::set<std::string>& taken, const mechanism_catalogue& catalogue) {
    const std::string label = value.string();
    if (label.find('.') != std::string::npos) value.fail(fmt::format("label '{}' must not contain '.' (probes read LABEL.FIELD)", label));
    if (catalogue.contains(label)) value.fail(fmt::format("label '{}' is also a mechanism's name; choose another", label));
    if (taken.count(label)) value.fail(fmt::format("label '{}' is already used by another placed point process", label));
    return label;
}

} // namespace

void read_paint(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    for (const json_value& entry: section->elements()) read_paint_entry(entry, r);
}

void read_place(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    std::set<std::string> labels;
    for (const json_value& entry: section->elements()) {
        const json_object obj(entry, {"label", "location", "mechanism", "parameters"});
        const std::string label = read_label(obj.required("label"), labels, r.catalogue);
        const location where = read_location(obj.required("location"), r.model().morph);
        const mechanism_info& info = read_mechanism(obj.required("mechanism"), r.catalogue, mechanism_kind::point_process);
        r.model().placed.push_back({label, where, info.name, read_parameters(obj.optional("parameters"), info)});
        labels.insert(label);
    }
}

void read_detectors(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    std::set<std::string> names;
    for (const json_value& entry: section->elements()) {
        const json_object obj(entry, {"name", "location", "threshold"});
        const json_value name = obj.required("name");
        detector_spec d;
        d.name = name.string();
        if (!names.insert(d.name).second) name.fail(fmt::format("detector '{}' is already defined", d.name));
        d.where = read_location(obj.required("location"), r.model().morph);
        if (const auto threshold = obj.optional("threshold")) d.threshold = threshold->number();
        r.model().detectors.push_back(d);
    }
}

} // namespace cajal::model_io
