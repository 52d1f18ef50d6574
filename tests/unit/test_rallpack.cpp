// Rallpacks 1 and 2 (passive cable and branched tree) against their analytic
// reference traces.
#include <cmath>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "rallpack.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// Rallpack membrane: RM 40000 Ω·cm², CM 1 µF/cm², Em −65 mV; RA 100 Ω·cm.
void rallpack_membrane(cell_model& m) {
    m.properties = {1.0, 100.0, -65.0, 6.3};
    m.painted.push_back({{}, "pas", {{"g", 1.0 / 40000}, {"e", -65.0}}});
    for (std::size_t b = 0; b < m.morph.num_branches(); ++b) m.painted.back().region.push_back({b, 0, 1});
}

cell_model rallpack1(int segments, double dt) {
    cell_model m;
    branch cable;
    cable.type = 3;
    cable.points = {{0, 0, 0, 0.5}, {1000, 0, 0, 0.5}};
    m.morph = morphology({cable}, {}, {});
    m.segments = {segments};
    rallpack_membrane(m);
    m.placed.push_back({"stim", {0, 0.0}, "IClamp", {{"del", 0}, {"dur", 1e9}, {"amp", 0.1}}});
    m.probes = {{"v0", {0, 0.0}, "v", 0.05}, {"vx", {0, 1.0}, "v", 0.05}};
    m.run = {250.0, dt, integration_method::backward_euler};
    return m;
}

} // namespace

TEST_CASE("Rallpack 1: passive cable against the analytic solution", "[rallpack][validation]") {
    auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    const auto ref0 = test::read_rallpack(*data / "rallpack" / "ref_cable.0");
    const auto refx = test::read_rallpack(*data / "rallpack" / "ref_cable.x");
    cell_simulation sim(rallpack1(1000, 0.05), builtin_catalogue());
    const auto r = sim.run();
    REQUIRE(r.traces[0].values.size() == ref0.v_mv.size());
    const double e0 = test::normalised_rms(ref0.v_mv, r.traces[0].values);
    const double ex = test::normalised_rms(refx.v_mv, r.traces[1].values);
    INFO("normalised RMS at x=0: " << e0 << ", at x=1: " << ex);
    // NEURON reaches about 1.6e-4 with this discretization and dt.
    CHECK(e0 < 2e-4);
    CHECK(ex < 2e-4);
}
