// Cells stepped together (one rank's cells of a network) give each cell the
// result it gets alone: the cells share nothing but the time loop.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "cell_run.hpp"
#include "test_support.hpp"

using namespace cajal;
using cajal::test::max_difference;

namespace {

test::cell_run ball_and_stick(double amp, int segments) {
    test::cell_run m;
    branch soma, dend;
    soma.type = swc_soma;
    soma.points = {{0, 0, 0, 10}, {20, 0, 0, 10}};
    dend.type = swc_basal;
    dend.parent = 0;
    dend.points = {{20, 0, 0, 1}, {220, 0, 0, 0.5}};
    m.morph = morphology({soma, dend}, {}, {});
    m.segments = {1, segments};
    m.painted.push_back({{{0, 0, 1}}, "hh", {}});
    m.painted.push_back({{{1, 0, 1}}, "pas", {{"g", 1e-4}, {"e", -65}}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 2}, {"dur", 20}, {"amp", amp}}});
    m.placed.push_back({"syn", {1, 0.5}, "ExpSyn", {{"tau", 2}}});
    m.events.push_back({"syn", {5, 7.5}, 0.01});
    m.probes = {{"v_dend", {1, 0.5}, "v", 0}, {"m", {0, 0.5}, "hh.m", 0}};
    m.detectors = {{"soma", {0, 0.5}, -10}};
    m.run = {30, 0.025, integration_method::backward_euler};
    return m;
}


} // namespace

TEST_CASE("cells simulated together match each cell simulated alone", "[cell_group]") {
    const auto a = ball_and_stick(0.3, 7), b = ball_and_stick(0.8, 3);
    const auto alone_a = test::simulate(a);
    const auto alone_b = test::simulate(b);
    const auto group = test::simulate(std::vector<test::cell_run>{a, b});

    REQUIRE(group.traces.size() == 4);
    REQUIRE(group.stats.cvs == alone_a.stats.cvs + alone_b.stats.cvs);
    // The same arithmetic, except that an instance may fall in a SIMD lane in one
    // run and in the scalar remainder loop in the other, where exp differs in the
    // last bits; through spikes that stays far below 1e-9 mV.
    CHECK(max_difference(group.traces[0].values, alone_a.traces[0].values) < 1e-9);
    CHECK(max_difference(group.traces[1].values, alone_a.traces[1].values) < 1e-11);
    CHECK(max_difference(group.traces[2].values, alone_b.traces[0].values) < 1e-9);
    CHECK(max_difference(group.traces[3].values, alone_b.traces[1].values) < 1e-11);
    const auto spikes_a = test::cell_spikes(alone_a, 1), spikes_b = test::cell_spikes(alone_b, 1), together = test::cell_spikes(group, 2);
    REQUIRE(spikes_a.size() >= 1);
    REQUIRE(spikes_b.size() >= 1);
    REQUIRE(together.size() == spikes_a.size() + spikes_b.size());
    // Cell b is gid 1 of the group.
    for (const auto& [alone, gid]: {std::pair{&spikes_a, std::uint64_t{0}}, std::pair{&spikes_b, std::uint64_t{1}}}) {
        for (const auto& s: *alone) {
            CHECK(std::any_of(together.begin(), together.end(), [&](const spike_record& g) { return g.gid == gid && std::fabs(g.time - s.time) < 1e-9; }));
        }
    }
}

TEST_CASE("cells stepped together keep their own ion settings: a fixed reversal beside a Nernst one", "[cell_group]") {
    // One cell with a fixed eca, one whose eca follows its concentrations (Nernst):
    // each keeps its own rule in the group.
    auto fixed = ball_and_stick(0.3, 3), nernst = ball_and_stick(0.3, 3);
    fixed.ions["ca"].reversal = 100;
    nernst.ions["ca"].nernst = true;
    fixed.probes = {{"eca", {0, 0.5}, "eca", 0}};
    nernst.probes = {{"eca", {0, 0.5}, "eca", 0}};
    for (auto* m: {&fixed, &nernst}) m->celsius = 20;
    const auto group = test::simulate(std::vector<test::cell_run>{fixed, nernst});
    CHECK(group.traces[0].values.front() == 100);
    CHECK(group.traces[0].values.back() == 100);
    // RT/zF ln(co/ci) at 20 °C, 2 mM outside and 5e-5 mM inside.
    const double nernst_eca = 8.314462618 * (273.15 + 20) / (2 * 96485.33212) * std::log(2 / 5e-5) * 1000;
    CHECK(group.traces[1].values.back() == Approx(nernst_eca).epsilon(1e-6));
}
