// Networks on one process: spikes travel along connections with their delays,
// whatever the epoch; bad networks are clear errors.
#include <algorithm>

#include <catch2/catch.hpp>

#include <cajal/core/gpu.hpp>
#include <cajal/core/network.hpp>
#include <cajal/core/simulation.hpp>

#include "test_cells.hpp"
#include "test_skip.hpp"

using namespace cajal;

namespace {

cell_model ring_cell() {
    auto m = test::hh_ball_and_stick(3);
    m.placed.push_back({"syn", {0, 0.5}, "ExpSyn", {{"tau", 2}}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {}});
    return m;
}

// `cells` hh cells in a ring, delay 5 ms; a source (the last gid) starts cell 0 at 1 ms.
network ring(std::size_t cells, double delay) {
    network net;
    net.populations.push_back({"ring", ring_cell(), cells, "", {}});
    net.sources.push_back({"kick", explicit_spikes{{1.0}}, 1});
    net.connections.push_back(ring_rule{{0, cells}, {0, cells}, {"syn", 0.05, delay}});
    net.connections.push_back(connection_list({{cells, 0, "syn", 0.05, 1.0}}));
    net.settings.tstop = 40;
    return net;
}

simulation_result run(const network& net) {
    auto comm = make_local_communicator();
    return simulation(prepared_network(net, builtin_catalogue()), *comm).run();
}

// The fault preparing a network finds: its address and message.
std::string fault_of(const network& net) {
    try {
        prepared_network(net, builtin_catalogue());
    } catch (const model_error& e) {
        const auto& a = e.address();
        return a ? std::to_string(int(a->where)) + ":" + std::to_string(a->index) + ":" + a->item + ": " + e.message() : e.message();
    }
    return "no fault";
}

} // namespace

TEST_CASE("a spike travels around a ring of hh cells, one delay and a latency per cell", "[network]") {
    const auto r = run(ring(4, 5.0));
    CHECK(r.stats.epoch == Approx(5.0));   // the ring's delay: connections from sources do not bound epochs
    CHECK(r.stats.connections == 5);
    REQUIRE(r.spikes.size() >= 6);
    CHECK(r.spikes[0].gid == 4);     // the source
    CHECK(r.spikes[0].time == 1.0);
    // Then the ring in order, each spike a delay plus the same latency after the previous.
    for (std::size_t k = 1; k < r.spikes.size(); ++k) CHECK(r.spikes[k].gid == (k - 1) % 4);
    const double latency = r.spikes[2].time - r.spikes[1].time - 5.0;
    CHECK(latency > 0.5);
    CHECK(latency < 5);
    // Spike times are interpolated, events start acting at the step that holds
    // them: the latency varies by less than a step.
    for (std::size_t k = 3; k < r.spikes.size(); ++k) CHECK(r.spikes[k].time - r.spikes[k - 1].time == Approx(5.0 + latency).margin(0.025));
}

TEST_CASE("network spikes do not depend on the epoch length", "[network]") {
    auto net = ring(5, 5.0);
    const auto by_delay = run(net);
    for (double epoch: {0.1, 0.35, 1.0, 5.0}) {
        net.settings.epoch = epoch;
        const auto r = run(net);
        CHECK(r.stats.epoch == Approx(epoch));
        REQUIRE(r.spikes == by_delay.spikes);
    }
    net.settings.epoch = 5.5;
    CHECK(fault_of(net) == "0:0:epoch: epoch 5.5 ms is longer than the minimum delay of connections from cells, 5 ms");
}

TEST_CASE("network probes record their cells, in the order the model lists them", "[network]") {
    auto net = ring(3, 5.0);
    net.probes.push_back({2, "v2", location{0, 0.5}, "v", 0.5});
    net.probes.push_back({0, "v0", location{0, 0.5}, "v", 0.5});
    net.probes.push_back({0, "g0", std::nullopt, "syn.g", 0});
    const auto r = run(net);
    REQUIRE(r.traces.size() == 3);
    CHECK(r.traces[0].name == "v2");
    CHECK(r.traces[1].name == "v0");
    CHECK(r.traces[2].name == "g0");
    CHECK(r.traces[0].units == "mV");
    CHECK(r.traces[2].units == "uS");
    CHECK(r.traces[0].times.size() == 81);
    CHECK(r.traces[2].times.size() == 1601);
    // Each cell's trace peaks after its spike: cell 0 fires first, cell 2 last.
    auto peak_time = [](const trace& tr) { return tr.times[std::max_element(tr.values.begin(), tr.values.end()) - tr.values.begin()]; };
    CHECK(*std::max_element(r.traces[1].values.begin(), r.traces[1].values.end()) > 0);
    CHECK(peak_time(r.traces[1]) < peak_time(r.traces[0]));
    CHECK(*std::max_element(r.traces[2].values.begin(), r.traces[2].values.end()) == Approx(0.05).epsilon(0.05));
    CHECK(r.stats.connections == 4);
    net.probes.push_back({3, "v3", location{0, 0.5}, "v", 0});   // gid 3 is the source
    CHECK(fault_of(net) == "5:3:gid: gid 3 is not a cell (the network has 3 cells)");
}

TEST_CASE("bad networks are faults at the part of the model that holds them", "[network]") {
    auto net = ring(3, 5.0);
    net.connections.push_back(connection_list({{7, 0, "syn", 0.05, 1.0}}));
    CHECK(fault_of(net) == "4:2:connections[0].source: sources reach gid 7; the network has 4 gids");
    net = ring(3, 5.0);
    net.connections.push_back(connection_list({{1, 0, "nosyn", 0.05, 1.0}}));
    CHECK(fault_of(net) == "4:2:connections[0].synapse: the cell of population 'ring' places no point process labelled 'nosyn'; labels: syn, stim");
    net = ring(3, 5.0);
    net.connections.push_back(connection_list({{1, 0, "stim", 0.05, 1.0}}));
    CHECK(fault_of(net) == "4:2:connections[0].synapse: 'stim' of population 'ring' is a IClamp, which takes no events");
    net = ring(3, 0.01);
    CHECK(fault_of(net) == "4:0:delay: a connection from a cell needs a delay of at least dt = 0.025 ms, not 0.01 ms");
    net = ring(3, 5.0);
    net.populations[0].cell.detectors.clear();
    CHECK(fault_of(net) == "4:0:sources: population 'ring' sends spikes here, but its cell has no detector (or spike_detector)");
    net.connections.erase(net.connections.begin());
    CHECK(fault_of(net) == "no fault");   // a cell without a detector that sends nothing is fine
    net = ring(3, 5.0);
    net.populations[0].spike_detector = "axon";
    CHECK(fault_of(net) == "2:0:spike_detector: 'axon' is neither a detector of the cell nor a point process of it that takes events; known: soma, syn");
}

TEST_CASE("GPU backend: a network's spikes as on the CPU", "[network][gpu]") {
    select_gpu(3);   // takes a device modulo their number, or does nothing without one
    if (const auto info = query_gpu(); !info.available) CAJAL_SKIP_NO_GPU(info.name);
    auto net = ring(6, 5.0);
    const auto cpu = run(net);
    net.settings.backend = backend_kind::gpu;
    const auto gpu = run(net);
    CHECK(gpu.stats.backend == "gpu");
    REQUIRE(gpu.spikes.size() == cpu.spikes.size());
    for (std::size_t k = 0; k < cpu.spikes.size(); ++k) {
        CHECK(gpu.spikes[k].gid == cpu.spikes[k].gid);
        CHECK(gpu.spikes[k].time == Approx(cpu.spikes[k].time).margin(1e-6));
    }
}
