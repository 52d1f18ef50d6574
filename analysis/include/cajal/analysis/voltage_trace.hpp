#pragma once
// A recorded membrane potential and the step stimulus it answers: what every
// electrophysiological feature (features.hpp) is computed from.

#include <optional>
#include <vector>

namespace cajal::analysis {

struct voltage_trace {
    std::vector<double> time_ms;           // strictly increasing, not necessarily uniform; at least 3 samples
    std::vector<double> voltage_mV;        // one per time
    double stimulus_start_ms = 0;
    double stimulus_end_ms = 0;            // > stimulus_start_ms
    std::optional<double> stimulus_current_nA;  // the step's amplitude; only input resistance needs it
};

// Throws cajal::input_error saying what is wrong: times and voltages of
// different lengths, fewer than 3 samples, times not strictly increasing,
// a non-finite time or voltage, a stimulus that does not end after it starts.
void validate(const voltage_trace& trace);

} // namespace cajal::analysis
