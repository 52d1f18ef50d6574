// ARTIFICIAL_CELL mechanisms as network cells: a placed artificial process
// named as the population's spike_detector sends its net_event spikes, and
// takes connections like any synapse.
#include <catch2/catch.hpp>

#include <cajal/core/network.hpp>

#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// Fires every `interval` ms from its self-events; sums the weights it receives.
constexpr const char* pacemaker_mod = R"(
NEURON { ARTIFICIAL_CELL Pacemaker RANGE interval, received }
PARAMETER { interval = 10 (ms) }
ASSIGNED { received }
INITIAL {
    received = 0
    net_send(interval, 1)
}
NET_RECEIVE (w) {
    if (flag == 1) {
        net_event(t)
        net_send(interval, 1)
    } else {
        received = received + w
    }
}
)";

} // namespace

TEST_CASE("an artificial cell in a network spikes by net_event and receives connections", "[network][nmodl]") {
    const test::temp_folder folder;
    const auto catalogue = test::catalogue_with_mod(folder, "pacemaker.mod", pacemaker_mod);
    CHECK(catalogue.get("Pacemaker").info.artificial);
    CHECK(catalogue.get("Pacemaker").info.kind == mechanism_kind::point_process);

    auto cell = test::bare_soma();
    cell.placed.push_back({"pm", {0, 0.5}, "Pacemaker", {{"interval", 7.5}}});
    network net;
    net.populations.push_back({"pace", cell, 2, "pm", {}});                   // gids 0, 1
    net.sources.push_back({"kick", explicit_spikes{{3.0, 4.0}}, 1});      // gid 2
    net.connections.push_back(connection_list({{2, 1, "pm", 0.25, 1.0}, {0, 1, "pm", 0.5, 2.0}}));
    net.probes.push_back({1, "received", std::nullopt, "pm.received", 0});
    net.settings.tstop = 31;
    const auto r = test::simulate(net, catalogue);

    // Both fire at 7.5, 15, 22.5 and 30 ms, exactly: self-events are not rounded
    // to steps. The process is the cells' only spike sender (index 0).
    std::vector<spike_record> expected{{2, 0, 3.0}, {2, 0, 4.0}};
    for (double t: {7.5, 15.0, 22.5, 30.0}) {
        expected.push_back({0, 0, t});
        expected.push_back({1, 0, t});
    }
    CHECK(r.spikes == expected);
    // Gid 1 received 0.25 twice from the source, then 0.5 two ms after each of gid 0's spikes.
    const auto& received = r.traces.at(0);
    auto at = [&](double t) { return received.values[static_cast<std::size_t>(t / 0.025 + 0.5)]; };
    CHECK(at(3.5) == 0);
    CHECK(at(5.5) == 0.5);
    CHECK(at(9.0) == 0.5);
    CHECK(at(10.0) == 1.0);
    CHECK(at(31.0) == 2.0);
}
