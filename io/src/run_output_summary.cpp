// The JSON summary of a run, a cell's or a network's.
#include <cajal/io/run_output.hpp>

#include <cajal/io/version.hpp>

namespace cajal {

namespace {

const char* method_name(integration_method m) { return m == integration_method::crank_nicolson ? "crank_nicolson" : "backward_euler"; }

nlohmann::json wall_time(const run_timings& t) {
    return {{"read", t.read},
            {"build", t.build},
            {"initialize", t.initialize},
            {"integrate", t.integrate},
            {"exchange", t.exchange},
            {"write", t.write},
            {"total", t.read + t.build + t.initialize + t.integrate + t.exchange + t.write}};
}

} // namespace

nlohmann::json run_summary(const std::string& model_file, const prepared_network& network, const simulation_result& result,
                           const run_timings& timings) {
    const auto& model = network.model();
    const auto& stats = result.stats;
    const auto counts = network.counts();
    nlohmann::json populations = nlohmann::json::object();
    for (const auto& p: model.populations) populations[p.name] = p.count;
    for (const auto& p: model.sources) populations[p.name] = p.count;
    nlohmann::json instances = nlohmann::json::object();
    for (const auto& [name, count]: stats.instances) instances[name] = count;
    return {
        {"model", model_file},
        {"cajal_version", std::string(version())},
        {"backend", stats.backend},
        {"device", stats.device.empty() ? nlohmann::json(nullptr) : nlohmann::json(stats.device)},
        {"ranks", stats.ranks},
        {"threads", stats.threads},
        {"cells", counts.cells},
        {"sources", counts.sources},
        {"populations", populations},
        {"connections", stats.connections},
        {"cvs", stats.cvs},
        {"mechanism_instances", instances},
        {"memory_bytes", stats.memory_bytes},
        {"steps", stats.steps},
        {"dt_ms", model.settings.dt},
        {"tstop_ms", model.settings.tstop},
        {"celsius", model.settings.celsius},
        {"method", method_name(model.settings.method)},
        {"spike_timing", model.settings.timing == spike_timing::step_end ? "step_end" : "interpolated"},
        {"epoch_ms", stats.epoch},
        {"epochs", stats.epochs},
        {"exchange_per_epoch_s", stats.epochs > 0 ? stats.exchange_seconds / double(stats.epochs) : 0.0},
        {"probes", result.traces.size()},
        {"spikes", result.spikes.size()},
        {"wall_time_s", wall_time(timings)},
        {"cv_steps_per_s", stats.cv_steps_per_second()},
    };
}

} // namespace cajal
