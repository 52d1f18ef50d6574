#pragma once
// A network checked and resolved once, before anything is simulated: the one
// place where a model's faults are found (model_error, with the address of
// the part at fault), and what the model holds and will need.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <cajal/core/model_error.hpp>
#include <cajal/core/network.hpp>
#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

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

} // namespace cajal
