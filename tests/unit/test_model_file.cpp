// Reading JSON model files: what a valid file becomes, and that every kind of
// mistake is reported with the file, the JSON path and a useful message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <cajal/core/simulation.hpp>
#include <cajal/io/model_file.hpp>
#include <cajal/morphology/discretization.hpp>

#include "cell_run.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;

// A valid model of the test cell (tests/data/models/cells/ball_and_stick.swc:
// branches 0 soma, 1 basal, 2 apical trunk, 3 and 4 apical tuft).
json base_model() {
    return json::parse(R"({
      "cell": {
        "morphology": {"file": "cells/ball_and_stick.swc"},
        "discretization": {"policy": "fixed", "per_branch": 3},
        "properties": {"cm": 1.5, "Ra": 100, "v_init": -70},
        "ions": {"na": {"reversal": 55}, "ca": {"reversal": "nernst"}},
        "paint": [
          {"region": "soma", "mechanism": "hh", "parameters": {"gnabar": 0.2}},
          {"region": "dend|apic", "mechanism": "pas", "parameters": {"g": 3e-5, "e": -65}},
          {"region": "apic", "cm": 2, "Ra": 150}
        ],
        "place": [
          {"label": "stim", "location": "soma", "mechanism": "IClamp", "parameters": {"del": 1, "dur": 2, "amp": 0.5}},
          {"label": "syn", "location": {"branch": 2, "x": 0.5}, "mechanism": "ExpSyn", "parameters": {"tau": 2}}
        ],
        "detectors": [{"name": "soma_spike", "location": "soma", "threshold": -20}]
      },
      "stimuli": [{"target": "syn", "times": [5, 10], "weight": 0.01}],
      "probes": [
        {"name": "v_soma", "location": "soma", "variable": "v", "interval": 0.1},
        {"name": "m_soma", "location": "soma", "variable": "hh.m"},
        {"name": "i_syn", "variable": "syn.i"}
      ],
      "simulation": {"tstop": 20, "dt": 0.025, "method": "crank_nicolson", "celsius": 20}
    })");
}

cajal::model_file parse(const json& model) {
    return cajal::parse_model_file(model.dump(), "model.json", cajal::test::test_data("models"));
}

// The message of the model_file_error that reading and preparing the model
// raises: the file's own checks and core's, each at its JSON path.
std::string error_of(const json& model) {
    try {
        parse(model).prepare();
    } catch (const cajal::model_file_error& e) {
        return e.what();
    }
    FAIL("the model was accepted: " << model.dump());
    return {};
}

std::string syntax_error_of(const std::string& text) {
    try {
        cajal::parse_model_file(text, "model.json", cajal::test::test_data("models"));
    } catch (const cajal::model_file_error& e) {
        return e.what();
    }
    FAIL("the text was accepted: " << text);
    return {};
}

// base_model() with the value at a JSON pointer replaced (or added).
json with(const std::string& pointer, const json& value) {
    json m = base_model();
    m[json::json_pointer(pointer)] = value;
    return m;
}

json without(const std::string& pointer) {
    json m = base_model();
    const json::json_pointer p(pointer);
    m[p.parent_pointer()].erase(p.back());
    return m;
}

} // namespace

