// A single-cell model file's `study` (docs/studies.md): variants listed and
// made by a grid, protocols and the recording, read into a cajal::study whose
// faults core finds are reported at their JSON paths.
#include <algorithm>

#include <fmt/format.h>

#include <cajal/analysis/features.hpp>
#include <cajal/study/study_run.hpp>

#include "model_sections.hpp"

namespace cajal::model_io {

namespace {

// The parameter a change of a channel's voltage dependence sets (docs/nmodl.md).
constexpr const char* gating_shift_parameter = "gating_vshift";

struct change_template {
    parameter_change change;   // value unset for a grid axis
    std::string region;        // as written
    std::string describe;      // "hh.gnabar" or "hh shift": for variant names
};

// {"mechanism" | "label", "parameter", "region"} and how: one of set, scale,
// shift (a list of values in a grid axis).
change_template read_change_target(const json_object& obj, model_reading& r, std::string& how) {
    change_template t;
    const auto mechanism = obj.optional("mechanism");
    const auto label = obj.optional("label");
    if (!mechanism == !label) obj.value().fail("give the changed mechanism (\"mechanism\") or the placed process (\"label\"), one of them");
    t.change.target = mechanism ? mechanism->string() : label->string();
    std::vector<std::string> ways;
    for (const char* key: {"set", "scale", "shift"}) {
        if (obj.has(key)) ways.push_back(key);
    }
    if (ways.size() != 1) obj.value().fail("give one of \"set\", \"scale\" (a factor) or \"shift\" (mV, of a channel's gating)");
    how = ways.front();
    if (how == "shift") {
        if (!mechanism) obj.required("label").fail("a shift changes a painted channel's gating: give its \"mechanism\"");
        if (obj.has("parameter")) obj.required("parameter").fail(fmt::format("a shift sets the channel's {}: give no parameter", gating_shift_parameter));
        t.change.parameter = gating_shift_parameter;
        t.change.op = parameter_change::operation::set;
        t.describe = t.change.target + " shift";
    } else {
        t.change.parameter = obj.required("parameter").string();
        t.change.op = how == "set" ? parameter_change::operation::set : parameter_change::operation::scale;
        t.describe = t.change.target + "." + t.change.parameter;
    }
    if (const auto region = obj.optional("region")) {
        if (!mechanism) region->fail("a placed process has no region; remove it");
        t.change.region = read_region(*region, r);
        t.region = region->string();
    }
    return t;
}

std::string value_text(const std::string& how, double v) {
    if (how == "scale") return fmt::format("×{}", v);
    if (how == "shift") return fmt::format("{:+}mV", v);
    return fmt::format("={}", v);
}

// A grid axis as a plot labels it: what it changes and how.
std::string axis_label(const std::string& describe, const std::string& how) {
    if (how == "scale") return describe + " (scale)";
    if (how == "shift") return describe + " (mV)";
    return describe;
}

class study_reader {
public:
    study_reader(model_reading& r, model_paths& paths): r_(r), paths_(paths) {}

    void variants(const std::optional<json_value>& section, study& s) {
        if (!section) return;
        for (const json_value& entry: section->elements()) {
            const json_object obj(entry, {"name", "changes"});
            study_variant v{obj.required("name").string(), {}, {}};
            std::vector<std::string> at;
            for (const json_value& change: obj.required("changes").elements()) {
                const json_object c(change, {"mechanism", "label", "parameter", "region", "set", "scale", "shift"});
                std::string how;
                auto t = read_change_target(c, r_, how);
                t.change.value = c.required(how).number();
                v.changes.push_back(std::move(t.change));
                v.regions.push_back(t.region);
                at.push_back(change.path());
            }
            add(std::move(v), std::move(at), obj.required("name"), s);
        }
    }

