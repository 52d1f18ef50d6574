#pragma once
// The settings the features use, under eFEL's names and with eFEL's defaults
// (efel.Settings, eFEL 5.7). See docs/features.md.

namespace cajal::analysis {

// How voltage_base averages its window.
enum class averaging { mean, median };

struct feature_settings {
    double threshold_mV = -20;                     // Threshold: spikes are upward crossings of it
    double derivative_threshold_mV_per_ms = 10;    // DerivativeThreshold: dV/dt where an AP begins
    int derivative_window = 3;                     // DerivativeWindow: samples dV/dt must stay above it, >= 1
    double interp_step_ms = 0.1;                   // interp_step: the uniform grid the trace is resampled onto, > 0
    double voltage_base_start_perc = 0.9;          // voltage_base_start_perc: voltage_base's window starts at this
    double voltage_base_end_perc = 1.0;            // voltage_base_end_perc:   and ends at this fraction of stimulus start
    averaging voltage_base_mode = averaging::mean;  // voltage_base_mode
    double precision_threshold_ms = 1e-10;         // precision_threshold: slack on voltage_base's window end
    bool ignore_first_ISI = true;                  // ignore_first_ISI: ISI_CV leaves out the first interval
};

// Throws cajal::input_error naming the setting that is out of its range.
void validate(const feature_settings& settings);

} // namespace cajal::analysis
