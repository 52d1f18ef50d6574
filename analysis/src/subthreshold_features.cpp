// The membrane below threshold: the resting level before the stimulus, the
// level the step settles at, the input resistance and the sag.

#include <algorithm>
#include <numeric>

#include "feature_functions.hpp"

namespace cajal::analysis::feature_functions {

namespace {

double mean_of(std::vector<double>::const_iterator first, std::vector<double>::const_iterator last) {
    return std::accumulate(first, last, 0.0) / static_cast<double>(last - first);
}

double median_of(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 != 0 ? values[n / 2] : (values[(n - 1) / 2] + values[n / 2]) / 2.0;
}

// eFEL's minimum_voltage (Subthreshold, __maxmin_voltage), mV: the lowest
// voltage from the first sample at or after stim_start up to, not including,
// the first at or after stim_end (the trace's end, if earlier).
double minimum_voltage(const feature_context& c) {
    if (c.stim_start > c.t.back()) throw no_value("the stimulus starts after the trace ends");
    const std::size_t first = first_index_at_or_after(c.t, c.stim_start);
    const std::size_t last = first_index_at_or_after(c.t, std::min(c.stim_end, c.t.back()));
    if (first >= last) throw no_value("no sample within the stimulus");
    return *std::min_element(c.v.begin() + static_cast<std::ptrdiff_t>(first), c.v.begin() + static_cast<std::ptrdiff_t>(last));
}

// eFEL's voltage_deflection_vb_ssse, mV: steady_state_voltage_stimend - voltage_base.
double voltage_deflection_vb_ssse(const feature_context& c) {
    return steady_state_voltage_stimend(c).front() - voltage_base(c).front();
}

} // namespace

// eFEL's voltage_base (Subthreshold voltage_base), mV: the mean (or median,
// voltage_base_mode) of the samples from voltage_base_start_perc to
// voltage_base_end_perc of stim_start, the window's end widened by
// precision_threshold.
std::vector<double> voltage_base(const feature_context& c) {
    const auto& s = c.settings;
    const double start_ms = c.stim_start * s.voltage_base_start_perc;
    const double end_ms = c.stim_start * s.voltage_base_end_perc;
    if (start_ms >= end_ms) throw no_value("voltage_base: its window is empty (stim_start * voltage_base_start_perc >= stim_start * voltage_base_end_perc)");
    // As eFEL's get_time_index: the first sample at or after the start (else
    // the first sample), through the last within precision_threshold of the
    // end (else the last sample); the first sample is never taken as the end.
    std::size_t first = first_index_at_or_after(c.t, start_ms);
    if (first == c.t.size()) first = 0;
    std::size_t last = c.t.size();
    for (std::size_t i = c.t.size() - 1; i > 0; --i) {
        if (c.t[i] - end_ms < s.precision_threshold_ms) {
            last = i + 1;
            break;
        }
    }
    if (first >= last) throw no_value("voltage_base: no sample in its window");
    const auto begin = c.v.begin() + static_cast<std::ptrdiff_t>(first);
    const auto end = c.v.begin() + static_cast<std::ptrdiff_t>(last);
    if (s.voltage_base_mode == averaging::median) return {median_of({begin, end})};
    return {mean_of(begin, end)};
}

// eFEL's steady_state_voltage_stimend (Subthreshold), mV: the mean voltage
// over the last tenth of the stimulus, from the first sample at or after
// stim_end - 0.1 (stim_end - stim_start) up to, not including, the first at
// or after stim_end.
std::vector<double> steady_state_voltage_stimend(const feature_context& c) {
    const double start_ms = c.stim_end - 0.1 * (c.stim_end - c.stim_start);
    const std::size_t first = first_index_at_or_after(c.t, start_ms);
    const std::size_t last = first_index_at_or_after(c.t, c.stim_end);
    if (last <= first) throw no_value("steady_state_voltage_stimend: no sample in the stimulus' last tenth");
    return {mean_of(c.v.begin() + static_cast<std::ptrdiff_t>(first), c.v.begin() + static_cast<std::ptrdiff_t>(last))};
}

// eFEL's ohmic_input_resistance_vb_ssse (Subthreshold), MOhm:
// voltage_deflection_vb_ssse (mV) over the stimulus current (nA).
std::vector<double> ohmic_input_resistance_vb_ssse(const feature_context& c) {
    if (!c.stimulus_current) throw no_value("the trace gives no stimulus current");
    if (*c.stimulus_current == 0) throw no_value("the stimulus current is zero");
    return {voltage_deflection_vb_ssse(c) / *c.stimulus_current};
}

// eFEL's sag_ratio1 (Subthreshold), dimensionless: sag_amplitude
// (steady_state_voltage_stimend - minimum_voltage, defined only for a
// deflection that is not positive) over voltage_base - minimum_voltage.
std::vector<double> sag_ratio1(const feature_context& c) {
    if (voltage_deflection_vb_ssse(c) > 0) throw no_value("sag_ratio1: the voltage deflection is positive (no hyperpolarization)");
    const double minimum = minimum_voltage(c);
    const double base = voltage_base(c).front();
    if (minimum == base) throw no_value("sag_ratio1: the minimum voltage equals voltage_base");
    const double sag_amplitude = steady_state_voltage_stimend(c).front() - minimum;
    return {sag_amplitude / (base - minimum)};
}

} // namespace cajal::analysis::feature_functions