    // The cartesian product of the axes' values, the first axis slowest.
    void grid(const std::optional<json_value>& section, study& s, std::size_t limit) {
        if (!section) return;
        std::vector<change_template> axes;
        std::vector<std::vector<double>> values;
        std::vector<std::string> hows, at;
        std::size_t count = 1;
        for (const json_value& axis: section->elements()) {
            const json_object c(axis, {"mechanism", "label", "parameter", "region", "set", "scale", "shift"});
            std::string how;
            axes.push_back(read_change_target(c, r_, how));
            std::vector<double> list;
            for (const json_value& x: c.required(how).elements()) list.push_back(x.number());
            if (list.empty()) c.required(how).fail("a grid axis needs at least one value");
            count *= list.size();
            if (count > limit) {
                section->fail(fmt::format("makes more than {} variants; ask for more with --max-variants", limit));
            }
            values.push_back(std::move(list));
            hows.push_back(how);
            at.push_back(axis.path());
        }
        if (axes.empty()) section->fail("a grid needs at least one axis");
        study_grid made{{}, s.variants.size()};
        for (std::size_t a = 0; a < axes.size(); ++a) made.axes.push_back({axis_label(axes[a].describe, hows[a]), values[a]});
        s.grid = std::move(made);
        for (std::size_t n = 0; n < count; ++n) {
            study_variant v;
            std::size_t rest = n;
            std::vector<std::size_t> index(axes.size());
            for (std::size_t a = axes.size(); a-- > 0;) {
                index[a] = rest % values[a].size();
                rest /= values[a].size();
            }
            for (std::size_t a = 0; a < axes.size(); ++a) {
                parameter_change c = axes[a].change;
                c.value = values[a][index[a]];
                v.changes.push_back(std::move(c));
                v.regions.push_back(axes[a].region);
                v.name += (a ? " " : "") + axes[a].describe + value_text(hows[a], values[a][index[a]]);
            }
            add(std::move(v), at, *section, s);
        }
    }

    void protocols(const json_value& section, study& s) {
        for (const json_value& entry: section.elements()) {
            const json_object obj(entry, {"name", "location", "steps", "rheobase"});
            study_protocol p;
            p.name = obj.required("name").string();
            for (const auto& q: s.protocols) {
                if (q.name == p.name) obj.required("name").fail(fmt::format("protocol '{}' is named twice", p.name));
            }
            p.where = read_location(obj.optional("location").value_or(json_value(soma_, entry.child_path("location"), entry.file())), r_.cell);
            const auto steps = obj.optional("steps");
            const auto rheobase = obj.optional("rheobase");
            if (!steps == !rheobase) entry.fail("give the protocol's kind: \"steps\" or \"rheobase\"");
            if (steps) {
                const json_object o(*steps, {"amplitudes", "delay", "duration"});
                step_protocol k;
                for (const json_value& a: o.required("amplitudes").elements()) k.amplitudes.push_back(a.number());
                k.delay = o.required("delay").non_negative_number();
                k.duration = o.required("duration").positive_number();
                p.kind = k;
            } else {
                const json_object o(*rheobase, {"low", "high", "tolerance", "delay", "duration"});
                p.kind = rheobase_protocol{o.required("low").number(), o.required("high").number(), o.required("tolerance").positive_number(),
                                           o.required("delay").non_negative_number(), o.required("duration").positive_number()};
            }
            s.protocols.push_back(std::move(p));
            paths_.study_protocol.push_back(entry.path());
        }
        if (s.protocols.empty()) section.fail("a study needs at least one protocol");
    }

    void recording(const json_value& study_section, const std::optional<json_value>& section, study& s) {
        s.recording.where = read_location(json_value(soma_, study_section.child_path("recording") + ".location", study_section.file()), r_.cell);
        if (!section) return;
        const json_object obj(*section, {"location", "interval", "threshold"});
        if (const auto where = obj.optional("location")) s.recording.where = read_location(*where, r_.cell);
        if (const auto v = obj.optional("interval")) s.recording.interval = v->positive_number();
        if (const auto v = obj.optional("threshold")) s.recording.threshold = v->number();
    }

private:
    void add(study_variant v, std::vector<std::string> at, const json_value& where, study& s) {
        for (const auto& w: s.variants) {
            if (w.name == v.name) where.fail(fmt::format("variant '{}' is named twice", v.name));
        }
        s.variants.push_back(std::move(v));
        paths_.study_change.push_back(std::move(at));
    }

    model_reading& r_;
    model_paths& paths_;
    const nlohmann::json soma_ = "soma";
};

} // namespace

study read_study(const json_value& section, model_reading& r, const simulation_settings& settings, model_paths& paths, std::size_t max_variants) {
    const json_object obj(section, {"variants", "grid", "protocols", "recording", "features"});
    study s;
    s.cell = r.cell;
    s.settings = settings;
    s.variants.push_back({"control", {}, {}});
    paths.study_change.emplace_back();
    study_reader reader(r, paths);
    reader.variants(obj.optional("variants"), s);
    reader.grid(obj.optional("grid"), s, max_variants);
    reader.protocols(obj.required("protocols"), s);
    reader.recording(section, obj.optional("recording"), s);
    s.features = analysis::feature_names();
    if (const auto features = obj.optional("features")) {
        s.features.clear();
        const auto& known = analysis::feature_names();
        for (const json_value& name: features->elements()) {
            const std::string n = name.string();
            if (std::find(known.begin(), known.end(), n) == known.end()) name.fail(fmt::format("unknown feature '{}'; known: {}", n, fmt::join(known, ", ")));
            s.features.push_back(n);
        }
    }
    return s;
}

} // namespace cajal::model_io
