// The one time loop taken in pieces (start, advance to a step, events queued
// between pieces, spikes taken as they come, finish), as simulations take it
// epoch by epoch, is the loop taken whole; and a simulation runs again.
#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "../../core/src/lower.hpp"
#include "../../core/src/time_loop.hpp"
#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

test::cell_run synapse_cell(double amp) {
    // The dendrite tapers to a radius of 0.5 µm; the synapse sits on it.
    auto m = test::hh_ball_and_stick(5, 0.5);
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 2}, {"dur", 20}, {"amp", amp}}});
    m.placed.push_back({"syn", {1, 0.5}, "ExpSyn", {{"tau", 2}}});
    m.probes = {{"v_dend", {1, 0.5}, "v", 0}, {"g", {}, "syn.g", 0.5}};
    m.run = {30, 0.025, integration_method::backward_euler};
    return m;
}

} // namespace

TEST_CASE("the time loop in pieces with queued events is the whole run with event trains", "[pieces]") {
    auto with_trains = synapse_cell(0.3);
    with_trains.events.push_back({"syn", {5, 7.5, 12.5}, 0.01});
    const auto whole = test::simulate(std::vector<test::cell_run>{with_trains, synapse_cell(0.8)});
    const auto whole_spikes = test::cell_spikes(whole, 2);
    REQUIRE(whole_spikes.size() >= 2);

    const prepared_network prepared(test::as_network(std::vector<test::cell_run>{synapse_cell(0.3), synapse_cell(0.8)}), builtin_catalogue());
    auto cells = lower_cells(prepared.internals(), {0, 1});
    const auto train = connect(cells, 0, "syn", 0.01);
    time_loop loop(cells, make_cpu_backend(cells), [](std::size_t c) { return "cell " + std::to_string(c); });
    loop.start();
    std::vector<local_spike> taken;
    for (double t: {2.5, 5.0, 7.3, 12.5, 18.0, 30.0}) {
        // Events are queued before the step that contains them is taken.
        for (double e: {5.0, 7.5, 12.5}) {
            if (e >= loop.time() && e < t) loop.queue_event(train, e);
        }
        loop.advance(steps_until(t, 0.025), {}, 30);
        CHECK(loop.time() == Approx(t).margin(1e-9));
        for (const auto& s: loop.take_new_spikes()) {
            CHECK(s.time <= loop.time());
            taken.push_back(s);
        }
    }
    std::vector<local_spike> spikes;
    const auto recorded = loop.finish(spikes);
    REQUIRE(recorded.values.size() == whole.traces.size());
    for (std::size_t k = 0; k < recorded.values.size(); ++k) {
        CHECK(recorded.times[k] == whole.traces[k].times);
        CHECK(recorded.values[k] == whole.traces[k].values);
    }
    REQUIRE(spikes.size() == whole_spikes.size());
    REQUIRE(taken.size() == whole_spikes.size());
    for (std::size_t s = 0; s < spikes.size(); ++s) {
        CHECK(spikes[s].time == whole_spikes[s].time);
        CHECK(spikes[s].cell == whole_spikes[s].gid);
        CHECK(taken[s].time == whole_spikes[s].time);
    }
    // Both cells spike, each named by its index in the group.
    CHECK(std::any_of(spikes.begin(), spikes.end(), [](const local_spike& s) { return s.cell == 0; }));
    CHECK(std::any_of(spikes.begin(), spikes.end(), [](const local_spike& s) { return s.cell == 1; }));
}

TEST_CASE("a simulation runs again from the start, its stimuli included", "[pieces]") {
    auto m = synapse_cell(0.3);
    m.events.push_back({"syn", {5, 7.5}, 0.01});
    const prepared_network prepared(test::as_network(m), builtin_catalogue());
    const auto comm = make_local_communicator();
    simulation sim(prepared, *comm);
    const auto first = sim.run();
    const auto second = sim.run();
    REQUIRE(first.traces.size() == second.traces.size());
    for (std::size_t k = 0; k < first.traces.size(); ++k) CHECK(first.traces[k].values == second.traces[k].values);
    CHECK(first.spikes == second.spikes);
}
