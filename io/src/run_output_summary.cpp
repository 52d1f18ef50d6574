// The JSON summary of a run.
#include <cajal/io/run_output.hpp>

#include <cajal/io/version.hpp>

namespace cajal {

nlohmann::json run_summary(const std::string& model_file, const run_settings& settings, const run_result& result,
                           const run_timings& timings) {
    const run_statistics& stats = result.stats;
    nlohmann::json instances = nlohmann::json::object();
    for (const auto& [name, count]: stats.instances) instances[name] = count;
    const double total = timings.read + timings.lower + timings.initialize + timings.integrate + timings.write;
    return {
        {"model", model_file},
        {"cajal_version", std::string(version())},
        {"backend", stats.backend},
        {"device", stats.device.empty() ? nlohmann::json(nullptr) : nlohmann::json(stats.device)},
        {"cvs", stats.cvs},
        {"mechanism_instances", instances},
        {"steps", stats.steps},
        {"dt_ms", settings.dt},
        {"tstop_ms", settings.tstop},
        {"method", settings.method == integration_method::crank_nicolson ? "crank_nicolson" : "backward_euler"},
        {"probes", result.traces.size()},
        {"spikes", result.spikes.size()},
        {"wall_time_s",
         {{"read", timings.read},
          {"lower", timings.lower},
          {"initialize", timings.initialize},
          {"integrate", timings.integrate},
          {"write", timings.write},
          {"total", total}}},
        {"cv_steps_per_s", stats.cv_steps_per_second()},
    };
}

} // namespace cajal
