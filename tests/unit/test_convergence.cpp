// Orders of convergence, measured: backward Euler O(dt), Crank–Nicolson O(dt²)
// in time against a fine-dt reference, and O(dx²) in space against the
// analytic steady state of a sealed cable. Slopes are least-squares fits of
// log(error) against log(step).
#include <cmath>
#include <numbers>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "cell_run.hpp"
#include "test_support.hpp"

using namespace cajal;
using cajal::test::max_difference;

namespace {

double fitted_slope(const std::vector<double>& h, const std::vector<double>& err) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    const double n = double(h.size());
    for (std::size_t i = 0; i < h.size(); ++i) {
        const double x = std::log(h[i]), y = std::log(err[i]);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

// 1 mm × 1 µm cable (λ = 1 mm), Rallpack membrane, 0.1 nA into x = 0 from t = 0,
// v sampled every 1 ms up to 10 ms at the centres of the first, middle and last
// segments. Not at the zero-area end nodes: under Crank–Nicolson (here as in
// NEURON's secondorder = 1) a zero-area node whose algebraic balance is broken
// at t = 0 (the clamp switching on) keeps the error (−1)^n · I·R_half there for
// ever (3 mV at x = 0 for this cable), while the rest of the cable is unaffected.
test::cell_run passive_cable(int segments, double dt, integration_method method) {
    branch b;
    b.type = 3;
    b.points = {{0, 0, 0, 0.5}, {1000, 0, 0, 0.5}};
    test::cell_run m;
    m.morph = morphology({b}, {}, {});
    m.segments = {segments};
    m.properties = {1.0, 100.0, -65.0};
    m.painted.push_back({{{0, 0, 1}}, "pas", {{"g", 1.0 / 40000}, {"e", -65.0}}});
    m.placed.push_back({"stim", {0, 0.0}, "IClamp", {{"del", 0}, {"dur", 1e9}, {"amp", 0.1}}});
    m.probes = {{"first", {0, 0.01}, "v", 1.0}, {"middle", {0, 0.5}, "v", 1.0}, {"last", {0, 0.99}, "v", 1.0}};
    m.run = {10.0, dt, method};
    return m;
}

// A 20 × 20 µm hh soma, one segment, 0.2 nA from 1 ms: repetitive spikes.
test::cell_run hh_soma(double dt) {
    branch b;
    b.type = 1;
    b.points = {{0, 0, 0, 10}, {20, 0, 0, 10}};
    test::cell_run m;
    m.morph = morphology({b}, {}, {});
    m.segments = {1};
    m.painted.push_back({{{0, 0, 1}}, "hh", {}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 1.0}, {"dur", 1e9}, {"amp", 0.2}}});
    m.probes = {{"v", {0, 0.5}, "v", 0.25}};
    m.run = {20.0, dt, integration_method::backward_euler};
    return m;
}

std::vector<double> samples(const test::cell_run& m) {
    const auto r = test::simulate(m, builtin_catalogue());
    std::vector<double> all;
    for (const auto& t: r.traces) all.insert(all.end(), t.values.begin(), t.values.end());
    return all;
}


} // namespace

TEST_CASE("Convergence in time: backward Euler O(dt), Crank-Nicolson O(dt^2)", "[convergence][validation]") {
    constexpr int segments = 21;
    // Powers of two, so that every dt divides the 1 ms sampling interval exactly.
    const std::vector<double> dts = {1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64};
    // Reference: Crank–Nicolson at dt/64 of the finest step, whose error is
    // (1/64)² of the finest CN run's, far below every error measured.
    const auto reference = samples(passive_cable(segments, dts.back() / 64, integration_method::crank_nicolson));
    for (const auto method: {integration_method::backward_euler, integration_method::crank_nicolson}) {
        const bool cn = method == integration_method::crank_nicolson;
        std::vector<double> errors;
        for (double dt: dts) errors.push_back(max_difference(samples(passive_cable(segments, dt, method)), reference));
        const double slope = fitted_slope(dts, errors);
        INFO((cn ? "Crank-Nicolson" : "backward Euler") << ": errors " << errors[0] << ", " << errors[1] << ", " << errors[2] << ", "
                                                         << errors[3] << " mV; slope " << slope);
        // A first-order method's fitted slope lies within 0.1 of 1 once the
        // leading term dominates (measured 1.00); a second-order one within 0.1 of 2.
        if (cn) {
            CHECK(slope > 1.9);
            CHECK(slope < 2.1);
        } else {
            CHECK(slope > 0.9);
            CHECK(slope < 1.1);
        }
    }
}

TEST_CASE("Convergence in time: backward Euler with hh, O(dt)", "[convergence][validation]") {
    const std::vector<double> dts = {1.0 / 16, 1.0 / 32, 1.0 / 64, 1.0 / 128};
    // Reference at dt/16 of the finest step: its own O(dt) error is 1/16 of the
    // finest run's, which biases the fitted slope by less than 0.05.
    const auto reference = samples(hh_soma(dts.back() / 16));
    std::vector<double> errors;
    for (double dt: dts) errors.push_back(max_difference(samples(hh_soma(dt)), reference));
    const double slope = fitted_slope(dts, errors);
    INFO("errors " << errors[0] << ", " << errors[1] << ", " << errors[2] << ", " << errors[3] << " mV; slope " << slope);
    // First order: the spike-time shift, proportional to dt, dominates the
    // error; the slope is within 0.15 of 1 (the reference bias above included).
    CHECK(slope > 0.85);
    CHECK(slope < 1.15);
}

TEST_CASE("Convergence in space: O(dx^2) against the sealed cable's steady state", "[convergence][validation]") {
    // Steady state by backward Euler at dt = 1000 ms (see test_cable_analytic.cpp);
    // analytic V(x) − E = I R∞ cosh((L−x)/λ)/sinh(L/λ) with L = λ = 1000 µm.
    const double lambda = 1000, L = 1000, R_inf = 4 * 100.0 * 0.1 / (std::numbers::pi * 1e-8) * 1e-6;   // MΩ (Ra 100 Ω·cm, d 1 µm)
    const double v0 = 0.1 * R_inf * std::cosh(L / lambda) / std::sinh(L / lambda), vx = 0.1 * R_inf / std::sinh(L / lambda);
    const std::vector<int> segments = {5, 15, 45, 135};
    std::vector<double> dx, errors;
    for (int n: segments) {
        auto m = passive_cable(n, 1000.0, integration_method::backward_euler);
        m.run.tstop = 20000;
        m.probes = {{"v0", {0, 0.0}, "v", 0}, {"vx", {0, 1.0}, "v", 0}};
        const auto r = test::simulate(m, builtin_catalogue());
        dx.push_back(L / n);
        errors.push_back(std::max(std::fabs(r.traces[0].values.back() + 65 - v0), std::fabs(r.traces[1].values.back() + 65 - vx)));
    }
    const double slope = fitted_slope(dx, errors);
    INFO("errors " << errors[0] << ", " << errors[1] << ", " << errors[2] << ", " << errors[3] << " mV; slope " << slope);
    // Second order in dx: within 0.1 of 2.
    CHECK(slope > 1.9);
    CHECK(slope < 2.1);
}
