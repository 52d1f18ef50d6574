// The label language and painted formulas in model files: labels, the
// distance origin, regions and locsets as expressions, values by distance,
// point processes on several locations (groups) and probes on several
// locations, each fault reported at its JSON path and column.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include <cajal/core/simulation.hpp>
#include <cajal/io/model_file.hpp>

#include "cell_run.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;

// The test cell (tests/data/models/cells/ball_and_stick.swc): 0 soma 20 µm,
// 1 basal 200 µm, 2 apical trunk 300 µm from the soma's middle, 3 and 4 tufts
// of √9800 ≈ 99 µm. Three CVs per branch: trunk nodes at 50, 150, 250 µm.
json base_model() {
    return json::parse(R"model({
      "cell": {
        "morphology": {"file": "cells/ball_and_stick.swc"},
        "discretization": {"policy": "fixed", "per_branch": 3},
        "labels": {
          "trunk": "(tag 4)",
          "far": "(intersect trunk (distance-gt 100))",
          "tips": "(terminals trunk)"
        },
        "distance_origin": "(proximal apic)",
        "paint": [
          {"region": "all", "mechanism": "pas", "parameters": {"g": 3e-5, "e": -65}},
          {"region": "trunk", "mechanism": "pas", "parameters": {"g": "1e-5*(1 + distance/100)"}},
          {"region": "far", "cm": "1 + relative_distance"}
        ],
        "place": [
          {"label": "syn", "location": "tips", "mechanism": "ExpSyn", "parameters": {"tau": 2}}
        ]
      },
      "stimuli": [{"target": "syn", "times": [1], "weight": 0.01}],
      "probes": [
        {"name": "g", "location": "(cv-centres (branch 2))", "variable": "pas.g"},
        {"name": "g_syn", "variable": "syn[1].g"},
        {"name": "v_tips", "location": "tips", "variable": "v"}
      ],
      "simulation": {"tstop": 2, "dt": 0.025}
    })model");
}

cajal::model_file parse(const json& model) {
    return cajal::parse_model_file(model.dump(), "model.json", cajal::test::test_data("models"));
}

std::string error_of(const json& model) {
    try {
        parse(model).prepare();
    } catch (const cajal::model_file_error& e) {
        return e.what();
    }
    FAIL("the model was accepted: " << model.dump());
    return {};
}

json with(const std::string& pointer, const json& value) {
    json m = base_model();
    m[json::json_pointer(pointer)] = value;
    return m;
}

} // namespace

TEST_CASE("model files: labels, formulas, groups and probes on locsets", "[model][labels]") {
    const auto file = parse(base_model());
    CHECK(file.warnings.empty());
    const auto& cell = file.model.populations[0].cell;
    // Two tips: two synapses, syn[0] and syn[1].
    REQUIRE(cell.placed.size() == 2);
    CHECK(cell.placed[0].label == "syn[0]");
    CHECK(cell.placed[1].label == "syn[1]");
    CHECK(cell.placed[0].where.branch == 3);
    CHECK(cell.placed[1].where.x == 1);
    // The far trunk starts 100 µm up the trunk.
    REQUIRE(cell.painted_properties.size() == 1);
    CHECK(cell.painted_properties[0].region.front().branch == 2);
    CHECK(cell.painted_properties[0].region.front().x0 == Approx(1.0 / 3));
    // Probes at three CV centres and two tips.
    REQUIRE(file.model.probes.size() == 6);
    CHECK(file.model.probes[0].name == "g[0]");
    CHECK(file.model.probes[2].name == "g[2]");
    CHECK(file.model.probes[4].name == "v_tips[0]");

    const cajal::prepared_network prepared = file.prepare();
    const auto comm = cajal::make_local_communicator();
    cajal::simulation sim(prepared, *comm);
    const auto result = sim.run();
    // pas.g along the trunk: 1e-5·(1 + d/100) at d = 50, 150, 250 µm from the trunk's start.
    for (int k = 0; k < 3; ++k) {
        INFO("CV " << k);
        CHECK(result.traces[k].values.front() == Approx(1e-5 * (1.5 + k)).epsilon(1e-12));
    }
    // The stimulus reached both synapses of the group: syn[1] conducts after 1 ms.
    CHECK(result.traces[3].values.front() == 0);
    CHECK(result.traces[3].values.back() > 0);
    // Both tips depolarize alike (the tufts are mirror images).
    CHECK(result.traces[4].values.back() > -64.9);
    CHECK(result.traces[4].values.back() == Approx(result.traces[5].values.back()).epsilon(1e-9));
}

