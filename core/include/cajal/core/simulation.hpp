#pragma once
// Simulating a network (a single cell is a network of one): the network is
// first prepared — checked and resolved once, the same on every rank — then
// each rank simulates its own cells, spikes exchanged between ranks in epochs
// (see docs/network.md). Every fault is reported: a model that cannot be
// simulated as model_error, naming where in the model; a run that diverges as
// simulation_error, naming the cell, the place and the time.

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
#include <cajal/mechanisms/catalogue.hpp>
#include <cajal/support/errors.hpp>

namespace cajal {

// A run whose state became NaN or infinite: the model (or its dt) is at fault.
class simulation_error: public input_error {
    using input_error::input_error;
};

// What a network holds, before anything is allocated.
struct network_counts {
    std::uint64_t cells = 0, sources = 0;
    std::uint64_t cvs = 0;                              // nodes of the cable equation, every cell's
    std::map<std::string, std::uint64_t> instances;     // per mechanism
    std::uint64_t point_processes = 0;                  // placed instances (synapses, clamps, ...)
    double connections = 0;                             // expected (exact but for probability rules)
    std::uint64_t probes = 0;
    std::uint64_t steps = 0;
    std::uint64_t samples = 0;                          // recorded over the run, every probe's
};

// What a run will need, estimated from the counts.
struct resource_estimate {
    std::uint64_t host_bytes = 0;     // the rank's arrays, connections, events, recordings
    std::uint64_t device_bytes = 0;   // on the GPU backend, per rank
    std::uint64_t output_bytes = 0;   // the files written (CSV)
};

// A network checked against a catalogue and resolved: every cell's
// discretization, mechanism instances, labels, detectors and probe targets.
// Cheap to copy (shared).
class prepared_network {
public:
    // Throws model_error with the address of the first fault.
    prepared_network(network model, const mechanism_catalogue& catalogue);

    const network& model() const noexcept;
    const mechanism_catalogue& catalogue() const noexcept;
    network_counts counts() const;
    // For `ranks` ranks sharing the cells evenly, on `backend` (gpu: device bytes too).
    resource_estimate estimate(int ranks, backend_kind backend) const;

    struct impl;
    const impl& internals() const noexcept { return *impl_; }

private:
    std::shared_ptr<const impl> impl_;
};

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
