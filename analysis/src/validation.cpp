// The checks of a trace and of the settings, before any feature is computed.

#include <cmath>
#include <string>

#include <cajal/analysis/feature_settings.hpp>
#include <cajal/analysis/voltage_trace.hpp>
#include <cajal/support/errors.hpp>

namespace cajal::analysis {

void validate(const voltage_trace& trace) {
    const auto& t = trace.time_ms;
    const auto& v = trace.voltage_mV;
    if (t.size() != v.size()) {
        throw input_error("voltage trace: " + std::to_string(t.size()) + " times but " + std::to_string(v.size()) + " voltages");
    }
    if (t.size() < 3) throw input_error("voltage trace: " + std::to_string(t.size()) + " samples; at least 3 are needed");
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!std::isfinite(t[i]) || !std::isfinite(v[i])) throw input_error("voltage trace: sample " + std::to_string(i) + " is not finite");
        if (i > 0 && !(t[i] > t[i - 1])) throw input_error("voltage trace: times do not increase strictly at sample " + std::to_string(i));
    }
    if (!std::isfinite(trace.stimulus_start_ms) || !std::isfinite(trace.stimulus_end_ms) || !(trace.stimulus_end_ms > trace.stimulus_start_ms)) {
        throw input_error("voltage trace: the stimulus must end after it starts (start " + std::to_string(trace.stimulus_start_ms) +
                          " ms, end " + std::to_string(trace.stimulus_end_ms) + " ms)");
    }
}

void validate(const feature_settings& settings) {
    if (!(settings.interp_step_ms > 0) || !std::isfinite(settings.interp_step_ms)) throw input_error("feature settings: interp_step must be a positive number of ms");
    if (settings.derivative_window < 1) throw input_error("feature settings: DerivativeWindow must be at least 1");
    if (!std::isfinite(settings.threshold_mV) || !std::isfinite(settings.derivative_threshold_mV_per_ms)) {
        throw input_error("feature settings: Threshold and DerivativeThreshold must be finite");
    }
}

} // namespace cajal::analysis
