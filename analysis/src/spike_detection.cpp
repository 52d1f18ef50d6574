#include "spike_detection.hpp"

#include <algorithm>

namespace cajal::analysis {

std::size_t first_index_at_or_after(const std::vector<double>& t, double time_ms) {
    return static_cast<std::size_t>(std::find_if(t.begin(), t.end(), [time_ms](double x) { return x >= time_ms; }) - t.begin());
}

std::vector<std::size_t> peak_indices(const feature_context& c) {
    const auto& v = c.v;
    const double threshold = c.settings.threshold_mV;
    std::vector<std::size_t> up, down;
    for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i] > threshold && v[i - 1] < threshold) up.push_back(i);
        else if (v[i] < threshold && v[i - 1] > threshold) down.push_back(i);
    }
    if (up.empty() || down.empty()) return {};
    // A trace that starts above the threshold: its first downward crossing ends no spike.
    down.erase(down.begin(), std::find_if(down.begin(), down.end(), [&](std::size_t d) { return d >= up.front(); }));
    if (up.size() > down.size()) up.resize(down.size());

    // Crossings are paired by position, as eFEL pairs them; a pair out of
    // order (after a sample exactly at the threshold) spans nothing.
    std::vector<std::size_t> peaks;
    for (std::size_t i = 0; i < up.size(); ++i) {
        double highest_mV = -1e9;   // eFEL's starting value: a spike below it is none
        std::optional<std::size_t> peak;
        for (std::size_t j = up[i]; j <= down[i]; ++j) {
            if (highest_mV < v[j]) {
                highest_mV = v[j];
                peak = j;
            }
        }
        if (peak) peaks.push_back(*peak);
    }
    return peaks;
}

std::vector<std::size_t> required_peaks(const feature_context& c) {
    auto peaks = peak_indices(c);
    if (peaks.empty()) throw no_value("no spike: the voltage never crosses the threshold up and back down");
    return peaks;
}

namespace {

// eFEL's first_min_element over v[first, last): the running minimum, returned
// as soon as two later samples are not below it; the range's first minimum
// when that never happens. `last` when the range is empty.
std::size_t first_settled_minimum(const std::vector<double>& v, std::size_t first, std::size_t last) {
    if (first == last) return last;
    std::size_t lowest = first;
    int not_below = 0;
    for (std::size_t k = first + 1; k < last; ++k) {
        if (v[k] < v[lowest]) {
            lowest = k;
            not_below = 0;
        } else if (v[k] >= v[lowest] && ++not_below == 2) {
            return lowest;
        }
    }
    return lowest;
}

// dV/dt (mV/ms) by central differences, one-sided at the ends, taken as eFEL
// takes it: the differences of V over those of t.
std::vector<double> derivative(const std::vector<double>& t, const std::vector<double>& v) {
    const std::size_t n = v.size();
    std::vector<double> dvdt(n);
    dvdt[0] = (v[1] - v[0]) / (t[1] - t[0]);
    for (std::size_t i = 1; i + 1 < n; ++i) dvdt[i] = ((v[i + 1] - v[i - 1]) / 2) / ((t[i + 1] - t[i - 1]) / 2);
    dvdt[n - 1] = (v[n - 1] - v[n - 2]) / (t[n - 1] - t[n - 2]);
    return dvdt;
}

} // namespace

std::vector<std::size_t> min_AHP_indices(const feature_context& c, const std::vector<std::size_t>& peaks) {
    const std::size_t end = c.v.size();
    std::vector<std::size_t> minima;
    for (std::size_t i = 0; i < peaks.size(); ++i) {
        const std::size_t next = i + 1 < peaks.size() ? peaks[i + 1] : end;
        const std::size_t minimum = first_settled_minimum(c.v, peaks[i], next);
        // The trace's last sample is a minimum only because the trace stops there.
        if (minimum != end - 1) minima.push_back(minimum);
    }
    if (minima.empty()) throw no_value("no AHP minimum after any spike: the voltage falls until the trace ends");
    return minima;
}

std::vector<std::size_t> AP_begin_indices(const feature_context& c, const std::vector<std::size_t>& peaks,
                                          const std::vector<std::size_t>& ahp_minima) {
    const double threshold = c.settings.derivative_threshold_mV_per_ms;
    const auto width = static_cast<std::size_t>(c.settings.derivative_window);
    const std::size_t n = c.v.size();
    if (width > n) throw no_value("AP_begin_indices: DerivativeWindow is longer than the resampled trace");
    const std::vector<double> dvdt = derivative(c.t, c.v);

    // Where each search may go back to: two samples before the stimulus starts
    // (eFEL's margin for a begin right at the start), then the AHP minima after it.
    const std::size_t stim_begin = first_index_at_or_after(c.t, c.stim_start);
    std::vector<std::size_t> search_floor{stim_begin >= 2 ? stim_begin - 2 : 0};
    for (std::size_t m: ahp_minima) {
        if (m > stim_begin) search_floor.push_back(m);
    }
    std::vector<std::size_t> stim_peaks;
    for (std::size_t p: peaks) {
        if (p > stim_begin) stim_peaks.push_back(p);
    }
    if (search_floor.size() < stim_peaks.size()) throw no_value("AP_begin_indices: more peaks than AHP minima after the stimulus starts");

    std::vector<std::size_t> begins;
    for (std::size_t i = 0; i < stim_peaks.size(); ++i) {
        const std::size_t floor = search_floor[i];
        std::size_t search_end = stim_peaks[i];   // exclusive: searched backwards from search_end - 1 down to floor
        std::size_t begin = floor;
        bool found = true;
        do {
            // The last sample in [floor, search_end) with dV/dt <= threshold, plus one; floor when none.
            begin = floor;
            for (std::size_t k = search_end; k > floor; --k) {
                if (dvdt[k - 1] <= threshold) {
                    begin = k;
                    break;
                }
            }
            begin = std::min(begin, n - width);
            if (begin == floor) {
                found = false;
                break;
            }
            search_end = begin - 1;
        } while (std::any_of(dvdt.begin() + static_cast<std::ptrdiff_t>(begin), dvdt.begin() + static_cast<std::ptrdiff_t>(begin + width),
                             [threshold](double d) { return d < threshold; }));
        if (found) begins.push_back(begin);
    }
    return begins;
}

} // namespace cajal::analysis
