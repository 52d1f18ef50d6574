// Where mechanisms go: painted on regions, placed at locations; and where
// spikes are detected. Mechanism names, parameters and labels are checked by
// core when the model is prepared.
#include <fmt/format.h>

#include <cajal/morphology/region.hpp>

#include "model_play.hpp"
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

std::map<std::string, double> read_parameters(const std::optional<json_value>& section) {
    std::map<std::string, double> values;
    if (!section) return values;
    for (const auto& [name, value]: section->members()) values[name] = value.number();
    return values;
}

std::vector<branch_interval> read_region(const json_value& value, model_reading& r) {
    const std::string expression = value.string();
    try {
        auto region = resolve_region(r.cell.morph, expression);
        if (region.empty()) r.warn(value, fmt::format("region '{}' selects no branch of this cell", expression));
        return region;
    } catch (const region_error& e) {
        value.fail(e.what());
    }
}

void read_paint_entry(const json_value& entry, std::size_t index, model_reading& r) {
    const json_object obj(entry, {"region", "mechanism", "parameters", "cm", "Ra"});
    const auto region = read_region(obj.required("region"), r);
    const auto mechanism = obj.optional("mechanism");
    const auto parameters = obj.optional("parameters");
    if (parameters && !mechanism) parameters->fail("parameters need a mechanism in the same entry");
    if (mechanism) {
        r.cell.painted.push_back({region, mechanism->string(), read_parameters(parameters)});
        r.paint_entry.push_back(index);
    }
    const auto cm = obj.optional("cm");
    const auto Ra = obj.optional("Ra");
    if (cm || Ra) {
        painted_property p{region, {}, {}};
        if (cm) p.cm = cm->positive_number();
        if (Ra) p.Ra = Ra->positive_number();
        r.cell.painted_properties.push_back(p);
    }
    if (!mechanism && !cm && !Ra) entry.fail("nothing to paint; give a mechanism, cm or Ra");
}

} // namespace

void read_paint(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    const auto entries = section->elements();
    for (std::size_t i = 0; i < entries.size(); ++i) read_paint_entry(entries[i], i, r);
}

void read_place(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    for (const json_value& entry: section->elements()) {
        const json_object obj(entry, {"label", "location", "mechanism", "parameters", "play"});
        const std::string label = obj.required("label").string();
        const location where = read_location(obj.required("location"), r.cell.morph);
        const std::string mechanism = obj.required("mechanism").string();
        r.cell.placed.push_back({label, where, mechanism, read_parameters(obj.optional("parameters")), read_play(obj.optional("play"))});
    }
}

void read_detectors(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    for (const json_value& entry: section->elements()) {
        const json_object obj(entry, {"name", "location", "threshold"});
        detector_spec d;
        d.name = obj.required("name").string();
        d.where = read_location(obj.required("location"), r.cell.morph);
        if (const auto threshold = obj.optional("threshold")) d.threshold = threshold->number();
        r.cell.detectors.push_back(d);
    }
}

} // namespace cajal::model_io
