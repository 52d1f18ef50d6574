#pragma once
// Simulating a network (a single cell is a network of one): the network is
// first prepared (prepared_network.hpp) — checked and resolved once, the same
// on every rank — then each rank simulates its own cells, spikes exchanged
// between ranks in epochs (see docs/network.md). A run that diverges is a
// simulation_error naming the cell, the place and the time.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <cajal/core/communicator.hpp>
#include <cajal/core/model_error.hpp>
#include <cajal/core/network.hpp>
#include <cajal/core/prepared_network.hpp>

namespace cajal {

struct trace {
    std::string name;
    std::string units;
    std::vector<double> times;   // ms
    std::vector<double> values;
};

// A spike of a cell (its sender: an index into spike_senders of its cell) or
// of a spike source (sender 0).
struct spike_record {
    std::uint64_t gid = 0;
    std::uint32_t sender = 0;
    double time = 0;             // ms
    friend bool operator==(const spike_record&, const spike_record&) = default;
};

// The order of spikes in results: by time, then gid, then sender.
bool spike_record_before(const spike_record& a, const spike_record& b) noexcept;

struct run_statistics {
    std::string backend = "cpu";    // "cpu" or "gpu": where the run stepped
    std::string device;             // the GPU's name and memory; empty on the CPU
    int ranks = 1;
    unsigned threads = 1;           // per rank: the cell groups stepped in parallel
    std::uint64_t cvs = 0;          // over all ranks
    std::uint64_t steps = 0;
    std::map<std::string, std::uint64_t> instances;   // per mechanism, over all ranks
    std::uint64_t connections = 0;  // over all ranks
    std::uint64_t memory_bytes = 0; // the ranks' arrays, summed
    double epoch = 0;               // ms between spike exchanges
    std::size_t epochs = 0;
    // Seconds; the slowest rank's.
    double build_seconds = 0, initialize_seconds = 0, integrate_seconds = 0, exchange_seconds = 0;
    double cv_steps_per_second() const { return integrate_seconds > 0 ? double(cvs) * double(steps) / integrate_seconds : 0; }
};

struct simulation_result {
    // On rank 0: every spike of every cell (each detector's, and net_event's)
    // and of every source, in spike_record_before order; empty on other ranks.
    std::vector<spike_record> spikes;
    // On rank 0: every probe's trace, in the network's probe order.
    std::vector<trace> traces;
    run_statistics stats;
};

// Called now and then while integrating: current time and stop time (ms).
using progress_callback = std::function<void(double t, double tstop)>;

class simulation {
public:
    // Builds this rank's cells (balanced by cost over the ranks) and their
    // incoming connections; every rank of `comm` must construct it.
    simulation(const prepared_network& network, communicator& comm);
    ~simulation();
    simulation(const simulation&) = delete;
    simulation& operator=(const simulation&) = delete;

    // The whole run, from t = 0 to tstop; may be called again. Throws
    // simulation_error when the state becomes non-finite.
    simulation_result run(const progress_callback& progress = {});

    const std::vector<std::uint64_t>& local_cells() const noexcept;   // gids of this rank's cells, ascending

    struct state;

private:
    std::unique_ptr<state> state_;
};

} // namespace cajal
