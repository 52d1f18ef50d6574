// Played parameters against NEURON's Vector.play on the same model
// (tests/reference/neuron_cell.py with neuron_play.py): an hh soma clamped by
// an IClamp whose amp, or an SEClamp whose amp1, follows each kind of
// waveform. NEURON plays a series as given and an analytic waveform sampled
// at every time its fixed step evaluates a continuous play, so that its
// interpolation gives the waveform's own value wherever it looks.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "neuron_cell_support.hpp"
#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

struct played_clamp {
    std::string name;
    std::string mechanism;
    std::map<std::string, double> parameters;
    std::string parameter;   // the one played
    waveform shape;
};

// Every kind of waveform; series points between a step's middle and its end
// (3.013, 9.0191) show NEURON's value at the end of such a step, and the
// interpolated series ends before tstop (NEURON extrapolates). No jump falls
// on a step's middle or end, where NEURON's accumulated t (0.9999999999999984
// after 40 steps of 0.025 ms) decides ties by rounding.
std::vector<played_clamp> clamps() {
    const std::map<std::string, double> iclamp{{"del", 0}, {"dur", 1e9}, {"amp", 0.05}};
    const std::map<std::string, double> seclamp{{"dur1", 1e9}, {"amp1", -65}, {"rs", 2}};
    return {
        {"IClamp ramp", "IClamp", iclamp, "amp", ramp_waveform{.start = 2, .stop = 22, .from = -0.05, .to = 0.3}},
        {"IClamp sine", "IClamp", iclamp, "amp",
         sine_waveform{.start = 1.01, .stop = 25.01, .amplitude = 0.2, .frequency = 40, .phase = 30, .offset = 0.05}},
        {"IClamp pulses", "IClamp", iclamp, "amp",
         pulse_train{.start = 2.01, .interval = 7, .width = 2.5, .number = 3, .amplitude = 0.5, .base = -0.02}},
        {"IClamp series, interpolated", "IClamp", iclamp, "amp",
         series_waveform{.times = {1, 3.013, 5, 9.0191, 14, 20}, .values = {0, 0.4, 0.1, -0.1, 0.35, 0.2}, .interpolate = true}},
        {"IClamp series, stepped", "IClamp", iclamp, "amp",
         series_waveform{.times = {0.5, 3.01, 7.02, 12.0115, 20}, .values = {0.1, 0.45, 0, 0.3, -0.05}, .interpolate = false}},
        {"SEClamp pulses", "SEClamp", seclamp, "amp1",
         pulse_train{.start = 1.01, .interval = 6, .width = 2, .number = 4, .amplitude = 50, .base = -70}},
        {"SEClamp sine", "SEClamp", seclamp, "amp1", sine_waveform{.amplitude = 30, .frequency = 100, .offset = -50}},
    };
}

test::cell_run played_soma(const played_clamp& c) {
    auto m = test::bare_soma();
    m.painted.push_back({{{0, 0, 1}}, "hh", {}});
    m.placed.push_back({"clamp", {0, 0.5}, c.mechanism, c.parameters, {{c.parameter, c.shape}}});
    m.probes = {{"v", {0, 0.5}, "v", 0}, {"played", {}, "clamp." + c.parameter, 0}, {"i", {}, "clamp.i", 0}};
    m.detectors = {{"soma", {0, 0.5}, -10}};
    m.run = {30, 0.025, integration_method::backward_euler};
    return m;
}

double range_of(const std::vector<double>& x) { return *std::max_element(x.begin(), x.end()) - *std::min_element(x.begin(), x.end()); }

} // namespace

TEST_CASE("NEURON: IClamp.amp and SEClamp.amp1 played as ramps, sines, pulses and series", "[neuron][validation][play]") {
    for (const auto& c: clamps()) {
        INFO(c.name);
        const auto m = played_soma(c);
        const auto ref = test::run_neuron(m, 1, std::nullopt, 0);
        if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");
        const auto ours = test::simulate(m);
        REQUIRE(ours.traces.size() == 3);
        REQUIRE(ref->v.size() == 3);
        // The waveform drives the cell: the parameter moves, and so does v.
        CHECK(range_of(ours.traces[1].values) > 0.1);
        CHECK(range_of(ours.traces[0].values) > 10);
        // The parameter as recorded at each step's end. NEURON evaluates it at
        // its accumulated t, up to 1.2e-12 ms behind step · dt by 30 ms, which
        // the steepest waveform (the SEClamp's sine, 19 mV/ms) turns into 2e-11 mV.
        const double played = test::max_difference(ref->v[1], ours.traces[1].values);
        const double v = test::max_difference(ref->v[0], ours.traces[0].values);
        const double i = test::max_difference(ref->v[2], ours.traces[2].values);
        INFO("max differences: v " << v << " mV, " << c.parameter << " " << played << ", i " << i << " nA");
        CHECK(played < 1e-9);
        CHECK(v < 1e-6);   // the brief's bound
        CHECK(i < 1e-6);
    }
}