TEST_CASE("a model file becomes the network of the one cell it describes", "[model]") {
    const auto file = parse(base_model());
    CHECK(file.single_cell);
    REQUIRE(file.model.populations.size() == 1);
    CHECK(file.model.populations[0].name == "cell");
    CHECK(file.model.populations[0].count == 1);
    const cajal::cell_model& m = file.model.populations[0].cell;
    CHECK(file.warnings.empty());
    REQUIRE(m.morph.num_branches() == 5);
    CHECK(m.segments == std::vector<int>(5, 3));
    CHECK(m.properties.cm == 1.5);
    CHECK(m.properties.Ra == 100);
    CHECK(m.properties.v_init == -70);
    CHECK(m.ions.at("na").reversal == 55);
    CHECK_FALSE(m.ions.at("na").nernst);
    CHECK(m.ions.at("ca").nernst);
    CHECK(m.ions.at("k").reversal == cajal::default_ions().at("k").reversal);

    REQUIRE(m.painted.size() == 2);
    CHECK(m.painted[0].mechanism == "hh");
    CHECK(m.painted[0].region.size() == 1);
    CHECK(m.painted[0].parameters.at("gnabar").evaluate({}) == 0.2);
    CHECK(m.painted[1].region.size() == 4);
    REQUIRE(m.painted_properties.size() == 1);
    CHECK(m.painted_properties[0].cm->evaluate({}) == 2);
    CHECK(m.painted_properties[0].Ra == 150);
    CHECK(m.painted_properties[0].region.size() == 3);

    REQUIRE(m.placed.size() == 2);
    CHECK(m.placed[0].where.branch == 0);
    CHECK(m.placed[0].where.x == 0.5);
    CHECK(m.placed[1].label == "syn");
    CHECK(m.placed[1].where.branch == 2);
    CHECK(m.placed[1].parameters.at("tau") == 2);
    REQUIRE(m.detectors.size() == 1);
    CHECK(m.detectors[0].threshold == -20);
    // The stimulus is a source of explicit times (gid 1), connected with delay 0 to its target.
    const auto& net = file.model;
    REQUIRE(net.sources.size() == 1);
    CHECK(std::get<cajal::explicit_spikes>(net.sources[0].spec).times == std::vector<double>{5, 10});
    REQUIRE(net.connections.size() == 1);
    const auto in = cajal::incoming_connections(net.connections, 0);
    REQUIRE(in.size() == 1);
    CHECK(in[0].source == 1);
    CHECK(in[0].synapse == "syn");
    CHECK(in[0].weight == 0.01);
    CHECK(in[0].delay == 0);
    REQUIRE(net.probes.size() == 3);
    CHECK(net.probes[0].gid == 0);
    CHECK(net.probes[0].interval == 0.1);
    CHECK(net.probes[1].interval == 0);
    CHECK(net.probes[2].variable == "syn.i");
    CHECK_FALSE(net.probes[2].where);
    CHECK(net.settings.tstop == 20);
    CHECK(net.settings.celsius == 20);
    CHECK(net.settings.method == cajal::integration_method::crank_nicolson);

    // Core checks the rest when the network is prepared.
    CHECK_NOTHROW(file.prepare());
}

TEST_CASE("a minimal model file takes NEURON's defaults", "[model]") {
    const json minimal = {{"cell", {{"morphology", {{"file", "cells/ball_and_stick.swc"}}}}}};
    const auto net = parse(minimal).model;
    const auto& m = net.populations.at(0).cell;
    CHECK(m.segments == std::vector<int>(5, 1));
    CHECK(m.properties.cm == 1);
    CHECK(m.properties.Ra == 35.4);
    CHECK(m.properties.v_init == -65);
    CHECK(net.settings.celsius == 6.3);
    CHECK(net.settings.dt == 0.025);
    CHECK(net.settings.tstop == 100);
    CHECK(net.settings.method == cajal::integration_method::backward_euler);
    CHECK(net.settings.backend == cajal::backend_kind::automatic);
    CHECK(net.settings.timing == cajal::spike_timing::interpolated);
    CHECK(m.ions.size() == cajal::default_ions().size());
    CHECK(m.painted.empty());
    CHECK(net.probes.empty());
    CHECK(net.sources.empty());
}

TEST_CASE("discretization policies give the segments of the morphology library", "[model]") {
    const auto m = parse(base_model()).model.populations[0].cell.morph;
    SECTION("d_lambda uses the model's cm and Ra") {
        auto model = with("/cell/discretization", {{"policy", "d_lambda"}, {"frequency", 1000}, {"d_lambda", 0.02}});
        const auto thin = parse(model).model.populations[0].cell.segments;
        CHECK(thin == cajal::segments_per_branch(m, cajal::cv_policy::lambda_rule(1000, 0.02, 100, 1.5)));
        model["cell"]["properties"]["Ra"] = 10;
        const auto thick = parse(model).model.populations[0].cell.segments;
        CHECK(thick == cajal::segments_per_branch(m, cajal::cv_policy::lambda_rule(1000, 0.02, 10, 1.5)));
        CHECK(thick != thin);
    }
    SECTION("max_length") {
        const auto segments = parse(with("/cell/discretization", {{"policy", "max_length"}, {"max_length", 20}})).model.populations[0].cell.segments;
        CHECK(segments == cajal::segments_per_branch(m, cajal::cv_policy::max_extent(20)));
        CHECK(segments[1] == 11);   // the 200 µm basal dendrite
    }
    SECTION("a setting of another policy is an error") {
        CHECK(error_of(with("/cell/discretization/frequency", 10)) ==
              "model.json: cell.discretization.frequency: not a setting of policy 'fixed'; its settings: per_branch");
        CHECK(error_of(with("/cell/discretization/policy", "uniform")) ==
              "model.json: cell.discretization.policy: unknown policy 'uniform'; known: fixed, max_length, d_lambda, per_length");
        CHECK(error_of(with("/cell/discretization/per_branch", 0)) ==
              "model.json: cell.discretization.per_branch: must be at least 1 (and fit an int), not 0");
    }
}

