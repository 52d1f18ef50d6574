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
            study_variant v;
            v.name = obj.required("name").string();
            std::vector<std::string> at;
            for (const json_value& change: obj.required("changes").elements()) {
                if (cell_change(change, v)) continue;
                const json_object c(change, {"mechanism", "label", "parameter", "region", "set", "scale", "shift"});
                std::string how;
                auto t = read_change_target(c, r_, how);
                t.change.value = c.required(how).number();
                v.changes.push_back(std::move(t.change));
                v.regions.push_back(t.region);
                at.push_back(change.path());
            }
            if (obj.required("changes").elements().empty()) obj.required("changes").fail("a variant needs at least one change");
            add(std::move(v), std::move(at), obj.required("name"), entry.path(), s);
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
            add(std::move(v), at, *section, section->path(), s);
        }
    }

    void protocols(const json_value& section, study& s) {
        for (const json_value& entry: section.elements()) {
            const json_object obj(entry, {"name", "location", "steps", "rheobase", "ramp", "train"});
            study_protocol p;
            p.name = obj.required("name").string();
            for (const auto& q: s.protocols) {
                if (q.name == p.name) obj.required("name").fail(fmt::format("protocol '{}' is named twice", p.name));
            }
            p.where = read_location(obj.optional("location").value_or(json_value(soma_, entry.child_path("location"), entry.file())), r_.cell);
            const auto steps = obj.optional("steps");
            const auto rheobase = obj.optional("rheobase");
            const auto ramp = obj.optional("ramp");
            const auto train = obj.optional("train");
            if (int(bool(steps)) + int(bool(rheobase)) + int(bool(ramp)) + int(bool(train)) != 1) {
                entry.fail("give the protocol's kind, one of \"steps\", \"rheobase\", \"ramp\" or \"train\"");
            }
            if (ramp) {
                const json_object o(*ramp, {"from", "to", "delay", "duration"});
                p.kind = ramp_protocol{o.optional("from") ? o.required("from").number() : 0.0, o.required("to").number(),
                                       o.required("delay").non_negative_number(), o.required("duration").positive_number()};
            } else if (train) {
                const json_object o(*train, {"mechanism", "parameters", "weights", "delay", "interval", "number"});
                train_protocol k;
                k.mechanism = o.optional("mechanism") ? o.required("mechanism").string() : "ExpSyn";
                if (const auto parameters = o.optional("parameters")) {
                    for (const auto& [name, value]: parameters->members()) k.parameters[name] = value.number();
                }
                for (const json_value& w: o.required("weights").elements()) k.weights.push_back(w.non_negative_number());
                k.delay = o.required("delay").non_negative_number();
                k.interval = o.required("interval").positive_number();
                k.number = o.required("number").whole_number();
                p.kind = std::move(k);
            } else if (steps) {
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
    // A change of the cell itself: a knock-out, an ion, the temperature.
    bool cell_change(const json_value& change, study_variant& v) {
        const json_object peek = json_object::peek(change);
        if (peek.has("knock_out")) {
            const json_object c(change, {"knock_out", "region"});
            mechanism_removal removal{c.required("knock_out").string(), std::nullopt, {}};
            const bool painted = std::any_of(r_.cell.painted.begin(), r_.cell.painted.end(), [&](const painted_mechanism& p) { return p.mechanism == removal.mechanism; });
            if (!painted) c.required("knock_out").fail(fmt::format("{} is not painted on the cell", removal.mechanism));
            if (const auto region = c.optional("region")) {
                removal.region = read_region(*region, r_);
                removal.region_text = region->string();
            }
            v.removals.push_back(std::move(removal));
            return true;
        }
        if (peek.has("ion")) {
            const json_object c(change, {"ion", "scale_internal", "scale_external", "reversal"});
            ion_change ion{c.required("ion").string(), 1, 1, std::nullopt};
            if (!r_.cell.ions.contains(ion.ion)) c.required("ion").fail(fmt::format("the cell has no ion '{}'", ion.ion));
            if (const auto x = c.optional("scale_internal")) ion.internal_scale = x->positive_number();
            if (const auto x = c.optional("scale_external")) ion.external_scale = x->positive_number();
            if (const auto x = c.optional("reversal")) ion.reversal = x->number();
            if (c.value().members().size() == 1) change.fail("give scale_internal, scale_external or reversal");
            v.ions.push_back(std::move(ion));
            return true;
        }
        if (peek.has("celsius")) {
            const json_object c(change, {"celsius"});
            if (v.celsius) change.fail("the variant's temperature is given twice");
            v.celsius = c.required("celsius").number();
            return true;
        }
        return false;
    }

    void add(study_variant v, std::vector<std::string> at, const json_value& where, std::string path, study& s) {
        for (const auto& w: s.variants) {
            if (w.name == v.name) where.fail(fmt::format("variant '{}' is named twice", v.name));
        }
        s.variants.push_back(std::move(v));
        paths_.study_change.push_back(std::move(at));
        paths_.study_variant.push_back(std::move(path));
    }

    model_reading& r_;
    model_paths& paths_;
    const nlohmann::json soma_ = "soma";
};

} // namespace

namespace {

// --variants: names, or ranges "A-B" / single indices of variants (the
// control is 0 and always runs); the others are dropped with their paths.
void select_variants(const std::string& selection, study& s, model_paths& paths) {
    if (selection.empty()) return;
    std::vector<bool> keep(s.variants.size(), false);
    keep[0] = true;
    std::size_t start = 0;
    while (start <= selection.size()) {
        const auto comma = selection.find(',', start);
        const std::string token = selection.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? selection.size() + 1 : comma + 1;
        if (token.empty()) continue;
        const auto dash = token.find('-', 1);
        const std::string first = token.substr(0, dash), last = dash == std::string::npos ? first : token.substr(dash + 1);
        const bool range = !first.empty() && !last.empty() && first.find_first_not_of("0123456789") == std::string::npos &&
                           last.find_first_not_of("0123456789") == std::string::npos;
        if (range) {
            const std::size_t a = std::stoul(first), b = std::stoul(last);
            if (a > b || b >= s.variants.size()) {
                throw model_file_error(fmt::format("--variants {}: the study has variants 0 (the control) to {}", token, s.variants.size() - 1));
            }
            for (std::size_t k = a; k <= b; ++k) keep[k] = true;
            continue;
        }
        const auto it = std::find_if(s.variants.begin(), s.variants.end(), [&](const study_variant& v) { return v.name == token; });
        if (it == s.variants.end()) throw model_file_error(fmt::format("--variants: no variant named '{}'", token));
        keep[static_cast<std::size_t>(it - s.variants.begin())] = true;
    }
    std::size_t to = 0;
    for (std::size_t k = 0; k < s.variants.size(); ++k) {
        if (!keep[k]) continue;
        if (to != k) {
            s.variants[to] = std::move(s.variants[k]);
            paths.study_change[to] = std::move(paths.study_change[k]);
            paths.study_variant[to] = std::move(paths.study_variant[k]);
        }
        ++to;
    }
    s.variants.resize(to);
    paths.study_change.resize(to);
    paths.study_variant.resize(to);
}

} // namespace

study read_study(const json_value& section, model_reading& r, const simulation_settings& settings, model_paths& paths, const model_source& source) {
    const json_object obj(section, {"variants", "grid", "protocols", "recording", "features", "traces"});
    study s;
    s.cell = r.cell;
    s.settings = settings;
    study_variant control;
    control.name = "control";
    s.variants.push_back(std::move(control));
    paths.study_change.emplace_back();
    paths.study_variant.push_back("cell");
    study_reader reader(r, paths);
    reader.variants(obj.optional("variants"), s);
    reader.grid(obj.optional("grid"), s, source.max_variants);
    reader.protocols(obj.required("protocols"), s);
    reader.recording(section, obj.optional("recording"), s);
    if (const auto traces = obj.optional("traces")) {
        for (const json_value& name: traces->elements()) {
            const std::string n = name.string();
            if (std::none_of(s.variants.begin(), s.variants.end(), [&](const study_variant& v) { return v.name == n; })) {
                name.fail(fmt::format("no variant named '{}' (the control is \"control\")", n));
            }
            s.traces.push_back(n);
        }
    }
    select_variants(source.variants, s, paths);
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
