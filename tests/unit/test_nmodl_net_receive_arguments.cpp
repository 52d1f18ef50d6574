// NET_RECEIVE with more arguments than the weight: values kept per connection
// (NEURON's NetCon weight vector), set by NET_RECEIVE's INITIAL at the start
// of each run and changed by every event of that connection. Two event trains
// into one synapse are two connections with their own facilitation; NEURON
// runs the same file with the same trains as two NetCons.
#include <cmath>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "neuron_cell_support.hpp"
#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// Each event adds weight·F to g; F decays back to 1 with tauf between the
// events of its own connection and grows by f at each of them.
constexpr const char* facilitating_mod = R"(
NEURON {
    POINT_PROCESS FacSyn
    RANGE tau, e, f, tauf, i
    NONSPECIFIC_CURRENT i
}
PARAMETER { tau = 3 (ms) e = 0 (mV) f = 0.5 tauf = 20 (ms) }
ASSIGNED { v (mV) i (nA) }
STATE { g (uS) }
INITIAL { g = 0 }
BREAKPOINT {
    SOLVE state METHOD cnexp
    i = g*(v - e)
}
DERIVATIVE state { g' = -g/tau }
NET_RECEIVE (weight (uS), F, tsyn (ms), n) {
    INITIAL {
        F = 1
        tsyn = t
        n = 0
    }
    F = 1 + (F - 1)*exp(-(t - tsyn)/tauf)
    g = g + weight*F
    F = F + f
    tsyn = t
    n = n + 1
}
)";

// ms between samples compared; mV and µS: the tolerances of the NMODL suite.
constexpr double v_tolerance = 1e-6, g_tolerance = 1e-9;

test::cell_run facilitated_cell() {
    auto m = test::bare_soma();
    m.placed.push_back({"syn", {0, 0.5}, "FacSyn", {}});
    m.events.push_back({"syn", {5, 8, 11, 14}, 0.002});   // a facilitating train
    m.events.push_back({"syn", {9.5, 30}, 0.004});        // another connection: its own F
    m.probes.push_back({"v", {0, 0.5}, "v", 0});
    m.probes.push_back({"g", {}, "syn.g", 0});
    m.run = {40, 0.025, integration_method::backward_euler};
    return m;
}

} // namespace

TEST_CASE("NET_RECEIVE's extra arguments are per connection, set by its INITIAL, as NEURON keeps them", "[nmodl][neuron]") {
    const test::temp_folder folder;
    const auto catalogue = test::catalogue_with_mod(folder, "facsyn.mod", facilitating_mod);
    CHECK(catalogue.get("FacSyn").info.net_receive_arguments == 4);

    const auto m = facilitated_cell();
    const prepared_network prepared(test::as_network(m), catalogue);
    const auto comm = make_local_communicator();
    simulation sim(prepared, *comm);
    const auto ours = sim.run();
    const auto& g = ours.traces[1];
    auto at = [&](double t) { return g.values[static_cast<std::size_t>(t / 0.025 + 0.5)]; };
    // The first event (at 5 ms, delivered in the step from 5 ms) adds its
    // weight once (F = 1), which then decays over that step exactly (cnexp).
    CHECK(at(5.0) == 0);
    CHECK(at(5.025) == Approx(0.002 * std::exp(-0.025 / 3)).epsilon(1e-12));
    // A second run starts every connection again from NET_RECEIVE's INITIAL.
    const auto again = sim.run();
    CHECK(again.traces[1].values == g.values);

    test::neuron_options options;
    options.mod_dirs = {folder.path};
    const auto theirs = test::run_neuron(m, options);
    if (!theirs) CAJAL_SKIP("NEURON's Python module is not installed");
    INFO("max |v - v_NEURON| = " << test::max_difference(theirs->v[0], ours.traces[0].values) << " mV");
    CHECK(test::max_difference(theirs->v[0], ours.traces[0].values) < v_tolerance);
    INFO("max |g - g_NEURON| = " << test::max_difference(theirs->v[1], g.values) << " uS");
    CHECK(test::max_difference(theirs->v[1], g.values) < g_tolerance);
}