TEST_CASE("ions may be changed and added", "[model]") {
    const auto ions = parse(with("/cell/ions/cl", {{"valence", -1}, {"reversal", -80}})).model.populations[0].cell.ions;
    CHECK(ions.at("cl").valence == -1);
    CHECK(ions.at("cl").reversal == -80);
    CHECK(error_of(with("/cell/ions/cl", {{"reversal", -80}})) == "model.json: cell.ions.cl.valence: missing (required)");
    CHECK(error_of(with("/cell/ions/ca/reversal", "ghk")) ==
          "model.json: cell.ions.ca.reversal: expected a number (mV) or \"nernst\", not \"ghk\"");
    CHECK(error_of(with("/cell/ions/ca/internal", 0)) == "model.json: cell.ions.ca.internal: must be positive, not 0");
}

TEST_CASE("JSON syntax errors give line and column", "[model]") {
    // The column counts characters: "µ" is two bytes but one column.
    CHECK(syntax_error_of("{\n  \"cell\": {\"µ\": tru}\n}").starts_with("model.json:2:20: invalid JSON: syntax error while parsing value"));
    CHECK(syntax_error_of("{\n  \"a\": 1,}\n") ==
          "model.json:2:10: invalid JSON: syntax error while parsing object key - unexpected '}'; expected string literal");
    CHECK(syntax_error_of("").starts_with("model.json:1:1: invalid JSON: "));
    CHECK(syntax_error_of("{\"a\": 1").starts_with("model.json:1:8: invalid JSON: "));
}

TEST_CASE("a key twice in one object is an error naming both places", "[model]") {
    // Line and column of the second occurrence, the object's path, and where the first is.
    CHECK(syntax_error_of("{\n  \"simulation\": {\"tstop\": 20, \"dt\": 0.025, \"tstop\": 30}\n}") ==
          "model.json:2:44: duplicated key 'tstop' in simulation (first at 2:18)");
    CHECK(syntax_error_of("{\"cell\": {},\n \"cell\": {}}") ==
          "model.json:2:2: duplicated key 'cell' in the top-level object (first at 1:2)");
    // A third occurrence is not reached: the second is the error, the first is named.
    CHECK(syntax_error_of("{\"a\": 1, \"b\": 2, \"a\": 3, \"a\": 4}") ==
          "model.json:1:18: duplicated key 'a' in the top-level object (first at 1:2)");
}

TEST_CASE("duplicated keys are found in nested objects and in arrays of objects", "[model]") {
    CHECK(syntax_error_of("{\"probes\": [{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": \"c\", \"name\": \"d\"}]}") ==
          "model.json:1:57: duplicated key 'name' in probes[2] (first at 1:44)");
    CHECK(syntax_error_of("{\"cell\": {\"paint\": [{}, {\"parameters\": {\"g\": 1, \"g\": 2}}]}}") ==
          "model.json:1:49: duplicated key 'g' in cell.paint[1].parameters (first at 1:41)");
    CHECK(syntax_error_of("[[{}, {\"x\": [], \"x\": {}}]]") ==
          "model.json:1:17: duplicated key 'x' in [0][1] (first at 1:8)");
    // Equal keys in different objects, and in objects that follow each other, are fine.
    CHECK_NOTHROW(parse(base_model()));
    CHECK_THAT(syntax_error_of("{\"a\": {\"x\": 1}, \"b\": {\"x\": 1}, \"c\": [{\"x\": 1}, {\"x\": 1}]}"),
               !Catch::Contains("duplicated"));
}

