// The value a played parameter takes (kernels/waveform.hpp), as
// docs/numerics.md states it, on hand-computed cases: each analytic
// waveform's edges, and NEURON's rules for series (the first value before the
// first point, the parameter's own value until a point's event at the start
// or in a stepped series, the extrapolated segment after the last point and
// at a step's end before a point's event).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include <cajal/kernels/waveform.hpp>

using namespace cajal::kernels;

namespace {

// A shape's value at t, its series' points up to `passed` passed.
double value(const waveform_shape& w, double t, double passed, bool start = false, const std::vector<double>& times = {},
             const std::vector<double>& values = {}) {
    return played_value(w, times.data(), values.data(), {t, passed, start});
}

double at(const waveform_shape& w, double t) { return value(w, t, t); }

} // namespace

TEST_CASE("a ramp holds `from` until start, rises linearly, then holds `to`", "[play]") {
    waveform_shape w;
    w.kind = waveform_kind::ramp;
    w.start = 2;
    w.stop = 6;
    w.from = -1;
    w.to = 3;
    CHECK(at(w, 0) == -1);
    CHECK(at(w, 2) == -1);
    CHECK(at(w, 3) == 0);
    CHECK(at(w, 5) == 2);
    CHECK(at(w, 6) == 3);
    CHECK(at(w, 100) == 3);
}

TEST_CASE("a sine runs from start until stop around its offset, its frequency in Hz and phase in degrees", "[play]") {
    waveform_shape w;
    w.kind = waveform_kind::sine;
    w.start = 10;
    w.stop = 30;
    w.amplitude = 2;
    w.frequency = 50;   // a period of 20 ms
    w.phase = 90;
    w.base = 1;
    CHECK(at(w, 9.9) == 1);
    CHECK(at(w, 10) == Approx(3).margin(1e-15));
    CHECK(at(w, 15) == Approx(1).margin(1e-15));
    CHECK(at(w, 20) == Approx(-1).margin(1e-15));
    CHECK(at(w, 29.99) == Approx(1 + 2 * std::cos(2 * std::numbers::pi * 0.9995)).margin(1e-12));
    CHECK(at(w, 30) == 1);
}

TEST_CASE("pulses are base + amplitude from start + k·interval for width, base elsewhere, number of them", "[play]") {
    waveform_shape w;
    w.kind = waveform_kind::pulses;
    w.start = 1;
    w.interval = 0.1;   // not exact in binary: edges are compared as start + k·interval
    w.width = 0.03;
    w.number = 3;
    w.amplitude = 5;
    w.base = -1;
    CHECK(at(w, 0.99) == -1);
    CHECK(at(w, 1) == 4);
    CHECK(at(w, 1.0299) == 4);
    CHECK(at(w, 1.03) == -1);
    CHECK(at(w, 1 + 2 * 0.1) == 4);   // the third pulse starts exactly at its edge
    CHECK(at(w, 1 + 2 * 0.1 + 0.03) == -1);
    CHECK(at(w, 1 + 3 * 0.1) == -1);  // there is no fourth
    w.number = 0;
    CHECK(at(w, 1) == -1);
}

TEST_CASE("an interpolated series follows NEURON's VecPlayContinuous", "[play]") {
    const std::vector<double> times{1, 2, 4}, values{10, 20, 0};
    waveform_shape w;
    w.kind = waveform_kind::series_interpolated;
    w.count = 3;
    w.own = 7;
    auto v = [&](double t, double passed, bool start = false) { return value(w, t, passed, start, times, values); };
    // The start of a run: no point at or before 0, so the parameter keeps its own value.
    CHECK(v(0, 0, true) == 7);
    // Before the first point: its value; then linear between points.
    CHECK(v(0.5, 0.5) == 10);
    CHECK(v(1.5, 1.5) == 15);
    CHECK(v(3, 3) == 10);
    // At a step's end (t = 2.02) whose middle (2.01) passed the point at 2:
    // the next segment. Where the middle (1.99) did not pass it, NEURON
    // extrapolates the segment that ends there.
    CHECK(v(2.02, 2.01) == Approx(19.8));
    CHECK(v(2.02, 1.99) == Approx(20.2));
    // After the last point NEURON extrapolates the last segment.
    CHECK(v(5, 5) == Approx(-10));
}

TEST_CASE("at the start of a run a series takes the value its last point at or before 0 sets", "[play]") {
    const std::vector<double> times{-2, 0, 3}, values{1, 5, 8};
    waveform_shape w;
    w.kind = waveform_kind::series_interpolated;
    w.count = 3;
    w.own = 7;
    CHECK(value(w, 0, 0, true, times, values) == 5);
    w.kind = waveform_kind::series_stepped;
    CHECK(value(w, 0, 0, true, times, values) == 5);
    // Every point at or before 0: the last one's value (NEURON evaluates its
    // segment at its own time, which is exact here).
    const std::vector<double> early{-3, -1}, early_values{2, 4};
    w.kind = waveform_kind::series_interpolated;
    w.count = 2;
    CHECK(value(w, 0, 0, true, early, early_values) == 4);
}

TEST_CASE("a stepped series keeps the parameter's own value until its first point, then each point's value", "[play]") {
    const std::vector<double> times{1, 2}, values{10, 20};
    waveform_shape w;
    w.kind = waveform_kind::series_stepped;
    w.count = 2;
    w.own = 7;
    auto v = [&](double t, double passed) { return value(w, t, passed, false, times, values); };
    CHECK(v(0.5, 0.5) == 7);
    CHECK(v(1.02, 0.99) == 7);   // a step's end: the point at 1 acts from the next step
    CHECK(v(1.01, 1.01) == 10);
    CHECK(v(1.99, 1.99) == 10);
    CHECK(v(2, 2) == 20);
    CHECK(v(50, 50) == 20);
}

TEST_CASE("a series of one point is that value", "[play]") {
    const std::vector<double> times{3}, values{4};
    waveform_shape w;
    w.kind = waveform_kind::series_interpolated;
    w.count = 1;
    w.own = 7;
    CHECK(value(w, 1, 1, false, times, values) == 4);
    CHECK(value(w, 5, 5, false, times, values) == 4);
    CHECK(value(w, 0, 0, true, times, values) == 7);
}
