// The JSON summary of a run.
#include <cajal/io/run_output.hpp>

#include <cajal/io/version.hpp>

#include "run_summary_fields.hpp"

namespace cajal {

nlohmann::json run_summary(const std::string& model_file, const run_settings& settings, const run_result& result,
                           const run_timings& timings) {
    const run_statistics& stats = result.stats;
    nlohmann::json instances = nlohmann::json::object();
    for (const auto& [name, count]: stats.instances) instances[name] = count;
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
        {"method", summary_fields::method_name(settings.method)},
        {"probes", result.traces.size()},
        {"spikes", result.spikes.size()},
        {"wall_time_s", summary_fields::wall_time(timings)},
        {"cv_steps_per_s", stats.cv_steps_per_second()},
    };
}

} // namespace cajal
