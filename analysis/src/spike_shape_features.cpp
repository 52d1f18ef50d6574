// The shape of each action potential: its amplitude, widths, onset voltage and
// the depth of the AHP after it. One value per spike (per AHP minimum, per AP
// begin: eFEL's lists can be shorter than the peaks').

#include <algorithm>

#include "feature_functions.hpp"
#include "spike_detection.hpp"

namespace cajal::analysis::feature_functions {

namespace {

std::vector<double> voltages_at(const feature_context& c, const std::vector<std::size_t>& indices) {
    std::vector<double> values;
    for (std::size_t i: indices) values.push_back(c.v[i]);
    return values;
}

// The AP begins, needing at least one (eFEL's features on them do).
std::vector<std::size_t> required_AP_begins(const feature_context& c, const std::vector<std::size_t>& peaks) {
    std::vector<std::size_t> minima;
    // A single spike whose AHP the trace does not reach still has a begin.
    try {
        minima = min_AHP_indices(c, peaks);
    } catch (const no_value&) {
    }
    auto begins = AP_begin_indices(c, peaks, minima);
    if (begins.empty()) throw no_value("no AP begin: dV/dt never rises through DerivativeThreshold for DerivativeWindow samples before a peak");
    return begins;
}

// The first index in [first, last) whose voltage satisfies `test`; `last`
// when none, and when the range is reversed (as std::find_if of libstdc++,
// which eFEL is built with, returns for one).
template <typename Test>
std::size_t first_where(const std::vector<double>& v, std::size_t first, std::size_t last, Test test) {
    for (; first < last; ++first) {
        if (test(v[first])) return first;
    }
    return last;
}

} // namespace

// eFEL's AP_amplitude (SpikeShape AP_amplitude), mV: for each spike peaking
// within [stim_start, stim_end], its peak voltage minus the voltage at the
// AP begin of the same rank.
std::vector<double> AP_amplitude(const feature_context& c) {
    const auto peaks = required_peaks(c);
    const auto begins = required_AP_begins(c, peaks);
    std::vector<double> peak_voltages;
    for (std::size_t p: peaks) {
        if (c.t[p] >= c.stim_start && c.t[p] <= c.stim_end) peak_voltages.push_back(c.v[p]);
    }
    if (peak_voltages.size() > begins.size()) throw no_value("AP_amplitude: more peaks within the stimulus than AP begins");
    std::vector<double> amplitudes;
    for (std::size_t i = 0; i < peak_voltages.size(); ++i) amplitudes.push_back(peak_voltages[i] - c.v[begins[i]]);
    if (amplitudes.empty()) throw no_value("no spike peaks within the stimulus");
    return amplitudes;
}

// eFEL's AP_width (SpikeShape AP_width), ms: between consecutive AHP minima
// (the first span from the trace's start), the time from the first sample at
// or above the threshold to the first after it at or below it.
std::vector<double> AP_width(const feature_context& c) {
    const auto minima = min_AHP_indices(c, required_peaks(c));
    const double threshold = c.settings.threshold_mV;
    std::vector<double> widths;
    std::size_t span_start = 0;
    for (std::size_t span_end: minima) {
        const std::size_t onset = first_where(c.v, span_start, span_end, [threshold](double x) { return x >= threshold; });
        const std::size_t end = first_where(c.v, onset, span_end, [threshold](double x) { return x <= threshold; });
        widths.push_back(c.t[end] - c.t[onset]);
        span_start = span_end;
    }
    return widths;
}

// eFEL's spike_half_width (SpikeShape spike_width1), ms: the width at half
// the height from the AHP minimum after the spike to its peak, each crossing
// placed by linear interpolation between samples. The first spike's rise is
// searched from stim_start, the others' from the AHP minimum before them; a
// spike peaking before stim_start has its rise "found" at its peak, and the
// crossing extrapolated from the peak's last step.
std::vector<double> spike_half_width(const feature_context& c) {
    const auto peaks = required_peaks(c);
    const auto minima = min_AHP_indices(c, peaks);
    const auto& t = c.t;
    const auto& v = c.v;
    std::vector<double> widths;
    std::size_t rise_from = first_index_at_or_after(t, c.stim_start);
    for (std::size_t i = 0; i < minima.size(); ++i) {
        const std::size_t peak = peaks[i];
        const double half_mV = (v[peak] + v[minima[i]]) / 2.;
        const std::size_t rise = first_where(v, rise_from, peak, [half_mV](double x) { return x >= half_mV; });
        const std::size_t fall = first_where(v, peak, minima[i], [half_mV](double x) { return x <= half_mV; });
        if (rise == 0) throw no_value("spike_half_width: the spike rises through its half height at the trace's first sample");
        // Each crossing moved back from its sample by the fraction of the step that linear interpolation puts it at.
        const double rise_shift = (t[rise] - t[rise - 1]) * (half_mV - v[rise]) / (v[rise] - v[rise - 1]);
        const double fall_shift = (t[fall] - t[fall - 1]) * (half_mV - v[fall]) / (v[fall] - v[fall - 1]);
        widths.push_back(t[fall] - rise_shift - t[rise] + fall_shift);
        rise_from = minima[i];
    }
    return widths;
}

// eFEL's AP_begin_voltage (SpikeShape AP_begin_voltage), mV: the voltage at
// each AP begin.
std::vector<double> AP_begin_voltage(const feature_context& c) {
    return voltages_at(c, required_AP_begins(c, required_peaks(c)));
}

// eFEL's AHP_depth_abs (SpikeShape AHP_depth_abs, the min_AHP_values), mV:
// the voltage at each AHP minimum.
std::vector<double> AHP_depth_abs(const feature_context& c) {
    return voltages_at(c, min_AHP_indices(c, required_peaks(c)));
}

} // namespace cajal::analysis::feature_functions
