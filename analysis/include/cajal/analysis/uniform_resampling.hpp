#pragma once
// eFEL's first step before any feature (LinearInterpolation in its Utils.cpp):
// the trace linearly interpolated onto a uniform grid. The grid's times are
// accumulated (t += step from the first time), not multiplied, and the last
// one lies at or just past the trace's end, where the voltage is the last
// sample's; every feature depends on these exact values.

#include <vector>

namespace cajal::analysis {

struct uniform_samples {
    std::vector<double> time_ms;
    std::vector<double> voltage_mV;
};

// `time_ms` strictly increasing with at least 2 samples, `step_ms` > 0 (not checked here).
uniform_samples resample_uniform(const std::vector<double>& time_ms, const std::vector<double>& voltage_mV, double step_ms);

} // namespace cajal::analysis
