// WATCH against NEURON: a watch armed from INITIAL (through a self-event)
// sends its flag each time its condition turns true, at the end of that step,
// and stays armed; the first WATCH a later NET_RECEIVE call runs turns the
// others off. The mechanism counts the events of each flag; NEURON runs the
// same file on the same hh soma under a current step.
#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "neuron_cell_support.hpp"
#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// From 20 ms (a self-event) the watch on v > thr gives way to one on v < low.
constexpr const char* watcher_mod = R"(
NEURON { POINT_PROCESS Watcher RANGE thr, low, rises, falls }
PARAMETER { thr = -20 (mV) low = -70 (mV) }
ASSIGNED { v (mV) rises falls }
INITIAL {
    rises = 0
    falls = 0
    net_send(0, 1)
    net_send(20, 3)
}
NET_RECEIVE (w) {
    if (flag == 1) {
        WATCH (v > thr) 2
    } else if (flag == 3) {
        WATCH (v < low) 4
    } else if (flag == 2) {
        rises = rises + 1
    } else if (flag == 4) {
        falls = falls + 1
    }
}
)";

test::cell_run watched_soma(double thr) {
    auto m = test::bare_soma();
    m.painted.push_back({{{0, 0, 1}}, "hh", {}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 2}, {"dur", 40}, {"amp", 0.3}}});
    m.placed.push_back({"w", {0, 0.5}, "Watcher", {{"thr", thr}}});
    m.probes.push_back({"rises", {}, "w.rises", 0});
    m.probes.push_back({"falls", {}, "w.falls", 0});
    m.run = {50, 0.025, integration_method::backward_euler};
    return m;
}

} // namespace

TEST_CASE("WATCH sends its flag when its condition turns true, as NEURON does", "[nmodl][neuron]") {
    const test::temp_folder folder;
    const auto catalogue = test::catalogue_with_mod(folder, "watcher.mod", watcher_mod);
    CHECK(catalogue.get("Watcher").cpu.check_watches != nullptr);
    // thr -20: spikes cross it; -80: v is above it when the watch is armed and never falls below, so it never fires.
    for (double thr: {-20.0, -80.0}) {
        INFO("thr = " << thr);
        const auto m = watched_soma(thr);
        const auto ours = test::simulate(m, catalogue);
        const double rises = ours.traces[0].values.back(), falls = ours.traces[1].values.back();
        if (thr == -20.0) {
            CHECK(rises == 2);   // the spikes before 20 ms only
            CHECK(falls >= 1);
        } else {
            CHECK(rises == 0);
        }
        test::neuron_options options;
        options.mod_dirs = {folder.path};
        const auto theirs = test::run_neuron(m, options);
        if (!theirs) CAJAL_SKIP("NEURON's Python module is not installed");
        // Counts, sample by sample: the same events in the same steps.
        CHECK(theirs->v[0] == ours.traces[0].values);
        CHECK(theirs->v[1] == ours.traces[1].values);
    }
}