TEST_CASE("duplicated keys are compared after decoding escapes", "[model]") {
    CHECK(syntax_error_of("{\"simulation\": {\"tstop\": 1, \"\\u0074stop\": 2}}") ==
          "model.json:1:29: duplicated key 'tstop' in simulation (first at 1:17)");
    CHECK(syntax_error_of("{\"a/b\": 1, \"a\\/b\": 2}") ==
          "model.json:1:12: duplicated key 'a/b' in the top-level object (first at 1:2)");
    // U+1F600 as a surrogate pair and as UTF-8; columns count characters, not bytes.
    CHECK(syntax_error_of("{\"\\ud83d\\ude00\": 1, \"😀\": 2}") ==
          "model.json:1:21: duplicated key '😀' in the top-level object (first at 1:2)");
    CHECK(syntax_error_of("{\"µ\": 1, \"µ\": 2}") ==
          "model.json:1:10: duplicated key 'µ' in the top-level object (first at 1:2)");
    // Quotes, braces and escaped quotes inside strings are not structure.
    CHECK_THAT(syntax_error_of("{\"a\": \"{\\\"a\\\": 1, \\\"a\\\": 2}\", \"b\\\"\": [\"}\", \"{\"], \"b\\\"\": 0}"),
               Catch::Equals("model.json:1:50: duplicated key 'b\"' in the top-level object (first at 1:31)"));
}

TEST_CASE("duplicated keys are found at any depth without recursion", "[model]") {
    constexpr std::size_t depth = 200000;
    std::string text;
    for (std::size_t i = 0; i < depth; ++i) text += "{\"a\":";
    text += "{\"b\": 1, \"b\": 2}";
    text.append(depth, '}');
    std::string path = "a";
    for (std::size_t i = 1; i < depth; ++i) path += ".a";
    const std::size_t first = 5 * depth + 2;
    CHECK(syntax_error_of(text) == "model.json:1:" + std::to_string(first + 8) + ": duplicated key 'b' in " + path +
                                       " (first at 1:" + std::to_string(first) + ")");
}

TEST_CASE("unknown keys are reported at every level with the known ones", "[model]") {
    CHECK(error_of(with("/cellz", 1)) == "model.json: cellz: unknown key; known: data_hint, nmodl, cell, stimuli, probes, simulation, study");
    CHECK(error_of(with("/cell/paints", 1)) ==
          "model.json: cell.paints: unknown key; known: morphology, discretization, properties, ions, labels, distance_origin, empty_selections, paint, place, detectors");
    CHECK(error_of(with("/cell/morphology/path", 1)) == "model.json: cell.morphology.path: unknown key; known: file, soma_tree_only, keep_types, replace_axon");
    CHECK(error_of(with("/cell/properties/Rm", 1)) == "model.json: cell.properties.Rm: unknown key; known: cm, Ra, v_init");
    CHECK(error_of(with("/cell/ions/na/conc", 1)) ==
          "model.json: cell.ions.na.conc: unknown key; known: internal, external, reversal, valence");
    CHECK(error_of(with("/cell/paint/1/mechansim", "pas")) ==
          "model.json: cell.paint[1].mechansim: unknown key; known: region, mechanism, parameters, cm, Ra, evaluate_at");
    CHECK(error_of(with("/cell/place/0/where", 1)) ==
          "model.json: cell.place[0].where: unknown key; known: label, location, mechanism, parameters, play");
    CHECK(error_of(with("/cell/place/1/location/y", 1)) == "model.json: cell.place[1].location.y: unknown key; known: branch, x");
    CHECK(error_of(with("/cell/detectors/0/thresh", 1)) ==
          "model.json: cell.detectors[0].thresh: unknown key; known: name, location, threshold");
    CHECK(error_of(with("/stimuli/0/delay", 1)) == "model.json: stimuli[0].delay: unknown key; known: target, weight, times, regular, poisson");
    CHECK(error_of(with("/probes/2/every", 1)) == "model.json: probes[2].every: unknown key; known: name, location, variable, interval");
    CHECK(error_of(with("/simulation/t_stop", 1)) ==
          "model.json: simulation.t_stop: unknown key; known: tstop, dt, method, celsius, backend, spike_timing, epoch, threads");
}

