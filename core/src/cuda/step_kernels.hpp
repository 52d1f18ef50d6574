#pragma once
// The GPU time loop's own kernels (everything but the mechanisms and the cable
// solve), declared for host C++: each launches on the default stream and
// returns at once. All pointers are device pointers.

#include <cstddef>

namespace cajal::gpu {

// A threshold crossing found on the device.
struct spike_record {
    unsigned detector = 0;
    double time = 0;
};

struct detector_arrays {
    std::size_t count = 0;
    const std::size_t* row = nullptr;   // device row of each detector's CV
    const double* threshold = nullptr;
    double* v_before = nullptr;         // v at the start of the step
};

struct spike_buffer {
    spike_record* records = nullptr;
    unsigned* count = nullptr;          // may pass capacity: records were lost
    unsigned capacity = 0;
};

// Where sampled values go: probe k of the step `slot` steps into the batch at
// values[slot * count + k].
struct sample_arrays {
    std::size_t count = 0;
    const double* const* source = nullptr;   // what each probe reads
    const std::size_t* every = nullptr;      // sampled every this many steps
    double* values = nullptr;
};

// Zeroes `count` accumulators of `rows` doubles each (membrane and ion
// currents and conductances) and records v at the detectors.
void begin_step(double* const* accumulators, std::size_t count, std::size_t rows, detector_arrays detectors, const double* v);

// Threshold crossings between t0 and t1 (when `detect`) and the samples of the
// probes due at `step`, into batch slot `slot`.
void end_step(detector_arrays detectors, spike_buffer spikes, bool detect, double t0, double t1, const double* v,
              sample_arrays samples, std::size_t step, std::size_t slot);

// Nernst reversal potentials from the concentrations, per row.
void update_reversal(std::size_t rows, double valence, double celsius, const double* internal, const double* external, double* reversal);

} // namespace cajal::gpu
