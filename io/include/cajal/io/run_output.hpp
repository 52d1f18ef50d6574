#pragma once
// What `cajal run` writes, for a cell and a network alike: traces and spikes
// as CSV, a JSON summary of the run, and the traces plotted as SVG.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <cajal/core/simulation.hpp>

namespace cajal {

// Header "time (ms),NAME (UNITS),..." then one row per time at which any trace
// was sampled, in time order; a trace not sampled at that time has an empty cell.
std::string traces_csv(const std::vector<trace>& traces);

// Header "gid,population,detector,time (ms)" then one row per spike: its
// member's gid and population, the name of the detector (or point process)
// that sent it (empty for a spike source), and its time (12 significant
// digits). Rows are ordered by the time as written, then gid, then detector,
// so that the file does not depend on the last bits of times.
std::string spikes_csv(const prepared_network& network, const std::vector<spike_record>& spikes);

// Wall-clock seconds of each phase of a run.
struct run_timings {
    double read = 0;         // parsing and checking the model file, loading the morphology
    double build = 0;        // building the simulation's cells and connections
    double initialize = 0;
    double integrate = 0;    // stepping, the slowest rank's
    double exchange = 0;     // exchanging spikes, the slowest rank's
    double write = 0;        // writing the outputs before the summary
};

nlohmann::json run_summary(const std::string& model_file, const prepared_network& network, const simulation_result& result,
                           const run_timings& timings);

// One panel per unit (traces of the same units share a y axis), a common time
// axis, and a legend. Long traces are thinned to the extremes per pixel column.
std::string traces_svg(const std::vector<trace>& traces, const std::string& title);

} // namespace cajal
