// What is run and recorded: simulation settings, event stimuli, probes.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "model_sections.hpp"

namespace cajal::model_io {

run_settings read_simulation(const std::optional<json_value>& section, std::vector<std::string_view> extra_keys) {
    run_settings run;
    // A model file runs on the GPU where one is usable unless it says otherwise.
    run.backend = backend_kind::automatic;
    if (!section) return run;
    std::vector<std::string_view> keys{"tstop", "dt", "method", "backend"};
    keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
    const json_object obj(*section, keys);
    if (const auto v = obj.optional("tstop")) run.tstop = v->non_negative_number();
    if (const auto v = obj.optional("dt")) run.dt = v->positive_number();
    if (const auto v = obj.optional("method")) {
        const std::string method = v->string();
        if (method == "backward_euler") {
            run.method = integration_method::backward_euler;
        } else if (method == "crank_nicolson") {
            run.method = integration_method::crank_nicolson;
        } else {
            v->fail(fmt::format("unknown method '{}'; known: backward_euler, crank_nicolson", method));
        }
    }
    if (const auto v = obj.optional("backend")) {
        const std::string name = v->string();
        const auto backend = backend_from_name(name);
        if (!backend) v->fail(fmt::format("unknown backend '{}'; known: {}", name, join(backend_names())));
        run.backend = *backend;
    }
    return run;
}

namespace {

const placed_process* find_label(const cell_model& model, const std::string& label) {
    const auto it = std::find_if(model.placed.begin(), model.placed.end(), [&](const placed_process& p) { return p.label == label; });
    return it == model.placed.end() ? nullptr : &*it;
}

std::vector<std::string> labels(const cell_model& model) {
    std::vector<std::string> out;
    for (const auto& p: model.placed) out.push_back(p.label);
    return out;
}

std::string known_or_none(const std::vector<std::string>& names) { return names.empty() ? "none" : join(names); }

} // namespace

void read_stimuli(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    for (const json_value& entry: section->elements()) {
        const json_object obj(entry, {"target", "times", "weight"});
        const json_value target = obj.required("target");
        event_train train;
        train.target = target.string();
        const placed_process* p = find_label(r.model(), train.target);
        if (!p) {
            target.fail(fmt::format("no placed point process is labelled '{}'; labels: {}", train.target, known_or_none(labels(r.model()))));
        }
        if (!r.catalogue.get(p->mechanism).info.receives_events) {
            target.fail(fmt::format("'{}' is a {}, which takes no events", train.target, p->mechanism));
        }
        for (const json_value& t: obj.required("times").elements()) train.times.push_back(t.non_negative_number());
        train.weight = obj.required("weight").number();
        r.model().events.push_back(std::move(train));
    }
}

namespace {

// The same test as the simulation's: interval/dt within relative 1e-9 of a whole number >= 1.
bool multiple_of(double interval, double dt) {
    const double ratio = interval / dt;
    const double whole = std::round(ratio);
    return whole >= 1 && std::fabs(ratio - whole) <= 1e-9 * ratio;
}

std::vector<std::string> field_names(const mechanism_info& info) {
    std::vector<std::string> names;
    for (const auto* group: {&info.parameters, &info.states, &info.assigned}) {
        for (const auto& f: *group) names.push_back(f.name);
    }
    return names;
}

void check_field(const json_value& variable, const mechanism_info& info, const std::string& field) {
    if (!info.instance_field_index(field)) {
        variable.fail(fmt::format("'{}' is not a field of {}; known: {}", field, info.name, join(field_names(info))));
    }
}

// Whether a density mechanism is painted where a location's CV lies, as the
// simulation decides it: on the CV's node, and only where there is membrane.
bool painted_at(const cell_model& model, const discretization& disc, const std::string& mechanism, const location& where) {
    const std::size_t cv = disc.cv_at(where.branch, where.x);
    if (disc.area[cv] <= 0) return false;
    const cv_node& node = disc.node[cv];
    return std::any_of(model.painted.begin(), model.painted.end(), [&](const painted_mechanism& p) {
        return p.mechanism == mechanism && std::any_of(p.region.begin(), p.region.end(), [&](const branch_interval& b) {
                   return b.branch == node.branch && node.x >= b.x0 && node.x <= b.x1;
               });
    });
}

std::vector<std::string> painted_names(const cell_model& model) {
    std::set<std::string> names;
    for (const auto& p: model.painted) names.insert(p.mechanism);
    return {names.begin(), names.end()};
}

// "nai", "nao" or "ena" of an ion the model has.
bool is_ion_variable(const cell_model& model, const std::string& variable) {
    for (const auto& [ion, settings]: model.ions) {
        if (variable == ion + "i" || variable == ion + "o" || variable == "e" + ion) return true;
    }
    return false;
}

} // namespace

probe_spec probe_reader::read(const json_object& obj) {
    probe_spec p;
    p.name = obj.required("name").string();
    if (const auto interval = obj.optional("interval")) {
        p.interval = interval->positive_number();
        if (!multiple_of(p.interval, r_.model().run.dt)) {
            interval->fail(fmt::format("{} ms is not a whole multiple of dt = {} ms", format_number(p.interval),
                                       format_number(r_.model().run.dt)));
        }
    }
    const json_value variable = obj.required("variable");
    p.variable = variable.string();
    const auto where = obj.optional("location");
    if (where) p.where = read_location(*where, r_.model().morph);
    check_variable(obj, variable, p);
    return p;
}

void probe_reader::check_variable(const json_object& obj, const json_value& variable, const probe_spec& p) {
    if (p.variable == "v" || is_ion_variable(r_.model(), p.variable)) {
        obj.required("location");
        return;
    }
    const auto dot = p.variable.find('.');
    if (dot == std::string::npos) {
        variable.fail(fmt::format("unknown variable '{}'; known forms: v, an ion's concentrations and reversal potential (cai, cao, "
                                  "eca, ...), MECHANISM.FIELD, LABEL.FIELD",
                                  p.variable));
    }
    const std::string owner = p.variable.substr(0, dot), field = p.variable.substr(dot + 1);
    const cell_model& model = r_.model();
    if (const placed_process* placed = find_label(model, owner)) {
        if (obj.has("location")) obj.required("location").fail(fmt::format("'{}' is read where it is placed; remove the location", owner));
        check_field(variable, r_.catalogue.get(placed->mechanism).info, field);
        return;
    }
    const std::vector<std::string> painted = painted_names(model);
    if (std::find(painted.begin(), painted.end(), owner) == painted.end()) {
        variable.fail(fmt::format("'{}' is neither a placed label (labels: {}) nor a painted mechanism (painted: {})", owner,
                                  known_or_none(labels(model)), known_or_none(painted)));
    }
    check_field(variable, r_.catalogue.get(owner).info, field);
    const json_value where = obj.required("location");
    if (!disc_) disc_ = discretize(model.morph, model.segments);
    if (!painted_at(model, *disc_, owner, p.where)) variable.fail(fmt::format("{} is not painted at {}", owner, where.raw().dump()));
}

void read_probes(const std::optional<json_value>& section, model_reading& r) {
    if (!section) return;
    probe_reader reader(r);
    std::set<std::string> names;
    for (const json_value& entry: section->elements()) {
        const json_object obj(entry, probe_reader::keys());
        probe_spec p = reader.read(obj);
        if (!names.insert(p.name).second) obj.required("name").fail(fmt::format("probe '{}' is already defined", p.name));
        r.model().probes.push_back(std::move(p));
    }
}

// At most 2^53 steps (exactly countable in a double) and 4 GiB of recorded
// samples (time and value, 16 bytes each).
void check_run_size(const json_object& top, const run_settings& run, const std::vector<const probe_spec*>& probes) {
    constexpr double max_steps = 9007199254740992.0;
    constexpr double max_recording_bytes = 4294967296.0;
    const double steps = std::floor(run.tstop / run.dt + 1e-9);
    if (steps > max_steps) {
        const auto sim = top.optional("simulation");
        sim->fail(fmt::format("tstop/dt is {:.3g} steps; at most {:.3g} can be counted", steps, max_steps));
    }
    double samples = 0;
    for (const auto* p: probes) samples += std::floor(steps / std::max(1.0, std::round(p->interval / run.dt))) + 1;
    if (samples * 16 > max_recording_bytes) {
        top.optional("probes")->fail(fmt::format("the probes would record {:.3g} samples ({:.3g} GiB, at most 4 GiB); "
                                                 "sample less often (interval) or simulate less (tstop)",
                                                 samples, samples * 16 / 1073741824.0));
    }
}

} // namespace cajal::model_io
