// Spike counts, rates and intervals, from the peaks' times.

#include <cmath>

#include "feature_functions.hpp"
#include "spike_detection.hpp"

namespace cajal::analysis::feature_functions {

namespace {

std::vector<double> peak_times(const feature_context& c) {
    std::vector<double> times;
    for (std::size_t p: peak_indices(c)) times.push_back(c.t[p]);
    return times;
}

} // namespace

// eFEL's Spikecount (pyfeatures spike_count): the number of peaks, 0 without any.
std::vector<double> Spikecount(const feature_context& c) { return {static_cast<double>(peak_indices(c).size())}; }

// eFEL's mean_frequency (SpikeEvent firing_rate), Hz: the spikes that peak
// within [stim_start, stim_end], over the time from stim_start to the last of
// them. 0 (as -0) when spikes exist only outside the stimulus.
std::vector<double> mean_frequency(const feature_context& c) {
    const auto times = peak_times(c);
    if (times.empty()) throw no_value("no spike");
    double last_ms = 0;   // eFEL's starting value, kept when no spike falls in the stimulus
    int count = 0;
    for (double t: times) {
        if (t >= c.stim_start && t <= c.stim_end) {
            last_ms = t;
            ++count;
        }
    }
    if (last_ms == c.stim_start) throw no_value("the last spike in the stimulus peaks when it starts (a zero interval)");
    return {count * 1000 / (last_ms - c.stim_start)};
}

// eFEL's time_to_first_spike (SpikeEvent first_spike_time), ms: the first
// peak's time after stim_start (negative for a spike before it).
std::vector<double> time_to_first_spike(const feature_context& c) {
    const auto times = peak_times(c);
    if (times.empty()) throw no_value("no spike");
    return {times.front() - c.stim_start};
}

// eFEL's ISI_CV (pyfeatures isi.ISI_CV): the intervals between peaks (the
// first one left out under ignore_first_ISI), their standard deviation (with
// n - 1) over their mean. Needs two intervals after that.
std::vector<double> ISI_CV(const feature_context& c) {
    const auto times = peak_times(c);
    if (times.size() < 2) throw no_value("ISI_CV needs at least two spikes");
    std::vector<double> intervals;
    for (std::size_t i = c.settings.ignore_first_ISI ? 2 : 1; i < times.size(); ++i) intervals.push_back(times[i] - times[i - 1]);
    if (intervals.size() < 2) throw no_value("ISI_CV needs at least two inter-spike intervals (the first one ignored under ignore_first_ISI)");
    double sum = 0;
    for (double isi: intervals) sum += isi;
    const double mean = sum / static_cast<double>(intervals.size());
    double squares = 0;
    for (double isi: intervals) squares += (isi - mean) * (isi - mean);
    const double deviation = std::sqrt(squares / static_cast<double>(intervals.size() - 1));
    return {deviation / mean};
}

} // namespace cajal::analysis::feature_functions
