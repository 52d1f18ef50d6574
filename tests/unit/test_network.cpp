// Networks on one process: spikes travel along connections with their delays,
// whatever the epoch; bad networks are clear errors.
#include <algorithm>

#include <catch2/catch.hpp>

#include <cajal/core/gpu.hpp>
#include <cajal/core/network.hpp>

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
network_model ring(std::size_t cells, double delay) {
    network_model net;
    net.cells.push_back({"ring", ring_cell(), cells, ""});
    net.sources.push_back({"kick", explicit_spikes{{1.0}}, 1});
    net.connections.push_back(ring_rule{{0, cells}, {0, cells}, {"syn", 0.05, delay}});
    net.connections.push_back(connection_list({{cells, 0, "syn", 0.05, 1.0}}));
    net.run = {40, 0.025, integration_method::backward_euler, backend_kind::cpu};
    return net;
}

} // namespace

TEST_CASE("a spike travels around a ring of hh cells, one delay and a latency per cell", "[network]") {
    auto comm = make_local_communicator();
    const auto net = ring(4, 5.0);
    network_simulation sim(net, builtin_catalogue(), *comm);
    CHECK(sim.num_cells() == 4);
    CHECK(sim.num_sources() == 1);
    const auto r = sim.run();
    CHECK(r.epoch == Approx(1.0));   // the kick's delay is the minimum
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
    auto comm = make_local_communicator();
    auto net = ring(5, 5.0);
    const auto by_delay = network_simulation(net, builtin_catalogue(), *comm).run();
    for (double epoch: {0.1, 0.35, 1.0}) {
        net.epoch = epoch;
        const auto r = network_simulation(net, builtin_catalogue(), *comm).run();
        CHECK(r.epoch == Approx(epoch));
        REQUIRE(r.spikes == by_delay.spikes);
    }
    net.epoch = 1.5;
    CHECK_THROWS_WITH(network_simulation(net, builtin_catalogue(), *comm), Catch::Contains("no longer than the minimum delay"));
}

TEST_CASE("network probes record their cells, in the order the model lists them", "[network]") {
    auto comm = make_local_communicator();
    auto net = ring(3, 5.0);
    net.probes.push_back({2, {"v2", {0, 0.5}, "v", 0.5}});
    net.probes.push_back({0, {"v0", {0, 0.5}, "v", 0.5}});
    net.probes.push_back({0, {"g0", {}, "syn.g", 0}});
    network_simulation sim(net, builtin_catalogue(), *comm);
    const auto r = sim.run();
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
    CHECK(r.connections == 4);
    net.probes.push_back({3, {"v3", {0, 0.5}, "v", 0}});   // gid 3 is the source
    CHECK_THROWS_WITH(network_simulation(net, builtin_catalogue(), *comm), "probe 'v3': gid 3 is not a cell (the network has 3 cells)");
}

TEST_CASE("bad networks are clear errors", "[network]") {
    auto comm = make_local_communicator();
    auto net = ring(3, 5.0);
    net.connections.push_back(connection_list({{7, 0, "syn", 0.05, 1.0}}));
    CHECK_THROWS_WITH(network_simulation(net, builtin_catalogue(), *comm), Catch::Contains("connection from gid 7 to gid 0: the network has 4 gids"));
    net = ring(3, 5.0);
    net.connections.push_back(connection_list({{1, 0, "nosyn", 0.05, 1.0}}));
    CHECK_THROWS_WITH(network_simulation(net, builtin_catalogue(), *comm), Catch::Contains("population 'ring' has no synapse labelled 'nosyn'"));
    net = ring(3, 5.0);
    net.connections.push_back(connection_list({{1, 0, "stim", 0.05, 1.0}}));
    CHECK_THROWS_WITH(network_simulation(net, builtin_catalogue(), *comm), Catch::Contains("a IClamp takes no events"));
    net = ring(3, 0.01);
    CHECK_THROWS_WITH(network_simulation(net, builtin_catalogue(), *comm), Catch::Contains("shorter than dt"));
    net = ring(3, 5.0);
    net.cells[0].cell.detectors.clear();
    CHECK_THROWS_WITH(network_simulation(net, builtin_catalogue(), *comm), Catch::Contains("has no detector"));
}

TEST_CASE("GPU backend: a network's spikes as on the CPU", "[network][gpu]") {
    select_gpu(3);   // takes a device modulo their number, or does nothing without one
    if (const auto info = query_gpu(); !info.available) CAJAL_SKIP_NO_GPU(info.name);
    auto comm = make_local_communicator();
    auto net = ring(6, 5.0);
    const auto cpu = network_simulation(net, builtin_catalogue(), *comm).run();
    net.run.backend = backend_kind::gpu;
    const auto gpu = network_simulation(net, builtin_catalogue(), *comm).run();
    CHECK(gpu.stats.backend == "gpu");
    REQUIRE(gpu.spikes.size() == cpu.spikes.size());
    for (std::size_t k = 0; k < cpu.spikes.size(); ++k) {
        CHECK(gpu.spikes[k].gid == cpu.spikes[k].gid);
        CHECK(gpu.spikes[k].time == Approx(cpu.spikes[k].time).margin(1e-6));
    }
}
