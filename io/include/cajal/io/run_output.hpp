#pragma once
// What `cajal run` writes: traces and spikes as CSV, a JSON summary of the run,
// and the traces plotted as SVG.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <cajal/core/cell_model.hpp>
#include <cajal/core/network.hpp>
#include <cajal/core/simulation.hpp>

namespace cajal {

// Header "time (ms),NAME (UNITS),..." then one row per time at which any trace
// was sampled, in time order; a trace not sampled at that time has an empty cell.
std::string traces_csv(const std::vector<trace>& traces);

// Header "detector,time (ms)" then one row per spike, in the given order.
std::string spikes_csv(const std::vector<spike>& spikes);

// Wall-clock seconds of each phase of a run.
struct run_timings {
    double read = 0;         // parsing and checking the model file, loading the morphology
    double lower = 0;        // building the simulation's arrays
    double initialize = 0;
    double integrate = 0;
    double write = 0;        // writing the outputs before the summary
};

nlohmann::json run_summary(const std::string& model_file, const run_settings& settings, const run_result& result,
                           const run_timings& timings);

// Header "gid,population,time (ms)" then one row per spike, by time as
// written (12 significant digits), then gid.
std::string network_spikes_csv(const network_model& model, const std::vector<gid_spike>& spikes);

// A network run's figures over all ranks.
struct network_totals {
    int ranks = 1;
    std::uint64_t cvs = 0;             // every rank's cells'
    std::uint64_t connections = 0;
    std::uint64_t memory_bytes = 0;
    std::uint64_t steps = 0;
    double integrate_seconds = 0;      // the slowest rank's, stepping its cells
    double exchange_seconds = 0;       // the slowest rank's, exchanging spikes
};

nlohmann::json network_summary(const std::string& model_file, const network_model& model, const network_result& result,
                               const network_totals& totals, const run_timings& timings);

// One panel per unit (traces of the same units share a y axis), a common time
// axis, and a legend. Long traces are thinned to the extremes per pixel column.
std::string traces_svg(const std::vector<trace>& traces, const std::string& title);

} // namespace cajal
