// How the run goes (simulation settings) and what is recorded (probes).
#include <fmt/format.h>

#include "model_sections.hpp"

namespace cajal::model_io {

namespace {

// Threads per process: 1 to max_threads.
unsigned thread_setting(const json_value& v) {
    constexpr std::size_t max_threads = 1024;
    const auto n = v.whole_number();
    if (n < 1 || n > max_threads) v.fail(fmt::format("expected a thread count from 1 to {}, not {}", max_threads, n));
    return static_cast<unsigned>(n);
}

} // namespace

simulation_settings read_simulation(const std::optional<json_value>& section) {
    simulation_settings s;
    // A model file runs on the GPU where one is usable unless it says otherwise.
    s.backend = backend_kind::automatic;
    if (!section) return s;
    const json_object obj(*section, {"tstop", "dt", "method", "celsius", "backend", "spike_timing", "epoch", "threads"});
    if (const auto v = obj.optional("tstop")) s.tstop = v->non_negative_number();
    if (const auto v = obj.optional("dt")) s.dt = v->positive_number();
    if (const auto v = obj.optional("method")) {
        const std::string method = v->string();
        if (method == "backward_euler") {
            s.method = integration_method::backward_euler;
        } else if (method == "crank_nicolson") {
            s.method = integration_method::crank_nicolson;
        } else {
            v->fail(fmt::format("unknown method '{}'; known: backward_euler, crank_nicolson", method));
        }
    }
    if (const auto v = obj.optional("celsius")) s.celsius = v->number();
    if (const auto v = obj.optional("backend")) {
        const std::string name = v->string();
        const auto backend = backend_from_name(name);
        if (!backend) v->fail(fmt::format("unknown backend '{}'; known: {}", name, join(backend_names())));
        s.backend = *backend;
    }
    if (const auto v = obj.optional("spike_timing")) {
        const std::string timing = v->string();
        if (timing == "interpolated") {
            s.timing = spike_timing::interpolated;
        } else if (timing == "step_end") {
            s.timing = spike_timing::step_end;
        } else {
            v->fail(fmt::format("unknown spike timing '{}'; known: interpolated, step_end", timing));
        }
    }
    if (const auto v = obj.optional("epoch")) s.epoch = v->positive_number();
    if (const auto v = obj.optional("threads")) s.threads = thread_setting(*v);
    return s;
}

std::vector<std::string_view> probe_keys() { return {"name", "location", "variable", "interval"}; }

std::vector<probe_spec> read_probe(const json_object& entry, const cell_model& cell, const empty_selections& empty) {
    probe_spec p;
    p.name = entry.required("name").string();
    p.variable = entry.required("variable").string();
    if (const auto interval = entry.optional("interval")) p.interval = interval->positive_number();
    const auto where = entry.optional("location");
    if (!where) return {p};
    const auto locations = read_locset(*where, cell);
    if (locations.empty()) empty.report(*where, "the locset has no location on this cell: nothing is recorded");
    std::vector<probe_spec> out;
    for (std::size_t i = 0; i < locations.size(); ++i) {
        out.push_back(p);
        out.back().where = locations[i];
        if (locations.size() > 1) out.back().name = fmt::format("{}[{}]", p.name, i);
    }
    return out;
}

} // namespace cajal::model_io
