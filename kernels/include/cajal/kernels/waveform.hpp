#pragma once
// The value of a played parameter (NEURON's Vector.play), the same code on
// both backends: analytic waveforms evaluated where NEURON's fixed step
// evaluates a continuous play, series as NEURON's VecPlayContinuous and
// VecPlayStep leave the parameter (docs/numerics.md, "Played parameters").

#include <cmath>
#include <cstddef>

#include <cajal/kernels/host_device.hpp>

namespace cajal::kernels {

enum class waveform_kind : unsigned char { ramp, sine, pulses, series_interpolated, series_stepped };

// One played parameter's waveform, flat (core/include/cajal/core/waveform.hpp
// defines each kind). Times in ms, values in the parameter's units.
struct waveform_shape {
    waveform_kind kind = waveform_kind::ramp;
    double start = 0, stop = 0;         // ms: ramp, sine; pulses use start
    double from = 0, to = 0;            // ramp
    double amplitude = 0, base = 0;     // sine (base: its offset), pulses
    double frequency = 0;               // sine, Hz
    double phase = 0;                   // sine, degrees
    double interval = 0, width = 0;     // pulses, ms
    std::size_t number = 0;             // pulses
    std::size_t first = 0, count = 0;   // series: its points in the group's arrays of times and values
    double own = 0;                     // the parameter's value in the model, kept until a series' first point acts
};

// When a played parameter is set: evaluated at t, once the events that NEURON
// sends at a series' points have been delivered up to `passed` (ms). At the
// start of a run (`start`) only those events act: NEURON's finitialize
// delivers the ones at t <= 0 but evaluates no continuous play.
struct play_time {
    double t = 0;        // ms
    double passed = 0;   // ms
    bool start = false;
};

// How many of `count` increasing times are at or before x.
CAJAL_HOST_DEVICE std::size_t times_up_to(const double* times, std::size_t count, double x) {
    std::size_t low = 0, high = count;
    while (low < high) {
        const std::size_t mid = low + (high - low) / 2;
        if (times[mid] <= x) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}

// NEURON's VecPlayContinuous::interpolate at tt once the events of `passed`
// points have been delivered. The last of them moved its upper bound to the
// next point; at or beyond that bound NEURON extrapolates the segment that
// ends there: after the last point, and at a step's end before the point's
// event. Before the first point, the first value.
CAJAL_HOST_DEVICE double series_interpolated(const double* times, const double* values, std::size_t count, double tt, std::size_t passed) {
    const std::size_t upper = passed == 0 ? 0 : (passed < count ? passed : count - 1);
    std::size_t k = 0;   // the segment (k - 1, k)
    if (tt >= times[upper]) {
        if (upper == 0) return values[0];
        k = upper;
    } else if (tt <= times[0]) {
        return values[0];
    } else {
        k = times_up_to(times, count, tt);
    }
    const double t0 = times[k - 1], t1 = times[k], x0 = values[k - 1], x1 = values[k];
    return x0 + (x1 - x0) * ((tt - t0) / (t1 - t0));
}

CAJAL_HOST_DEVICE double ramp_value(const waveform_shape& w, double t) {
    if (t <= w.start) return w.from;
    if (t >= w.stop) return w.to;
    return w.from + (w.to - w.from) * ((t - w.start) / (w.stop - w.start));
}

CAJAL_HOST_DEVICE double sine_value(const waveform_shape& w, double t) {
    constexpr double pi = 3.14159265358979323846;
    if (t < w.start || t >= w.stop) return w.base;
    return w.base + w.amplitude * ::sin(2 * pi * w.frequency * (t - w.start) / 1000 + w.phase * pi / 180);
}

// Pulse k covers [start + k·interval, start + k·interval + width): the
// division finds k, the edges are compared as written.
CAJAL_HOST_DEVICE double pulse_value(const waveform_shape& w, double t) {
    if (w.number == 0 || t < w.start) return w.base;
    double k = ::floor((t - w.start) / w.interval);
    if (w.start + k * w.interval > t) {
        k -= 1;
    } else if (w.start + (k + 1) * w.interval <= t) {
        k += 1;
    }
    const double last = static_cast<double>(w.number - 1);
    if (k > last) k = last;
    return t < w.start + k * w.interval + w.width ? w.base + w.amplitude : w.base;
}

CAJAL_HOST_DEVICE double series_value(const waveform_shape& w, const double* all_times, const double* all_values, play_time when) {
    const double* times = all_times + w.first;
    const double* values = all_values + w.first;
    const std::size_t passed = times_up_to(times, w.count, when.passed);
    const bool stepped = w.kind == waveform_kind::series_stepped;
    if (stepped || when.start) {
        if (passed == 0) return w.own;
        // An interpolated series' event sets the value at its own point's time.
        return stepped ? values[passed - 1] : series_interpolated(times, values, w.count, times[passed - 1], passed);
    }
    return series_interpolated(times, values, w.count, when.t, passed);
}

CAJAL_HOST_DEVICE double played_value(const waveform_shape& w, const double* series_times, const double* series_values, play_time when) {
    switch (w.kind) {
    case waveform_kind::ramp: return ramp_value(w, when.t);
    case waveform_kind::sine: return sine_value(w, when.t);
    case waveform_kind::pulses: return pulse_value(w, when.t);
    case waveform_kind::series_interpolated:
    case waveform_kind::series_stepped: break;
    }
    return series_value(w, series_times, series_values, when);
}

// Played parameter i set for `when`: the per-element step of both backends.
CAJAL_HOST_DEVICE void play_parameter(std::size_t i, const waveform_shape* shapes, double* const* targets, const double* series_times,
                                      const double* series_values, play_time when) {
    *targets[i] = played_value(shapes[i], series_times, series_values, when);
}

} // namespace cajal::kernels
