#pragma once
// Spike sources of a network (NEURON's NetStim and VecStim): the spike train of
// one source gid, computed from its spec, its gid and tstop alone, so that every
// rank gets the same train. Times in ms. See docs/network.md.

#include <cstdint>
#include <limits>
#include <variant>
#include <vector>

namespace cajal {

// NetStim with noise = 0: `number` events at start, start + interval, ...
struct regular_spikes {
    double start = 0;           // ms, >= 0
    double interval = 0;        // ms, > 0
    std::uint64_t number = 0;
};

// A homogeneous Poisson process on (start, stop): exponential intervals of mean
// 1000 / rate ms, drawn from a counter-based generator keyed by (seed, gid).
struct poisson_spikes {
    double rate = 0;            // Hz, >= 0
    double start = 0;           // ms, >= 0
    double stop = std::numeric_limits<double>::infinity();  // ms, >= start
    std::uint64_t seed = 0;
};

// VecStim: the given times, sorted (equal times allowed), non-negative.
struct explicit_spikes {
    std::vector<double> times;  // ms
};

using spike_source_spec = std::variant<regular_spikes, poisson_spikes, explicit_spikes>;

// Throws std::invalid_argument naming the field when the spec is invalid.
void validate(const spike_source_spec& spec);

// The source's spike times t <= tstop (an event at tstop is kept: NEURON
// delivers it in the run's last step), in increasing order. Validates the spec;
// tstop must be finite and >= 0.
std::vector<double> spike_times(const spike_source_spec& spec, std::uint64_t gid, double tstop);

} // namespace cajal
