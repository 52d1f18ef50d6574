// Where mechanisms go: painted on regions, placed at locations; and where
// spikes are detected. Mechanism names, parameters and labels are checked by
// core when the model is prepared.
#include <fmt/format.h>

#include "model_play.hpp"
#include "model_sections.hpp"

namespace cajal::model_io {

namespace {

std::map<std::string, double> read_parameters(const std::optional<json_value>& section) {
    std::map<std::string, double> values;
    if (!section) return values;
    for (const auto& [name, value]: section->members()) values[name] = value.number();
    return values;
}

// A number, or a formula of where it is evaluated (value_expression.hpp).
value_expression read_value(const json_value& value) {
    if (!value.raw().is_string()) return value_expression(value.number());
    try {
        return value_expression::parse(value.string());
    } catch (const expression_error& e) {
        value.fail(e.what());
    }
}

evaluate_at read_evaluate_at(const std::optional<json_value>& value) {
    if (!value) return evaluate_at::cv_nodes;
    const std::string name = value->string();
    if (name == "cv_nodes") return evaluate_at::cv_nodes;
    if (name == "for_x") return evaluate_at::for_x;
    value->fail(fmt::format("unknown '{}'; known: cv_nodes (each CV's node), for_x (as NEURON's for (x): a branch's last segment takes the value at x = 1)",
                            name));
}

void read_paint_entry(const json_value& entry, std::size_t index, model_reading& r) {
    const json_object obj(entry, {"region", "mechanism", "parameters", "cm", "Ra", "evaluate_at"});
    const auto region = read_region(obj.required("region"), r);
    const auto mechanism = obj.optional("mechanism");
    const auto parameters = obj.optional("parameters");
    const auto where = read_evaluate_at(obj.optional("evaluate_at"));
    if (parameters && !mechanism) parameters->fail("parameters need a mechanism in the same entry");
    if (mechanism) {
        painted_mechanism p{region, mechanism->string(), {}, where};
        if (parameters) {
            for (const auto& [name, value]: parameters->members()) p.parameters.emplace(name, read_value(value));
        }
        r.cell.painted.push_back(std::move(p));
        r.entries.paint.push_back(index);
    }
    const auto cm = obj.optional("cm");
    const auto Ra = obj.optional("Ra");
    if (cm || Ra) {
        painted_property p{region, {}, {}, where};
        if (cm) p.cm = cm->raw().is_string() ? read_value(*cm) : value_expression(cm->positive_number());
        if (Ra) p.Ra = Ra->positive_number();
        r.cell.painted_properties.push_back(p);
        r.entries.property.push_back(index);
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
    const auto entries = section->elements();
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const json_object obj(entries[k], {"label", "location", "mechanism", "parameters", "play"});
        const std::string label = obj.required("label").string();
        const json_value location_value = obj.required("location");
        const auto where = read_locset(location_value, r.cell);
        if (where.empty()) r.empty.report(location_value, "the locset has no location on this cell: nothing is placed");
        const std::string mechanism = obj.required("mechanism").string();
        const auto parameters = read_parameters(obj.optional("parameters"));
        const auto play = read_play(obj.optional("play"));
        // Several locations make a group: "syn[0]", "syn[1]", ...; "syn" names them all.
        for (std::size_t i = 0; i < where.size(); ++i) {
            r.cell.placed.push_back({where.size() == 1 ? label : fmt::format("{}[{}]", label, i), where[i], mechanism, parameters, play});
            r.entries.place.push_back(k);
        }
    }
}

void read_detectors(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    for (const json_value& entry: section->elements()) {
        const json_object obj(entry, {"name", "location", "threshold"});
        detector_spec d;
        d.name = obj.required("name").string();
        d.where = read_location(obj.required("location"), r.cell);
        if (const auto threshold = obj.optional("threshold")) d.threshold = threshold->number();
        r.cell.detectors.push_back(d);
    }
}

} // namespace cajal::model_io
