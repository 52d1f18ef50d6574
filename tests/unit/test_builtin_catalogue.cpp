// The built-in catalogue is compiled from cajal's own .mod files; the same
// mechanisms written by hand in C++ are the reference it must reproduce.
#include <cmath>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include <cajal/core/gpu.hpp>
#include <cajal/core/simulation.hpp>
#include <cajal/mechanisms/handwritten_catalogue.hpp>

#include "gpu_kernel_checks.hpp"
#include "cell_run.hpp"
#include "test_support.hpp"

using namespace cajal;
using cajal::test::max_difference;

namespace {

// A soma with hh and a dendrite with pas, a current step, and both synapse
// kinds driven by events, so that every hand-written mechanism takes part;
// hh's gates shifted by `hh_shift` mV (gating_vshift).
test::cell_run every_builtin(double amp, double hh_shift = 0) {
    test::cell_run m;
    branch soma, dend;
    soma.type = swc_soma;
    soma.points = {{0, 0, 0, 10}, {20, 0, 0, 10}};
    dend.type = swc_basal;
    dend.parent = 0;
    dend.points = {{20, 0, 0, 1}, {220, 0, 0, 0.5}};
    m.morph = morphology({soma, dend}, {}, {});
    m.segments = {1, 9};
    m.celsius = 16.3;
    m.painted.push_back({{{0, 0, 1}}, "hh", {{"gnabar", 0.15}, {"gating_vshift", hh_shift}}});
    m.painted.push_back({{{1, 0, 1}}, "pas", {{"g", 1e-4}, {"e", -65}}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 2}, {"dur", 20}, {"amp", amp}}});
    m.placed.push_back({"syn", {1, 0.5}, "ExpSyn", {{"tau", 2}}});
    m.placed.push_back({"syn2", {1, 0.9}, "Exp2Syn", {{"tau1", 0.5}, {"tau2", 4}}});
    m.events.push_back({"syn", {5, 7.5}, 0.01});
    m.events.push_back({"syn2", {6, 12}, 0.02});
    m.probes = {{"v_soma", {0, 0.5}, "v", 0}, {"v_dend", {1, 0.9}, "v", 0}, {"m", {0, 0.5}, "hh.m", 0},
                {"i_syn2", {}, "syn2.i", 0}, {"i_stim", {}, "stim.i", 0}};
    m.detectors = {{"soma", {0, 0.5}, -10}};
    m.run = {30, 0.025, integration_method::backward_euler};
    return m;
}

} // namespace

TEST_CASE("the compiled built-in mechanisms reproduce the hand-written ones", "[catalogue][nmodl]") {
    for (const auto& [amp, shift]: {std::pair(0.05, 0.0), std::pair(0.4, 0.0), std::pair(0.05, -8.0)}) {
        const auto model = every_builtin(amp, shift);
        const auto compiled = test::simulate(model, builtin_catalogue());
        const auto handwritten = test::simulate(model, handwritten_catalogue());
        INFO("IClamp amplitude " << amp << " nA, hh gating_vshift " << shift << " mV");
        // The kernels differ in how they get the conductance (NEURON's difference
        // quotient over 0.001 mV against the exact value, equal for currents linear
        // in v up to rounding) and in vectorised exp; both leave differences of a
        // few ulp per step, which stay below 1e-8 mV through spikes over 30 ms.
        REQUIRE(compiled.traces.size() == handwritten.traces.size());
        for (std::size_t k = 0; k < compiled.traces.size(); ++k) {
            INFO(compiled.traces[k].name);
            CHECK(max_difference(compiled.traces[k].values, handwritten.traces[k].values) < 1e-8);
        }
        REQUIRE(compiled.spikes.size() == handwritten.spikes.size());
        for (std::size_t k = 0; k < compiled.spikes.size(); ++k) CHECK(std::fabs(compiled.spikes[k].time - handwritten.spikes[k].time) < 1e-8);
        if (amp > 0.1) CHECK(!compiled.spikes.empty());
    }
}

TEST_CASE("the built-in catalogue holds cajal's own mechanisms", "[catalogue][nmodl]") {
    const auto names = builtin_catalogue().names();
    CHECK(names == std::vector<std::string>{"CaDecay", "Exp2Syn", "ExpSyn", "IClamp", "Kv3st", "SEClamp", "hh", "pas"});
    for (const auto& name: handwritten_catalogue().names()) {
        const auto& a = builtin_catalogue().get(name).info;
        const auto& b = handwritten_catalogue().get(name).info;
        INFO(name);
        CHECK(a.kind == b.kind);
        CHECK(a.receives_events == b.receives_events);
        REQUIRE(a.parameters.size() == b.parameters.size());
        for (std::size_t k = 0; k < a.parameters.size(); ++k) {
            CHECK(a.parameters[k].name == b.parameters[k].name);
            CHECK(a.parameters[k].default_value == b.parameters[k].default_value);
            CHECK(a.parameters[k].lower == b.parameters[k].lower);
            CHECK(a.parameters[k].upper == b.parameters[k].upper);
        }
    }
}

TEST_CASE("the built-in mechanisms carry GPU kernels exactly in a CUDA build", "[catalogue][cuda]") {
    const auto& catalogue = builtin_catalogue();
    for (const auto& name: catalogue.names()) {
        const auto& m = catalogue.get(name);
        INFO(name << (built_with_cuda() ? " (CUDA build)" : " (no CUDA)"));
        CHECK(m.has_gpu_kernels() == built_with_cuda());
        if (!built_with_cuda()) continue;
        test::check_gpu_kernels_mirror_cpu(m);
    }
}

TEST_CASE("ion concentrations and reversal potentials can be probed", "[catalogue][probes]") {
    auto model = every_builtin(0.05);
    model.painted.push_back({{{0, 0, 1}}, "CaDecay", {{"cai_rest", 2e-4}}});
    model.probes = {{"cai", {0, 0.5}, "cai", 0}, {"eca", {0, 0.5}, "eca", 0}, {"nao", {0, 0.5}, "nao", 0}};
    const auto r = test::simulate(model, builtin_catalogue());
    REQUIRE(r.traces.size() == 3);
    CHECK(r.traces[0].units == "mM");
    CHECK(r.traces[1].units == "mV");
    // No calcium current: CaDecay holds cai at its resting value, and writing it
    // makes eca the Nernst potential (R, F as NEURON 8.2 has them).
    const double eca = 1000 * 8.31446261815324 * (16.3 + 273.15) / (2 * 96485.33212331001) * std::log(2.0 / 2e-4);
    for (double c: r.traces[0].values) CHECK(c == Approx(2e-4).epsilon(1e-12));
    for (double e: r.traces[1].values) CHECK(e == Approx(eca).epsilon(1e-12));
    for (double n: r.traces[2].values) CHECK(n == 140.0);
}