TEST_CASE("wrong types and missing keys are reported with their path", "[model]") {
    CHECK(error_of(json::array()) == "model.json: expected an object, not an array");
    CHECK(error_of(with("/simulation/dt", "small")) == "model.json: simulation.dt: expected a number, not a string");
    CHECK(error_of(with("/cell/paint", json::object())) == "model.json: cell.paint: expected an array, not an object");
    CHECK(error_of(with("/cell/morphology/file", 3)) == "model.json: cell.morphology.file: expected a string, not a number");
    CHECK(error_of(with("/cell/morphology/soma_tree_only", "yes")) ==
          "model.json: cell.morphology.soma_tree_only: expected true or false, not a string");
    CHECK(error_of(with("/stimuli/0/times/1", nullptr)) == "model.json: stimuli[0].times[1]: expected a number, not null");
    CHECK(error_of(without("/cell")) == "model.json: cell: missing (required)");
    CHECK(error_of(without("/cell/morphology/file")) == "model.json: cell.morphology.file: missing (required)");
    CHECK(error_of(without("/cell/place/1/label")) == "model.json: cell.place[1].label: missing (required)");
    CHECK(error_of(without("/probes/0/variable")) == "model.json: probes[0].variable: missing (required)");
    CHECK(error_of(without("/probes/0/location")) == "model.json: probes[0].location: 'v' is read at a location; give one");
    CHECK(error_of(with("/cell/paint/2", {{"region", "apic"}})) ==
          "model.json: cell.paint[2]: nothing to paint; give a mechanism, cm or Ra");
    CHECK(error_of(with("/cell/paint/2/parameters", {{"g", 1}})) ==
          "model.json: cell.paint[2].parameters: parameters need a mechanism in the same entry");
}

TEST_CASE("unknown mechanisms and parameters list the known ones", "[model]") {
    CHECK(error_of(with("/cell/paint/0/mechanism", "kdr")) ==
          "model.json: cell.paint[0].mechanism: unknown mechanism 'kdr'; known: CaDecay, Exp2Syn, ExpSyn, IClamp, Kv3st, SEClamp, hh, pas");
    CHECK(error_of(with("/cell/paint/0/parameters/gnbar", 0.1)) ==
          "model.json: cell.paint[0].parameters.gnbar: unknown parameter of hh; known: gnabar, gkbar, gl, el, gating_vshift");
    CHECK(error_of(with("/cell/place/0/parameters/delay", 1)) ==
          "model.json: cell.place[0].parameters.delay: unknown parameter of IClamp; known: del, dur, amp");
}

TEST_CASE("simulation.backend chooses where the run steps", "[model]") {
    CHECK(parse(with("/simulation/backend", "cpu")).model.settings.backend == cajal::backend_kind::cpu);
    CHECK(parse(with("/simulation/backend", "gpu")).model.settings.backend == cajal::backend_kind::gpu);
    CHECK(parse(with("/simulation/backend", "auto")).model.settings.backend == cajal::backend_kind::automatic);
    CHECK(parse(base_model()).model.settings.backend == cajal::backend_kind::automatic);
    CHECK(error_of(with("/simulation/backend", "cuda")) == "model.json: simulation.backend: unknown backend 'cuda'; known: cpu, gpu, auto");
    CHECK(error_of(with("/simulation/backend", "CPU")) == "model.json: simulation.backend: unknown backend 'CPU'; known: cpu, gpu, auto");
    CHECK(error_of(with("/simulation/backend", true)) == "model.json: simulation.backend: expected a string, not a boolean");
}

