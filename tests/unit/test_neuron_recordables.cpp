// The currents probes record per CV — each ion's current (ina, ik, ica), the
// membrane current (i_membrane: NEURON's i_membrane_ with use_fast_imem) and
// its capacitive part (i_cap) — against NEURON recording seg.ina, seg.ik,
// seg.ica, seg.i_membrane_ and seg.i_cap on the same cell, sample by sample
// from t = 0: an hh soma with a GHK calcium channel (nrn-examples' cachan)
// and a calcium shell (CaDecay), a current clamp (an electrode, which
// i_membrane_ leaves out), a synapse on the soma and one on a dendrite's
// zero-area end node.
#include <algorithm>
#include <cmath>
#include <string>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>
#include <cajal/nmodl/folder_loader.hpp>

#include "neuron_cell_support.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

namespace fs = std::filesystem;

test::cell_run recorded_currents_cell(integration_method method) {
    test::cell_run m;
    branch soma, dendrite;
    soma.type = swc_soma;
    soma.points = {{-10, 0, 0, 10}, {10, 0, 0, 10}};   // 20 × 20 µm; coordinates exact in NEURON's single precision
    dendrite.type = swc_basal;
    dendrite.parent = 0;
    dendrite.parent_x = 1;
    dendrite.points = {{10, 0, 0, 0.5}, {210, 0, 0, 0.5}};
    m.morph = morphology({soma, dendrite}, {}, {});
    m.segments = {1, 5};
    m.properties.v_init = -65;
    m.celsius = 16;
    m.painted.push_back({{{0, 0, 1}}, "hh", {}});
    m.painted.push_back({{{0, 0, 1}}, "cachan", {{"pcabar", 2e-4}}});
    m.painted.push_back({{{0, 0, 1}}, "CaDecay", {{"decay", 20}, {"gamma", 0.5}}});
    m.painted.push_back({{{1, 0, 1}}, "pas", {{"g", 1e-4}, {"e", -65}}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 2}, {"dur", 10}, {"amp", 0.3}}});
    m.placed.push_back({"syn", {0, 0.5}, "ExpSyn", {{"tau", 2}, {"e", 0}}});
    m.placed.push_back({"tip_syn", {1, 1}, "ExpSyn", {{"tau", 3}, {"e", 0}}});
    // Times off the step grid and its midpoints.
    m.events = {{"syn", {20.01, 31.3}, 0.01}, {"tip_syn", {15.2, 24.07}, 0.005}};
    m.probes = {{"v", {0, 0.5}, "v", 0},
                {"ina", {0, 0.5}, "ina", 0},
                {"ik", {0, 0.5}, "ik", 0},
                {"ica", {0, 0.5}, "ica", 0},
                {"i_cap", {0, 0.5}, "i_cap", 0},
                {"i_membrane", {0, 0.5}, "i_membrane", 0},
                {"dend_i_cap", {1, 0.5}, "i_cap", 0},
                {"dend_i_membrane", {1, 0.5}, "i_membrane", 0},
                {"tip_i_membrane", {1, 1}, "i_membrane", 0}};
    m.run = {40, 0.025, method};
    return m;
}

} // namespace

TEST_CASE("NEURON: ion currents, i_membrane and i_cap recorded per CV", "[neuron][validation]") {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    if (!test::neuron_available()) CAJAL_SKIP("NEURON is not installed");
    test::temp_folder ours, theirs;
    fs::copy_file(*data / "mod" / "nrn-examples" / "cachan.mod", ours.path / "cachan.mod");
    fs::copy_file(*data / "mod" / "nrn-examples" / "cachan.mod", theirs.path / "cachan.mod");
    fs::copy_file(test::source_dir() / "mechanisms" / "mod" / "CaDecay.mod", theirs.path / "CaDecay.mod");
    mechanism_catalogue catalogue = builtin_catalogue();
    nmodl::add_mod_folder(catalogue, ours.path);

    for (const auto method: {integration_method::backward_euler, integration_method::crank_nicolson}) {
        const bool cn = method == integration_method::crank_nicolson;
        INFO((cn ? "Crank-Nicolson (secondorder 1)" : "backward Euler"));
        const auto m = recorded_currents_cell(method);
        const auto r = test::simulate(m, catalogue);
        test::neuron_options options;
        options.mod_dirs = {theirs.path};
        options.secondorder = cn ? 1 : 0;
        const auto ref = test::run_neuron(m, options);
        REQUIRE(ref);
        REQUIRE(ref->v.size() == m.probes.size());
        REQUIRE(r.traces.size() == m.probes.size());
        // The clamp and the soma's synapse each fire the soma.
        CHECK(test::crossings(ref->t, ref->v[0], -10).size() >= 2);
        for (std::size_t k = 0; k < m.probes.size(); ++k) {
            const auto& ours_k = r.traces[k].values;
            const auto& theirs_k = ref->v[k];
            REQUIRE(ours_k.size() == theirs_k.size());
            double scale = 0;
            for (double x: theirs_k) scale = std::max(scale, std::fabs(x));
            const double e = test::max_difference(ours_k, theirs_k);
            INFO("probe " << m.probes[k].name << " (" << r.traces[k].units << "): max |ours - NEURON| = " << e << " over a range of " << scale);
            // The same arithmetic in another order: round-off. Measured, as a
            // fraction of the trace's range (backward Euler / Crank–Nicolson):
            // ina 1.4e-12 / 8.1e-13, ik 5.9e-13 / 4.4e-13, ica 6.0e-13 / 4.6e-13
            // (ranges 0.78, 0.89, 0.16 mA/cm²), i_cap 3.7e-12 / 2.8e-12 (soma,
            // 0.38 mA/cm²) and 1.9e-12 / 5.5e-13 (dendrite), i_membrane 2.6e-12 /
            // 6.7e-13 (soma, 1.3 nA), 1.9e-12 / 5.4e-13 (dendrite) and 3.5e-13 /
            // 3.5e-13 (the end node's synapse); v 1.0e-10 / 3.7e-11 mV. Bound:
            // 1e-9 of the range, a few hundred times that. (NEURON's traces one
            // step apart differ by 7 % to 95 % of their range, and the clamp's
            // 0.3 nA is 23 % of the soma's i_membrane.)
            CHECK(scale > 0);
            CHECK(e <= 1e-9 * scale);
        }
    }
}
