#pragma once
// The GPU time loop's own kernels (everything but the mechanisms and the cable
// solve), declared for host C++: each launches on the default stream and
// returns at once. All pointers are device pointers.

#include <cstddef>

#include <cajal/kernels/membrane_current.hpp>
#include <cajal/kernels/waveform.hpp>

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
    double* v_before = nullptr;         // v at the end of the previous step
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
    const double* scale = nullptr;           // a sample is *source · scale
    double* values = nullptr;
};

// Zeroes `count` accumulators of `rows` doubles each (membrane and ion
// currents and conductances).
void clear_accumulators(double* const* accumulators, std::size_t count, std::size_t rows);

// Threshold crossings between t0 and t1 (when `detect`), v remembered at the
// detectors for the next step, and the samples of the probes due at `step`,
// into batch slot `slot`.
void end_step(detector_arrays detectors, spike_buffer spikes, bool detect, double t0, double t1, const double* v,
              sample_arrays samples, std::size_t step, std::size_t slot);

// Each row's membrane current and its capacitive part: after a cable solve,
// or as initialisation leaves them when `at_start`.
void membrane_currents(std::size_t rows, const kernels::membrane_current_arrays& arrays, bool at_start);

// Nernst reversal potentials from the concentrations, on the rows whose `follows` is set.
void update_reversal(std::size_t rows, double valence, double celsius, const unsigned char* follows, const double* internal,
                     const double* external, double* reversal);

// The played parameters (lowered_cell::plays), each target the device
// address of its instance field.
struct play_arrays {
    std::size_t count = 0;
    const kernels::waveform_shape* shapes = nullptr;
    double* const* targets = nullptr;
    const double* series_times = nullptr;
    const double* series_values = nullptr;
};

// Every played parameter set for `when`, one thread each.
void play(const play_arrays& plays, kernels::play_time when);

// An array scanned for non-finite values.
struct scanned_array {
    const double* data = nullptr;
    std::size_t size = 0;
};

// The first non-finite element of `count` arrays, as array · 2^40 + element
// (the smallest such code), into *result, which must hold ~0ull before.
void find_non_finite(const scanned_array* arrays, std::size_t count, std::size_t longest, unsigned long long* result);

} // namespace cajal::gpu