TEST_CASE("values out of range are rejected", "[model]") {
    CHECK(error_of(with("/cell/paint/0/parameters/gnabar", -1)) ==
          "model.json: cell.paint[0].parameters.gnabar: -1 is outside the range [0, 1e+09] of hh.gnabar");
    CHECK(error_of(with("/cell/place/1/parameters/tau", 0)) ==
          "model.json: cell.place[1].parameters.tau: 0 is outside the range [1e-09, 1e+09] of ExpSyn.tau");
    CHECK(error_of(with("/simulation/dt", 0)) == "model.json: simulation.dt: must be positive, not 0");
    CHECK(error_of(with("/simulation/tstop", -1)) == "model.json: simulation.tstop: must not be negative, not -1");
    CHECK(error_of(with("/cell/properties/Ra", 0)) == "model.json: cell.properties.Ra: must be positive, not 0");
    CHECK(error_of(with("/cell/properties/cm", -1)) == "model.json: cell.properties.cm: must be positive, not -1");
    CHECK(error_of(with("/cell/paint/2/cm", 0)) == "model.json: cell.paint[2].cm: must be positive, not 0");
    CHECK(error_of(with("/probes/0/interval", 0.03)) ==
          "model.json: probes[0].interval: 0.03 ms is not a whole multiple of dt = 0.025 ms");
    CHECK(error_of(with("/probes/0/interval", 0.01)) ==
          "model.json: probes[0].interval: 0.01 ms is not a whole multiple of dt = 0.025 ms");
    CHECK(error_of(with("/stimuli/0/times/0", -5)) == "model.json: stimuli[0].times[0]: must not be negative, not -5");
    CHECK(error_of(with("/simulation/celsius", -300)) == "model.json: simulation.celsius: -300 °C is not above absolute zero");
    // The temperature is the whole simulation's.
    CHECK(error_of(with("/cell/properties/celsius", 20)) ==
          "model.json: cell.properties.celsius: the temperature is the whole simulation's: give it as simulation.celsius");
}

TEST_CASE("regions and locations must exist on the cell", "[model]") {
    CHECK(error_of(with("/cell/paint/0/region", "basal")).starts_with(
        "model.json: cell.paint[0].region: unknown name 'basal'; regions: all, soma, axon, dend, apic, type:N"));
    CHECK(error_of(with("/cell/paint/0/region", "(intersect soma (tag 3")) == "model.json: cell.paint[0].region: column 17: this '(' is never closed");
    CHECK(error_of(with("/cell/paint/0/region", "(distance-gt soma)")) == "model.json: cell.paint[0].region: column 14: expected a number");
    CHECK(error_of(with("/cell/place/1/location/branch", 9)) ==
          "model.json: cell.place[1].location: location on branch 9: no such branch (the morphology has 5)");
    CHECK(error_of(with("/cell/place/1/location/x", 1.5)) ==
          "model.json: cell.place[1].location: location on branch 2: relative position x = 1.5 is outside [0, 1]");
    CHECK(error_of(with("/cell/place/1/location/branch", -1)) ==
          "model.json: cell.place[1].location.branch: expected a whole number of at least 0, not -1");
    CHECK(error_of(with("/cell/detectors/0/location", "sample:99")) ==
          "model.json: cell.detectors[0].location: location 'sample:99': no sample with id 99 (in an SWC file a sample's id, in an ASC file a point's line)");
    CHECK(error_of(with("/probes/0/location", "axon")) ==
          "model.json: probes[0].location: 'axon' is a region; a location needs a locset, for example (proximal axon) or (cv-centres axon)");
    CHECK(error_of(with("/cell/detectors/0/location", "(terminals)")) == "model.json: cell.detectors[0].location: needs exactly one location; this locset has 3");
    CHECK(error_of(with("/cell/detectors/0/location", "(location 7 0.5)")) ==
          "model.json: cell.detectors[0].location: column 1: location on branch 7: no such branch (the morphology has 5)");
    CHECK(error_of(with("/probes/0/location", 3)).starts_with("model.json: probes[0].location: expected a location: "));

    const auto file = parse(with("/cell/paint/2/region", "axon"));
    REQUIRE(file.warnings.size() == 1);
    CHECK(file.warnings[0] == "model.json: cell.paint[2].region: warning: region 'axon' selects no part of this cell");
}

TEST_CASE("mechanisms go where their kind belongs", "[model]") {
    CHECK(error_of(with("/cell/paint/0/mechanism", "IClamp")) ==
          "model.json: cell.paint[0].mechanism: IClamp is a point process: place it, do not paint it");
    CHECK(error_of(with("/cell/place/0/mechanism", "pas")) ==
          "model.json: cell.place[0].mechanism: pas is a density mechanism: paint it, do not place it");
    CHECK(error_of(with("/cell/place/1/label", "stim")) ==
          "model.json: cell.place[1].label: label 'stim' is already used by another placed point process");
    CHECK(error_of(with("/cell/place/1/label", "hh")) ==
          "model.json: cell.place[1].label: label 'hh' is also a mechanism's name; choose another");
    CHECK(error_of(with("/cell/detectors/1", {{"name", "soma_spike"}, {"location", "soma"}})) ==
          "model.json: cell.detectors[1].name: detector 'soma_spike' is already defined");
}

