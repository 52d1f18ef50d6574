#pragma once
// What `cajal run` writes, for a cell and a network alike: traces and spikes
// as CSV, a JSON summary of the run, and the traces and spikes plotted as SVG.

#include <cstdint>
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

// A population as the run's plot shows it. Gids run on from one population to
// the next, in the network's order: the cells' populations, then the sources'.
struct plot_population {
    std::string name;
    std::uint64_t count = 0;
};
std::vector<plot_population> plot_populations(const network& model);

// The plot of a run (traces.svg), over one time axis from 0 to tstop: a panel
// per unit (traces of the same units share a value range; more than eight
// split into several panels, so that each trace keeps a colour of its own in
// its panel), each with its legend; then, when there are spikes, a raster of
// them, a row per gid and a band per population. Long traces are thinned to
// the extremes per pixel column, ticks of the raster merged per half pixel.
std::string run_plot_svg(const std::vector<trace>& traces, const std::vector<plot_population>& populations,
                         const std::vector<spike_record>& spikes, double tstop, const std::string& title);
// The same for a finished run of `network`.
std::string run_plot_svg(const prepared_network& network, const simulation_result& result, const std::string& title);

} // namespace cajal
