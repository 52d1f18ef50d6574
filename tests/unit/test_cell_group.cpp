// A group of cells stepped together gives each cell the result it gets alone:
// the cells share nothing but the time loop.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "test_support.hpp"

using namespace cajal;
using cajal::test::max_difference;

namespace {

cell_model ball_and_stick(double amp, int segments) {
    cell_model m;
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

TEST_CASE("cells simulated as a group match each cell simulated alone", "[cell_group]") {
    const auto a = ball_and_stick(0.3, 7), b = ball_and_stick(0.8, 3);
    const auto alone_a = cell_simulation(a, builtin_catalogue()).run();
    const auto alone_b = cell_simulation(b, builtin_catalogue()).run();
    const auto group = cell_simulation(std::vector<cell_model>{a, b}, builtin_catalogue()).run();

    REQUIRE(group.traces.size() == 4);
    REQUIRE(group.stats.cvs == alone_a.stats.cvs + alone_b.stats.cvs);
    // The same arithmetic, except that an instance may fall in a SIMD lane in one
    // run and in the scalar remainder loop in the other, where exp differs in the
    // last bits; through spikes that stays far below 1e-9 mV.
    CHECK(max_difference(group.traces[0].values, alone_a.traces[0].values) < 1e-9);
    CHECK(max_difference(group.traces[1].values, alone_a.traces[1].values) < 1e-11);
    CHECK(max_difference(group.traces[2].values, alone_b.traces[0].values) < 1e-9);
    CHECK(max_difference(group.traces[3].values, alone_b.traces[1].values) < 1e-11);
    REQUIRE(alone_a.spikes.size() >= 1);
    REQUIRE(alone_b.spikes.size() >= 1);
    REQUIRE(group.spikes.size() == alone_a.spikes.size() + alone_b.spikes.size());
    for (const auto& s: alone_a.spikes) {
        CHECK(std::any_of(group.spikes.begin(), group.spikes.end(), [&](const spike& g) { return std::fabs(g.time - s.time) < 1e-9; }));
    }
}

TEST_CASE("cells of a group must share the time step", "[cell_group]") {
    auto a = ball_and_stick(0.3, 3), b = ball_and_stick(0.3, 3);
    b.run.dt = 0.05;
    REQUIRE_THROWS_WITH(cell_simulation(std::vector<cell_model>{a, b}, builtin_catalogue()),
                        Catch::Contains("must share dt, tstop, method and celsius"));
}
