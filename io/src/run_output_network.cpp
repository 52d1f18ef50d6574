// What a network run writes beyond a cell's: spikes by gid, its summary.
#include <cajal/io/run_output.hpp>
#include <cajal/io/version.hpp>

#include "run_summary_fields.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace cajal {

std::string network_spikes_csv(const network_model& model, const std::vector<gid_spike>& spikes) {
    // Population names are plain (letters, digits, '_', '-'): no quoting.
    std::vector<std::pair<std::uint64_t, const std::string*>> ends;   // each population's end gid
    std::uint64_t end = 0;
    for (const auto& p: model.cells) ends.push_back({end += p.count, &p.name});
    for (const auto& p: model.sources) ends.push_back({end += p.count, &p.name});
    // Ordered by the time as written, then gid: spikes whose times differ only
    // past the printed digits (the last bits can depend on the number of
    // ranks) keep their order by gid, so the file does not.
    struct row {
        std::string time;
        double written = 0;
        std::uint64_t gid = 0;
    };
    std::vector<row> rows;
    rows.reserve(spikes.size());
    for (const auto& s: spikes) {
        std::string time = fmt::format("{:.12g}", s.time);
        const double written = std::stod(time);
        rows.push_back({std::move(time), written, s.gid});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const row& a, const row& b) { return a.written < b.written || (a.written == b.written && a.gid < b.gid); });
    std::string out = "gid,population,time (ms)\n";
    for (const auto& r: rows) {
        const auto it = std::upper_bound(ends.begin(), ends.end(), r.gid, [](std::uint64_t g, const auto& e) { return g < e.first; });
        out += fmt::format("{},{},{}\n", r.gid, it == ends.end() ? "" : *it->second, r.time);
    }
    return out;
}

nlohmann::json network_summary(const std::string& model_file, const network_model& model, const network_result& result,
                               const network_totals& totals, const run_timings& timings) {
    std::uint64_t cells = 0, sources = 0;
    nlohmann::json populations = nlohmann::json::object();
    for (const auto& p: model.cells) {
        cells += p.count;
        populations[p.name] = p.count;
    }
    for (const auto& p: model.sources) {
        sources += p.count;
        populations[p.name] = p.count;
    }
    const double cv_steps = double(totals.cvs) * double(totals.steps);
    return {
        {"model", model_file},
        {"cajal_version", std::string(version())},
        {"backend", result.stats.backend},
        {"device", result.stats.device.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.stats.device)},
        {"ranks", totals.ranks},
        {"cells", cells},
        {"sources", sources},
        {"populations", populations},
        {"connections", totals.connections},
        {"cvs", totals.cvs},
        {"memory_bytes", totals.memory_bytes},
        {"steps", totals.steps},
        {"dt_ms", model.run.dt},
        {"tstop_ms", model.run.tstop},
        {"method", summary_fields::method_name(model.run.method)},
        {"spike_timing", model.timing == spike_timing::step_end ? "step_end" : "interpolated"},
        {"epoch_ms", result.epoch},
        {"epochs", result.epochs},
        {"exchange_s", totals.exchange_seconds},
        {"exchange_per_epoch_s", result.epochs > 0 ? totals.exchange_seconds / double(result.epochs) : 0.0},
        {"probes", result.traces.size()},
        {"spikes", result.spikes.size()},
        {"wall_time_s", summary_fields::wall_time(timings)},
        {"cv_steps_per_s", totals.integrate_seconds > 0 ? cv_steps / totals.integrate_seconds : 0.0},
        {"cv_steps_per_s_with_exchange", timings.integrate > 0 ? cv_steps / timings.integrate : 0.0},
    };
}

} // namespace cajal