TEST_CASE("probes must read a variable that exists where they look", "[model]") {
    CHECK(error_of(with("/probes/1/variable", "hh.q")) ==
          "model.json: probes[1].variable: 'q' is not a field of hh; known: gnabar, gkbar, gl, el, gating_vshift, m, h, n, gna, gk, ina, ik, il, minf, hinf, ninf, mtau, htau, ntau");
    CHECK(error_of(with("/probes/2/variable", "syn.m")) ==
          "model.json: probes[2].variable: 'm' is not a field of ExpSyn; known: tau, e, g, i");
    CHECK(error_of(with("/probes/1/variable", "kdr.n")) ==
          "model.json: probes[1].variable: 'kdr' is neither a placed label (labels: stim, syn) nor a painted mechanism (painted: hh, pas)");
    CHECK(error_of(with("/probes/1/variable", "vm")) ==
          "model.json: probes[1].variable: unknown variable 'vm'; known forms: v, i_membrane, i_cap, an ion's concentrations, reversal potential "
          "and current (cai, cao, eca, ica, ...), MECHANISM.FIELD, LABEL.FIELD");
    CHECK(error_of(with("/probes/1/location", {{"branch", 1}, {"x", 0.5}})) ==
          "model.json: probes[1].variable: hh is not painted at (branch 1, x 0.5)");
    CHECK(error_of(with("/probes/2/location", "soma")) ==
          "model.json: probes[2].location: 'syn' is read where it is placed; remove the location");
    CHECK(error_of(with("/probes/2/name", "v_soma")) == "model.json: probes[2].name: probe name 'v_soma' is empty or already used");
}

TEST_CASE("probes record each ion's current, the membrane current and its capacitive part, per CV, in stated units", "[model]") {
    json m = base_model();
    m["simulation"]["tstop"] = 1;
    const std::vector<std::pair<const char*, const char*>> recorded{
        {"ina", "mA/cm2"}, {"ik", "mA/cm2"}, {"ica", "mA/cm2"}, {"i_cap", "mA/cm2"}, {"i_membrane", "nA"}};
    m["probes"] = json::array();
    for (const auto& [variable, units]: recorded) m["probes"].push_back({{"name", variable}, {"location", "soma"}, {"variable", variable}});
    // The membrane current is a CV's, membrane or not: here the basal dendrite's zero-area end node.
    m["probes"].push_back({{"name", "tip"}, {"location", {{"branch", 1}, {"x", 1}}}, {"variable", "i_membrane"}});
    const auto file = parse(m);
    const auto r = cajal::test::simulate(file.model);
    REQUIRE(r.traces.size() == recorded.size() + 1);
    for (std::size_t k = 0; k < recorded.size(); ++k) {
        INFO(recorded[k].first);
        CHECK(r.traces[k].name == recorded[k].first);
        CHECK(r.traces[k].units == recorded[k].second);
        CHECK(r.traces[k].values.size() == 41);
    }
    CHECK(r.traces.back().units == "nA");
    // hh writes sodium and potassium currents; nothing writes calcium's.
    CHECK(r.traces[0].values[0] < 0);
    CHECK(r.traces[1].values[0] > 0);
    CHECK(std::all_of(r.traces[2].values.begin(), r.traces[2].values.end(), [](double x) { return x == 0; }));
}

TEST_CASE("probes of currents need a location, and densities a node with membrane", "[model]") {
    for (const char* variable: {"ina", "ik", "ica", "i_membrane", "i_cap"}) {
        json m = with("/probes/0/variable", variable);
        m["probes"][0].erase("location");
        CHECK(error_of(m) == std::string("model.json: probes[0].location: '") + variable + "' is read at a location; give one");
    }
    for (const char* variable: {"ina", "ica", "i_cap"}) {
        json m = with("/probes/0/variable", variable);
        m["probes"][0]["location"] = {{"branch", 1}, {"x", 1}};
        CHECK(error_of(m) == std::string("model.json: probes[0].location: '") + variable +
                                 "' is per membrane area, and (branch 1, x 1) is a node without membrane; record it inside a segment");
    }
    // An ion the network does not have is no variable at all.
    CHECK(error_of(with("/probes/0/variable", "img")) ==
          "model.json: probes[0].variable: unknown variable 'img'; known forms: v, i_membrane, i_cap, an ion's concentrations, reversal potential "
          "and current (cai, cao, eca, ica, ...), MECHANISM.FIELD, LABEL.FIELD");
    // The mechanism's own share stays MECHANISM.FIELD.
    CHECK_NOTHROW(parse(with("/probes/1/variable", "hh.ina")).prepare());
}

