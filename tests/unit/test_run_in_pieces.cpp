// A run taken in pieces (start, advance_to, queued events, finish), as
// networks take it, is the run taken whole.
#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

cell_model synapse_cell(double amp) {
    // The dendrite tapers to a radius of 0.5 µm; the synapse sits on it.
    auto m = test::hh_ball_and_stick(5, 0.5);
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 2}, {"dur", 20}, {"amp", amp}}});
    m.placed.push_back({"syn", {1, 0.5}, "ExpSyn", {{"tau", 2}}});
    m.probes = {{"v_dend", {1, 0.5}, "v", 0}, {"g", {}, "syn.g", 0.5}};
    m.run = {30, 0.025, integration_method::backward_euler};
    return m;
}

void require_same(const run_result& a, const run_result& b) {
    REQUIRE(a.traces.size() == b.traces.size());
    for (std::size_t k = 0; k < a.traces.size(); ++k) {
        CHECK(a.traces[k].times == b.traces[k].times);
        CHECK(a.traces[k].values == b.traces[k].values);
    }
    REQUIRE(a.spikes.size() == b.spikes.size());
    for (std::size_t s = 0; s < a.spikes.size(); ++s) {
        CHECK(a.spikes[s].detector == b.spikes[s].detector);
        CHECK(a.spikes[s].time == b.spikes[s].time);
        CHECK(a.spikes[s].cell == b.spikes[s].cell);
    }
    CHECK(a.stats.steps == b.stats.steps);
}

} // namespace

TEST_CASE("a run in pieces with queued events is the whole run with event trains", "[pieces]") {
    auto with_trains = synapse_cell(0.3);
    with_trains.events.push_back({"syn", {5, 7.5, 12.5}, 0.01});
    const auto whole = cell_simulation(std::vector<cell_model>{with_trains, synapse_cell(0.8)}, builtin_catalogue()).run();
    REQUIRE(whole.spikes.size() >= 2);

    cell_simulation pieces(std::vector<cell_model>{synapse_cell(0.3), synapse_cell(0.8)}, builtin_catalogue());
    const auto train = pieces.connect(0, "syn", 0.01);
    pieces.start();
    std::vector<spike> taken;
    for (double t: {2.5, 5.0, 7.3, 12.5, 18.0, 30.0}) {
        // Events are queued before the step that contains them is taken.
        for (double e: {5.0, 7.5, 12.5}) {
            if (e >= pieces.time() && e < t) pieces.queue_event(train, e);
        }
        pieces.advance_to(t);
        CHECK(pieces.time() == Approx(t).margin(1e-9));
        for (const auto& s: pieces.take_new_spikes()) {
            CHECK(s.time <= pieces.time());
            taken.push_back(s);
        }
    }
    const auto result = pieces.finish();
    require_same(result, whole);
    REQUIRE(taken.size() == whole.spikes.size());
    for (std::size_t s = 0; s < taken.size(); ++s) CHECK(taken[s].time == whole.spikes[s].time);
    // Spikes name the cell of the group they come from.
    CHECK(std::any_of(whole.spikes.begin(), whole.spikes.end(), [](const spike& s) { return s.cell == 0; }));
    CHECK(std::any_of(whole.spikes.begin(), whole.spikes.end(), [](const spike& s) { return s.cell == 1; }));
}

TEST_CASE("a simulation runs again from the start, its event trains included", "[pieces]") {
    auto m = synapse_cell(0.3);
    m.events.push_back({"syn", {5, 7.5}, 0.01});
    cell_simulation sim(m, builtin_catalogue());
    const auto first = sim.run();
    require_same(sim.run(), first);
}

TEST_CASE("connections go to a placed point process that takes events; their events are not in the past", "[pieces]") {
    cell_simulation sim(synapse_cell(0.3), builtin_catalogue());
    CHECK_THROWS_WITH(sim.connect(1, "syn", 0.01), Catch::Contains("connection to cell 1, but the group has 1"));
    CHECK_THROWS_WITH(sim.connect(0, "nosuch", 0.01), Catch::Contains("'nosuch', which no placed point process of cell 0 is labelled"));
    CHECK_THROWS_WITH(sim.connect(0, "stim", 0.01), Catch::Contains("a IClamp, which takes no events"));
    const auto c = sim.connect(0, "syn", 0.01);
    sim.start();
    CHECK_THROWS_AS(sim.connect(0, "syn", 0.01), std::logic_error);
    sim.advance_to(10);
    CHECK_THROWS_WITH(sim.queue_event(c, 9), Catch::Contains("before the current time"));
    CHECK_THROWS_AS(sim.queue_event(c + 1, 12), std::out_of_range);
    CHECK_NOTHROW(sim.queue_event(c, 10));
}
