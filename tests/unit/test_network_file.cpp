// Reading JSON network files (tests/data/models/network.json): what a valid
// file becomes, and that each kind of mistake names the file, the JSON path
// and what was expected.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include <cajal/io/model_file.hpp>

#include "test_support.hpp"

namespace {

using nlohmann::json;
using namespace cajal;

std::filesystem::path models_dir() { return test::test_data("models"); }

json base_network() {
    std::ifstream in(models_dir() / "network.json");
    return json::parse(in);
}

model_file parse(const json& doc) { return parse_model_file(doc.dump(), "net.json", models_dir()); }

std::string error_of(const json& doc) {
    try {
        parse(doc).prepare();
    } catch (const model_file_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("a network file becomes the network it describes", "[model][network]") {
    const auto file = parse(base_network());
    CHECK_FALSE(file.single_cell);
    const network& net = file.model;
    REQUIRE(net.populations.size() == 2);
    CHECK(net.populations[0].name == "ring");
    CHECK(net.populations[0].count == 8);
    CHECK(net.populations[0].spike_detector == "spike");
    CHECK(net.populations[1].count == 5);
    CHECK(net.populations[1].spike_detector.empty());
    CHECK(net.populations[1].cell.placed.size() == 2);
    CHECK(net.populations[1].cell.segments == std::vector<int>(5, 3));
    REQUIRE(net.sources.size() == 3);
    CHECK(std::get<explicit_spikes>(net.sources[0].spec).times == std::vector<double>{1, 30});
    const auto& noise = std::get<poisson_spikes>(net.sources[1].spec);
    CHECK(noise.rate == 80);
    CHECK(noise.stop == 60);
    CHECK(noise.seed == 7);
    const auto& clock = std::get<regular_spikes>(net.sources[2].spec);
    CHECK(clock.start == 5);
    CHECK(clock.number == 3);

    REQUIRE(net.connections.size() == 5);
    const auto& ring = std::get<ring_rule>(net.connections[0]);
    CHECK(ring.sources.begin == 0);
    CHECK(ring.sources.end == 8);
    CHECK(ring.targets.end == 8);   // targets default to the sources
    CHECK(ring.ring_size == 4);
    const auto& list = std::get<connection_list>(net.connections[1]).connections();
    REQUIRE(list.size() == 2);
    CHECK(list[0].source == 13);    // kick[0]: after the 13 cells
    CHECK(list[0].target == 0);
    CHECK(list[0].delay == 1.5);    // the rule's
    CHECK(list[1].target == 4);
    CHECK(list[1].delay == 2);      // its own
    const auto& indegree = std::get<fixed_indegree_rule>(net.connections[2]);
    CHECK(indegree.sources.begin == 15);
    CHECK(indegree.sources.end == 21);
    CHECK(indegree.targets.begin == 8);
    CHECK(indegree.indegree == 3);
    const auto& probability = std::get<probability_rule>(net.connections[3]);
    CHECK(probability.targets.begin == 9);
    CHECK(probability.targets.end == 13);
    CHECK(probability.probability == 0.3);

    REQUIRE(net.probes.size() == 3);
    CHECK(net.probes[0].gid == 0);
    CHECK(net.probes[1].gid == 12);
    CHECK(net.probes[2].gid == 8);
    CHECK(net.probes[2].variable == "inh.g");
    CHECK(net.settings.tstop == 60);
    CHECK(net.settings.backend == backend_kind::cpu);
    CHECK(net.settings.timing == spike_timing::interpolated);
    CHECK(net.settings.epoch == 0);

    CHECK(net.member_name(12) == "driven[4]");
    CHECK(net.member_name(21) == "clock[0]");
    CHECK(net.member_name(22) == "gid 22");
    CHECK_NOTHROW(file.prepare());
}

TEST_CASE("one reader takes cell files and network files into one model", "[model][network]") {
    CHECK_FALSE(read_model_file(models_dir() / "network.json").single_cell);
    const auto cell = read_model_file(models_dir() / "hh_soma.json");
    CHECK(cell.single_cell);
    CHECK(cell.model.num_cells() == 1);
    CHECK(cell.model.populations[0].name == "cell");
}

TEST_CASE("network simulation settings: epoch and spike timing", "[model][network]") {
    auto doc = base_network();
    doc["simulation"]["epoch"] = 0.5;
    doc["simulation"]["spike_timing"] = "step_end";
    const auto net = parse(doc).model;
    CHECK(net.settings.epoch == 0.5);
    CHECK(net.settings.timing == spike_timing::step_end);
    // Connections from sources (delays 1 to 2 ms) do not bound epochs: their spikes are known from the start.
    doc["simulation"]["epoch"] = 3;
    CHECK(error_of(doc) == "no error");
    doc["simulation"]["epoch"] = 3.5;
    CHECK(error_of(doc) == "net.json: simulation.epoch: epoch 3.5 ms is longer than the minimum delay of connections from cells, 3 ms");
    doc["simulation"].erase("epoch");
    doc["simulation"]["spike_timing"] = "late";
    CHECK(error_of(doc) == "net.json: simulation.spike_timing: unknown spike timing 'late'; known: interpolated, step_end");
}

TEST_CASE("mistakes in a network file name their place", "[model][network]") {
    auto doc = base_network();
    SECTION("populations") {
        doc["populations"][1]["cell"] = "stellate";
        CHECK(error_of(doc) == "net.json: populations[1].cell: no cell is named 'stellate'; cells: pyramidal");
        doc["populations"][1]["cell"] = "pyramidal";
        doc["populations"][1]["name"] = "ring";
        CHECK(error_of(doc) == "net.json: populations[1].name: the name 'ring' is already used by another population");
        doc["populations"][1]["name"] = "a[1]";
        CHECK(error_of(doc) == "net.json: populations[1].name: 'a[1]' is not a plain name: letters, digits, '_' and '-', not starting with a digit");
        doc["populations"][1]["name"] = "driven";
        doc["populations"][1]["count"] = 0;
        CHECK(error_of(doc) == "net.json: populations[1].count: a population has at least one member");
        doc["populations"][1]["count"] = 5;
        doc["populations"][0]["spike_detector"] = "axon";
        CHECK(error_of(doc) == "net.json: populations[0].spike_detector: 'axon' is neither a detector of the cell nor a point process of it that takes events; known: spike, syn, inh");
        doc["populations"][0].erase("spike_detector");
        doc["cells"]["pyramidal"].erase("detectors");
        CHECK(error_of(doc) == "net.json: connections[0].sources: population 'ring' sends spikes here, but its cell has no detector (or spike_detector)");
    }
    SECTION("sources") {
        doc["sources"][0]["name"] = "driven";
        CHECK(error_of(doc) == "net.json: sources[0].name: the name 'driven' is already used by another population");
        doc["sources"][0]["name"] = "kick";
        doc["sources"][0]["times"] = {3, 2};
        CHECK(error_of(doc) == "net.json: sources[0]: explicit spike source: times must be sorted: times[1] = 2 ms comes after times[0] = 3 ms");
        doc["sources"][0]["regular"] = {{"interval", 1}, {"number", 2}};
        CHECK(error_of(doc) == "net.json: sources[0].times: a source has one of regular, poisson or times, not several");
        doc["sources"][0].erase("times");
        doc["sources"][0].erase("regular");
        CHECK(error_of(doc) == "net.json: sources[0]: a source needs one of regular, poisson or times");
        doc["sources"][1]["poisson"]["stop"] = -1;
        doc["sources"][0]["times"] = {1};
        CHECK(error_of(doc) == "net.json: sources[1].poisson.stop: must not be negative, not -1");
    }
    SECTION("connections") {
        doc["connections"][0]["rule"] = "small_world";
        CHECK(error_of(doc) == "net.json: connections[0].rule: unknown rule 'small_world'; known: ring, probability, fixed_indegree, list");
        doc["connections"][0]["rule"] = "ring";
        doc["connections"][0]["ring_size"] = 3;
        CHECK(error_of(doc) == "net.json: connections[0]: the range of 8 gids is not a whole number of rings of 3");
        doc["connections"][0]["ring_size"] = 4;
        doc["connections"][0]["sources"] = "ring[2:9]";
        CHECK(error_of(doc) == "net.json: connections[0].sources: 'ring[2:9]' is past the end of 'ring', which has 8 members");
        doc["connections"][0]["sources"] = "ring[2:";
        CHECK(error_of(doc) == "net.json: connections[0].sources: 'ring[2:': expected NAME, NAME[i] or NAME[i:j]");
        doc["connections"][0]["sources"] = "rong";
        CHECK(error_of(doc) == "net.json: connections[0].sources: no population is named 'rong'; populations: ring, driven, kick, noise, clock");
        doc["connections"][0]["sources"] = "ring";
        doc["connections"][0]["synapse"] = "gaba";
        CHECK(error_of(doc) == "net.json: connections[0].synapse: the cell of population 'ring' places no point process labelled 'gaba'; labels: syn, inh");
        doc["connections"][0]["synapse"] = "syn";
        doc["connections"][0]["delay"] = 0.01;
        CHECK(error_of(doc) == "net.json: connections[0].delay: a connection from a cell needs a delay of at least dt = 0.025 ms, not 0.01 ms");
        doc["connections"][0]["delay"] = -1;
        CHECK(error_of(doc) == "net.json: connections[0].delay: must not be negative, not -1");
        doc["connections"][0]["delay"] = 4;
        doc["connections"][2]["targets"] = "noise";
        CHECK(error_of(doc) == "net.json: connections[2].targets: 'noise' is a population of spike sources; connections go to cells");
        doc["connections"][2]["targets"] = "driven";
        doc["connections"][2]["indegree"] = 7;
        CHECK(error_of(doc) == "net.json: connections[2]: in-degree 7 is larger than the 6 distinct sources a target can draw from");
        doc["connections"][2]["indegree"] = 3;
        doc["connections"][3]["probability"] = 1.5;
        CHECK(error_of(doc) == "net.json: connections[3].probability: a probability is at most 1, not 1.5");
        doc["connections"][3]["probability"] = 0.3;
        doc["connections"][1]["connections"][1]["target"] = 99;
        CHECK(error_of(doc) == "net.json: connections[1].connections[1].target: gid 99 is not in the network, which has 22 gids");
        doc["connections"][1]["connections"][1]["target"] = "kick[1]";
        CHECK(error_of(doc) == "net.json: connections[1].connections[1].target: 'kick' is a spike source; connections go to cells");
        doc["connections"][1]["connections"][1]["target"] = "ring[0:2]";
        CHECK(error_of(doc) == "net.json: connections[1].connections[1].target: 'ring[0:2]' is not one member: expected NAME[i] or a gid");
        doc["connections"][1]["connections"][1]["target"] = 4;
        doc["connections"][1]["connections"][1]["synapse"] = "gaba";
        CHECK(error_of(doc) == "net.json: connections[1].connections[1].synapse: the cell of population 'ring' places no point process labelled 'gaba'; labels: syn, inh");
        doc["connections"][1]["connections"][1]["synapse"] = "syn";
        doc["connections"][4]["connections"][0].erase("weight");
        CHECK(error_of(doc) == "net.json: connections[4].connections[0].weight: missing (required)");
        doc["connections"][4]["connections"][0]["weight"] = 0.01;
        doc["cells"]["pyramidal"]["place"].push_back({{"label", "clamp"}, {"location", "soma"}, {"mechanism", "IClamp"}});
        doc["connections"][4]["connections"][0]["synapse"] = "clamp";
        CHECK(error_of(doc) == "net.json: connections[4].connections[0].synapse: 'clamp' of population 'driven' is a IClamp, which takes no events");
    }
    SECTION("probes") {
        doc["probes"][0]["cell"] = "kick[0]";
        CHECK(error_of(doc) == "net.json: probes[0].cell: 'kick' is a spike source, which has nothing to record");
        doc["probes"][0]["cell"] = "ring[8]";
        CHECK(error_of(doc) == "net.json: probes[0].cell: 'ring[8]' is past the end of 'ring', which has 8 members");
        doc["probes"][0]["cell"] = "ring[0]";
        doc["probes"][1]["name"] = "v_ring0";
        CHECK(error_of(doc) == "net.json: probes[1].name: probe name 'v_ring0' is empty or already used");
        doc["probes"][1]["name"] = "v1";
        doc["probes"][1]["variable"] = "hh.q";
        CHECK(error_of(doc) == "net.json: probes[1].variable: 'q' is not a field of hh; known: gnabar, gkbar, gl, el, gating_vshift, m, h, n, gna, gk, ina, ik, il, minf, hinf, ninf, mtau, htau, ntau");
        doc["probes"][1]["variable"] = "v";
        doc["probes"][1]["cellz"] = 1;
        CHECK(error_of(doc) == "net.json: probes[1].cellz: unknown key; known: name, location, variable, interval, cell");
    }
    SECTION("cells") {
        doc["cells"]["pyramidal"]["paint"][0]["parameters"] = {{"gnabar", -1}};
        CHECK_THAT(error_of(doc), Catch::StartsWith("net.json: cells.pyramidal.paint[0].parameters.gnabar: "));
        doc = base_network();
        doc["cells"]["unused"] = doc["cells"]["pyramidal"];
        const auto file = parse(doc);
        REQUIRE(file.warnings.size() == 1);
        CHECK(file.warnings[0] == "net.json: cells: warning: cell 'unused' is in no population");
    }
}