TEST_CASE("stimuli must target a placed process that takes events", "[model]") {
    CHECK(error_of(with("/stimuli/0/target", "syn2")) ==
          "model.json: stimuli[0].target: the cell of population 'cell' places no point process labelled 'syn2'; labels: stim, syn");
    CHECK(error_of(with("/stimuli/0/target", "stim")) ==
          "model.json: stimuli[0].target: 'stim' of population 'cell' is a IClamp, which takes no events");
}

TEST_CASE("morphology errors pass the SWC message through", "[model]") {
    const auto bad = error_of(with("/cell/morphology/file", "cells/missing_parent.swc"));
    CHECK(bad.starts_with("model.json: cell.morphology.file: cells/missing_parent.swc:5: "));
    CHECK(bad.find('\n') == std::string::npos);
    const auto absent = error_of(with("/cell/morphology/file", "cells/absent.swc"));
    CHECK(absent.starts_with("model.json: cell.morphology.file: "));
    CHECK(absent.ends_with("cells/absent.swc: cannot read the morphology: no such file"));
}

TEST_CASE("read_model_file names the file as given and finds the morphology beside it", "[model]") {
    const auto path = cajal::test::test_data("models/hh_soma.json");
    CHECK(cajal::read_model_file(path).model.populations[0].cell.morph.num_branches() == 5);
    try {
        cajal::read_model_file(cajal::test::test_data("models/bad_syntax.json"));
        FAIL("a file with a syntax error was accepted");
    } catch (const cajal::model_file_error& e) {
        CHECK(std::string(e.what()).starts_with(cajal::test::test_data("models/bad_syntax.json").string() + ":3:55: invalid JSON: "));
    }
    CHECK_THROWS_WITH(cajal::read_model_file("no/such/model.json"), "no/such/model.json: cannot read the model file: no such file");
}

TEST_CASE("runs that cannot be counted, or that end between steps, are refused before any work", "[model]") {
    auto m = base_model();
    m["simulation"]["tstop"] = 1e300;
    CHECK(error_of(m) == "model.json: simulation.tstop: tstop/dt is 4e+301 steps; at most 2^53 can be counted");
    m = base_model();
    m["simulation"]["dt"] = 0.3;
    m["simulation"]["tstop"] = 1;
    m["probes"] = json::array();
    CHECK(error_of(m) == "model.json: simulation.tstop: tstop = 1 ms is not a whole number of steps of dt = 0.3 ms "
                         "(3.3333333333333335 steps); make it 0.8999999999999999 or 1.2 ms, or change dt");
    m["simulation"]["tstop"] = 1.2;
    CHECK_NOTHROW(parse(m).prepare());
}

TEST_CASE("stimuli of every kind and spike timing are read, their faults at their path", "[model]") {
    CHECK(error_of(with("/stimuli/0/times", {10, 5})) ==
          "model.json: stimuli[0]: explicit spike source: times must be sorted: times[1] = 5 ms comes after times[0] = 10 ms");
    CHECK(error_of(with("/simulation/spike_timing", "late")) ==
          "model.json: simulation.spike_timing: unknown spike timing 'late'; known: interpolated, step_end");
    CHECK(parse(with("/simulation/spike_timing", "step_end")).model.settings.timing == cajal::spike_timing::step_end);
    // Regular and Poisson sources drive a single cell as they drive a network.
    auto m = base_model();
    m["stimuli"][0].erase("times");
    m["stimuli"][0]["poisson"] = {{"rate", 50}, {"seed", 3}};
    const auto file = parse(m);
    CHECK(std::holds_alternative<cajal::poisson_spikes>(file.model.sources.at(0).spec));
    CHECK_NOTHROW(file.prepare());
}
