// Networks against NEURON's ParallelContext on the same cells, connections
// and input spikes (tests/reference/neuron_network.py), with NEURON's spike
// timing rule (spike_timing::step_end): the same spikes.
#include <algorithm>
#include <cmath>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cajal/core/network.hpp>
#include <cajal/core/simulation.hpp>

#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;
using nlohmann::json;

namespace {

// ms: NEURON stamps spikes 1e-10 ms after the step's end.
constexpr double spike_time_tolerance = 1e-6;

cell_model network_cell() {
    auto m = test::hh_ball_and_stick(3);
    m.placed.push_back({"syn", {0, 0.5}, "ExpSyn", {{"tau", 2}}});
    return m;
}

// The same network for NEURON: connections between cells as they are, and
// each source spike as an input to each of the source's targets.
json neuron_spec(const network& net, std::uint64_t cells) {
    json connections = json::array(), inputs = json::array();
    for (std::uint64_t target = 0; target < cells; ++target) {
        for (const auto& c: incoming_connections(net.connections, target)) {
            if (c.source < cells) {
                connections.push_back({c.source, target, c.weight, c.delay});
                continue;
            }
            std::size_t k = c.source - cells;
            for (const auto& p: net.sources) {
                if (k < p.count) {
                    for (double t: spike_times(p.spec, c.source, net.settings.tstop)) inputs.push_back({t, target, c.weight, c.delay});
                    break;
                }
                k -= p.count;
            }
        }
    }
    return {{"cells", cells}, {"segments", 3}, {"dt", net.settings.dt}, {"tstop", net.settings.tstop}, {"connections", connections}, {"inputs", inputs}};
}

// The same spikes in the same order, their times within `tolerance` ms.
void compare_with_neuron(const network& net, std::size_t min_spikes, double tolerance) {
    if (!test::neuron_available()) CAJAL_SKIP("NEURON's Python module is not installed");
    const auto ours = test::simulate(net);
    std::vector<gid_spike> cell_spikes;
    for (const auto& s: test::cell_spikes(ours, net.num_cells())) cell_spikes.push_back({s.gid, s.time});

    test::temp_folder folder;
    std::ofstream(folder.path / "spec.json") << neuron_spec(net, net.num_cells()).dump();
    const auto theirs = test::neuron_reference("neuron_network.py", (folder.path / "spec.json").string());
    REQUIRE(theirs);
    std::vector<gid_spike> reference;
    for (const auto& s: (*theirs)["spikes"]) reference.push_back({s[0].get<std::uint64_t>(), s[1].get<double>()});
    sort_spikes(reference);

    REQUIRE(cell_spikes.size() >= min_spikes);
    REQUIRE(cell_spikes.size() == reference.size());
    double worst = 0;
    for (std::size_t k = 0; k < reference.size(); ++k) {
        INFO("spike " << k << ": NEURON gid " << reference[k].gid << " at " << reference[k].time << " ms, ours gid " << cell_spikes[k].gid << " at "
                      << cell_spikes[k].time << " ms");
        CHECK(cell_spikes[k].gid == reference[k].gid);
        worst = std::max(worst, std::fabs(cell_spikes[k].time - reference[k].time));
    }
    INFO("largest spike time difference " << worst << " ms");
    CHECK(worst < tolerance);
}

} // namespace

TEST_CASE("network vs NEURON: a ring of hh cells with ExpSyn", "[network][neuron]") {
    network net;
    net.populations.push_back({"ring", network_cell(), 6, "", {}});
    net.sources.push_back({"kick", explicit_spikes{{1.0}}, 1});
    net.connections.push_back(ring_rule{{0, 6}, {0, 6}, {"syn", 0.05, 5.0}});
    net.connections.push_back(connection_list({{6, 0, "syn", 0.05, 1.5}}));
    net.settings.tstop = 80;
    net.settings.timing = spike_timing::step_end;
    compare_with_neuron(net, 12, spike_time_tolerance);
}

TEST_CASE("network vs NEURON: random connections driven by Poisson sources", "[network][neuron]") {
    network net;
    net.populations.push_back({"cells", network_cell(), 12, "", {}});
    net.sources.push_back({"noise", poisson_spikes{60.0, 0.0, 200.0, 3}, 5});
    net.connections.push_back(fixed_indegree_rule{{12, 17}, {0, 12}, 2, {"syn", 0.03, 2.0}, 9});
    net.connections.push_back(probability_rule{{0, 12}, {0, 12}, 0.2, {"syn", 0.01, 3.0}, 4});
    net.settings.tstop = 100;
    net.settings.timing = spike_timing::step_end;
    compare_with_neuron(net, 10, spike_time_tolerance);
}

TEST_CASE("the busyring example, as cajal run reads it, gives NEURON's spikes", "[network][neuron][run]") {
    if (!test::neuron_available()) CAJAL_SKIP("NEURON's Python module is not installed");
    const test::temp_folder dir;
    const auto model = test::source_dir() / "examples" / "busyring" / "busyring-small.json";
    const auto ours = test::run_command(std::string(CAJAL_CLI) + " run '" + model.string() + "' -q -o '" + (dir.path / "cajal").string() + "' 2>&1");
    REQUIRE(ours.status == 0);
    const auto script = test::source_dir() / "examples" / "busyring" / "busyring_neuron.py";
    const auto theirs = test::run_command("NEURON_MODULE_OPTIONS=-nogui " + std::string(CAJAL_REFERENCE_PYTHON) + " '" + script.string() + "' '" +
                                          model.string() + "' --spikes '" + (dir.path / "neuron.txt").string() + "' 2>&1");
    REQUIRE(theirs.status == 0);

    std::vector<std::pair<std::uint64_t, double>> cajal_spikes, neuron_spikes;
    std::ifstream csv(dir.path / "cajal" / "spikes.csv");
    std::string line;
    std::getline(csv, line);
    REQUIRE(line == "gid,population,detector,time (ms)");
    while (std::getline(csv, line)) {
        const auto first = line.find(','), second = line.rfind(',');
        cajal_spikes.push_back({std::stoull(line.substr(0, first)), std::stod(line.substr(second + 1))});
    }
    std::ifstream txt(dir.path / "neuron.txt");
    for (std::uint64_t gid; txt >> gid;) {
        double t = 0;
        txt >> t;
        neuron_spikes.push_back({gid, t});
    }
    REQUIRE(cajal_spikes.size() >= 18);   // the rings keep firing to the end
    REQUIRE(cajal_spikes.size() == neuron_spikes.size());
    for (std::size_t i = 0; i < cajal_spikes.size(); ++i) {
        INFO("spike " << i);
        CHECK(cajal_spikes[i].first == neuron_spikes[i].first);
        CHECK(std::fabs(cajal_spikes[i].second - neuron_spikes[i].second) <= spike_time_tolerance);
    }
}
