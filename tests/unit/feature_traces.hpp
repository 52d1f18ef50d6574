#pragma once
// Hand-made voltage traces whose features are known in closed form, for the
// feature tests (test_features*.cpp): piecewise-linear spikes, a passive step
// response and a sag.

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include <cajal/analysis/voltage_trace.hpp>

namespace cajal::test::features {

// Samples every dt_ms from 0 to stop_ms of the polyline through `corners` ((ms, mV), time-ordered).
inline analysis::voltage_trace polyline_trace(const std::vector<std::pair<double, double>>& corners, double dt_ms, double stop_ms) {
    analysis::voltage_trace trace;
    const auto steps = static_cast<std::size_t>(std::llround(stop_ms / dt_ms));
    std::size_t segment = 0;
    for (std::size_t k = 0; k <= steps; ++k) {
        const double t = static_cast<double>(k) * dt_ms;
        while (segment + 2 < corners.size() && corners[segment + 1].first <= t) ++segment;
        const auto [t0, v0] = corners[segment];
        const auto [t1, v1] = corners[segment + 1];
        trace.time_ms.push_back(t);
        trace.voltage_mV.push_back(v0 + (v1 - v0) * (t - t0) / (t1 - t0));
    }
    return trace;
}

// Rest at -70 mV; at each peak time s, a spike rising linearly from -70 mV at
// s - 1 ms to +40 mV at s, falling to an AHP of -75 mV at s + 2 ms and back to
// -70 mV at s + 7 ms. Sampled every 0.1 ms to 150 ms; the stimulus 10-110 ms.
inline analysis::voltage_trace triangle_spikes(const std::vector<double>& peak_times_ms) {
    std::vector<std::pair<double, double>> corners{{0, -70}};
    for (double s: peak_times_ms) {
        corners.insert(corners.end(), {{s - 1, -70}, {s, 40}, {s + 2, -75}, {s + 7, -70}});
    }
    corners.push_back({150, -70});
    auto trace = polyline_trace(corners, 0.1, 150);
    trace.stimulus_start_ms = 10;
    trace.stimulus_end_ms = 110;
    return trace;
}

// The response of a passive membrane (rest -70 mV, 50 MOhm, tau 5 ms) to
// -0.1 nA from 100 to 300 ms: -5 mV at the end of the step. Sampled unevenly
// (0.025 ms before the step, 0.05 ms from it on) to 400 ms.
inline analysis::voltage_trace passive_step() {
    const double deflection_mV = -5, tau_ms = 5;
    auto v = [&](double t) {
        if (t < 100) return -70.0;
        if (t <= 300) return -70 + deflection_mV * (1 - std::exp(-(t - 100) / tau_ms));
        return -70 + deflection_mV * (1 - std::exp(-200 / tau_ms)) * std::exp(-(t - 300) / tau_ms);
    };
    analysis::voltage_trace trace;
    for (int k = 0; k < 4000; ++k) trace.time_ms.push_back(k * 0.025);
    for (int k = 0; k <= 6000; ++k) trace.time_ms.push_back(100 + k * 0.05);
    for (double t: trace.time_ms) trace.voltage_mV.push_back(v(t));
    trace.stimulus_start_ms = 100;
    trace.stimulus_end_ms = 300;
    trace.stimulus_current_nA = -0.1;
    return trace;
}

// A sag under -0.1 nA from 100 to 300 ms: from rest at -70 mV down to -80 mV
// at 110 ms, back up to -76 mV at 150 ms, held there to the step's end, then
// back to rest. Sampled every 0.025 ms to 400 ms.
inline analysis::voltage_trace sag_step() {
    auto trace = polyline_trace({{0, -70}, {100, -70}, {110, -80}, {150, -76}, {300, -76}, {310, -70}, {400, -70}}, 0.025, 400);
    trace.stimulus_start_ms = 100;
    trace.stimulus_end_ms = 300;
    trace.stimulus_current_nA = -0.1;
    return trace;
}

} // namespace cajal::test::features
