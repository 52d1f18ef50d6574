#pragma once
// A network: populations of cells and of spike sources, each member a global
// id (gid), joined by connection rules; simulated by every rank for its own
// cells, spikes exchanged every epoch (see docs/network.md).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <cajal/core/cell_model.hpp>
#include <cajal/core/communicator.hpp>
#include <cajal/core/connection_rule.hpp>
#include <cajal/core/simulation.hpp>
#include <cajal/core/spike_source.hpp>
#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

// `count` copies of one cell. Its spikes are those of `spike_detector`: a
// detector's name, or the label of a placed point process that sends spikes
// with net_event (an ARTIFICIAL_CELL, say). Default: the cell's first detector.
struct cell_population {
    std::string name;
    cell_model cell;
    std::size_t count = 0;
    std::string spike_detector;
};

// What may be a population's spike_detector: the cell's detectors, then the
// labels of its placed point processes that take events (and so may call
// net_event), in the order the cell lists them.
std::vector<std::string> spike_senders(const cell_model& cell, const mechanism_catalogue& catalogue);

struct source_population {
    std::string name;
    spike_source_spec spec;
    std::size_t count = 0;
};

// A probe on one cell of the network (a cell population's member).
struct network_probe {
    std::uint64_t gid = 0;
    probe_spec probe;
};

// When a cell's spike happens: at the threshold crossing interpolated within
// its step (cajal's rule), or at the end of that step (NEURON's fixed step,
// whose spike detection compares v at step ends). Events act from the step
// that contains spike time + delay either way.
enum class spike_timing { interpolated, step_end };

// Gids are given in order: the cell populations' members first, population
// by population, then the sources'.
struct network_model {
    std::vector<cell_population> cells;
    std::vector<source_population> sources;
    std::vector<connection_rule> connections;
    std::vector<network_probe> probes;   // names unique in the network
    run_settings run;   // tstop, dt, method, backend for every cell
    // ms between spike exchanges. 0: the minimum delay in one process; on
    // several ranks half of it where that is at least dt, so that each
    // exchange overlaps the next epoch's computation. Longer than the minimum
    // delay is an error; on several ranks, epochs of at most half of it overlap.
    double epoch = 0;
    spike_timing timing = spike_timing::interpolated;
};

struct network_result {
    std::vector<gid_spike> spikes;   // every cell's and source's, by time then gid
    // On rank 0, every probe's trace in the order of network_model::probes,
    // gathered from the ranks that own the cells; empty on the other ranks.
    std::vector<trace> traces;
    run_statistics stats;            // this rank's cells
    std::uint64_t connections = 0;   // into this rank's cells
    std::size_t epochs = 0;
    double epoch = 0;                // ms
    double exchange_seconds = 0;     // spent exchanging spikes, on this rank
};

class network_simulation {
public:
    // Builds this rank's cells (balanced by CV count) and their incoming
    // connections. Throws model_error for connections into missing cells or
    // synapses, cells without a detector, or a minimum delay shorter than dt.
    network_simulation(const network_model& model, const mechanism_catalogue& catalogue, communicator& comm);
    ~network_simulation();
    network_simulation(const network_simulation&) = delete;
    network_simulation& operator=(const network_simulation&) = delete;

    network_result run(const progress_callback& progress = {});

    std::uint64_t num_cells() const noexcept;     // in the whole network
    std::uint64_t num_sources() const noexcept;
    const std::vector<std::uint64_t>& local_cells() const noexcept;   // gids of this rank's cells

private:
    std::vector<trace> gather_traces(const std::vector<trace>& local) const;

    struct state;
    std::unique_ptr<state> state_;
};

} // namespace cajal