TEST_CASE("model files: label and formula faults name the JSON path and the column", "[model][labels]") {
    CHECK(error_of(with("/cell/labels/far", "(intersect trunk (distance-gt))")) ==
          "model.json: cell.labels.far: column 18: (distance-gt) takes 1 argument, not 0");
    CHECK(error_of(with("/cell/labels/loop", "(join loop soma)")) == "model.json: cell.labels.loop: column 7: label 'loop' refers to itself");
    CHECK(error_of(with("/cell/labels/soma", "(tag 1)")).starts_with("model.json: cell.labels.soma: a label's name starts with a letter"));
    CHECK(error_of(with("/cell/labels/x", 3)) == "model.json: cell.labels.x: expected a string, not a number");
    CHECK(error_of(with("/cell/paint/1/region", "(intersect trunk (distance-gt 1e3x))")) ==
          "model.json: cell.paint[1].region: column 31: expected a number");
    CHECK(error_of(with("/cell/paint/1/region", "tips")) ==
          "model.json: cell.paint[1].region: 'tips' is a locset; a region is needed here (for example (subtree tips))");
    CHECK(error_of(with("/cell/place/0/location", "trunk")) ==
          "model.json: cell.place[0].location: 'trunk' is a region; a location needs a locset, for example (proximal trunk) or (cv-centres trunk)");
    // Empty selections: warnings by default, errors by choice.
    auto empty = with("/cell/place/0/location", "(on-distance 5000 trunk)");
    empty["stimuli"] = json::array();
    empty["probes"] = json::array({{{"name", "v"}, {"location", "(terminals axon)"}, {"variable", "v"}}});
    empty["cell"]["paint"][2]["region"] = "(intersect axon trunk)";
    const auto warned = parse(empty);
    REQUIRE(warned.warnings.size() == 3);
    CHECK(warned.warnings[0] == "model.json: cell.paint[2].region: warning: region '(intersect axon trunk)' selects no part of this cell");
    CHECK(warned.warnings[1] == "model.json: cell.place[0].location: warning: the locset has no location on this cell: nothing is placed");
    CHECK(warned.warnings[2] == "model.json: probes[0].location: warning: the locset has no location on this cell: nothing is recorded");
    CHECK(warned.model.populations[0].cell.placed.empty());
    CHECK(warned.model.probes.empty());
    empty["cell"]["empty_selections"] = "error";
    CHECK(error_of(empty) ==
          "model.json: cell.paint[2].region: region '(intersect axon trunk)' selects no part of this cell (the cell's empty_selections is \"error\")");
    empty["cell"]["paint"][2]["region"] = "trunk";
    CHECK(error_of(empty) ==
          "model.json: cell.place[0].location: the locset has no location on this cell: nothing is placed (the cell's empty_selections is \"error\")");
    CHECK(error_of(with("/cell/empty_selections", "ignore")) == "model.json: cell.empty_selections: unknown 'ignore'; known: warning, error");
    CHECK(error_of(with("/cell/distance_origin", "tips")) == "model.json: cell.distance_origin: needs exactly one location; this locset has 2");
    CHECK(error_of(with("/cell/paint/1/parameters/g", "1e-5*(1 + dist/100)")) ==
          "model.json: cell.paint[1].parameters.g: column 11: unknown name 'dist'; known: distance, relative_distance, diameter; functions: exp, log, "
          "sqrt, abs, sigmoid, pow, min, max, if");
    CHECK(error_of(with("/cell/paint/1/parameters/g", "1e-5*(distance - 100)")) ==
          "model.json: cell.paint[1].parameters.g: -5e-04 at branch 2, x 0.16666666666666666 (distance 50 µm) is outside the range [0, 1e+09] of pas.g");
    CHECK(error_of(with("/cell/paint/1/parameters/g", "1/(distance - 50)")) ==
          "model.json: cell.paint[1].parameters.g: evaluates to inf at branch 2, x 0.16666666666666666 (distance 50 µm)");
    // At the CV nodes relative_distance stays below 1; as hoc's for (x), the
    // last segment of each branch takes the value at its end.
    json at_ends = with("/cell/paint/2/cm", "1 - relative_distance");
    CHECK_NOTHROW(parse(at_ends).prepare());
    at_ends["cell"]["paint"][2]["evaluate_at"] = "for_x";
    CHECK(error_of(at_ends) == "model.json: cell.paint[2].cm: evaluates to 0 at branch 3, x 1 (distance 398.99494936611666 µm); cm must be positive");
    CHECK(error_of(with("/cell/paint/1/evaluate_at", "nodes")).starts_with("model.json: cell.paint[1].evaluate_at: unknown 'nodes'; known: cv_nodes"));
    CHECK(error_of(with("/stimuli/0/target", "syn[2]")) ==
          "model.json: stimuli[0].target: the cell of population 'cell' places no point process labelled 'syn[2]'; labels: syn[...]");
}
