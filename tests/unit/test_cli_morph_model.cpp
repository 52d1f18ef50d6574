// `cajal morph MODEL.json`: the cell a model file builds, summarized under its
// own discretization, drawn coloured by a painted parameter and with its
// point processes and probes marked; run as a user runs it.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include <cajal/io/morphology_svg.hpp>
#include <cajal/morphology/morphology.hpp>

#include "cli_test_support.hpp"

using namespace cajal::test::cli;
using cajal::test::command_result;
using cajal::test::run_command;

namespace {

command_result morph(const std::string& args) { return cajal_command("morph " + args); }

const fs::path ball_and_stick = model("cells/ball_and_stick.swc");

// On ball_and_stick.swc (branch 0 the soma; branch 1 basal; branch 2 the
// apical trunk, 300 µm, joined to the soma's middle as NEURON joins an SWC
// file's dendrites; branches 3 and 4 its tuft, 70√2 µm each): pas.g rising
// with the distance from the soma's middle.
nlohmann::json graded_model() {
    return nlohmann::json::parse(R"json({
      "cell": {
        "morphology": {"file": ")json" + ball_and_stick.string() + R"json("},
        "discretization": {"policy": "fixed", "per_branch": 3},
        "paint": [
          {"region": "soma", "mechanism": "hh"},
          {"region": "apic", "mechanism": "pas", "parameters": {"g": "1e-5*(1 + distance/100)"}}
        ],
        "place": [
          {"label": "stim", "location": "soma", "mechanism": "IClamp", "parameters": {"del": 1, "dur": 1, "amp": 0.1}},
          {"label": "syn", "location": {"branch": 2, "x": 0.5}, "mechanism": "ExpSyn"}
        ]
      },
      "probes": [
        {"name": "v_soma", "location": "soma", "variable": "v"},
        {"name": "v_tuft", "location": {"branch": 3, "x": 1}, "variable": "v"},
        {"name": "i_syn", "variable": "syn.i"}
      ],
      "simulation": {"tstop": 1}
    })json");
}

} // namespace

TEST_CASE("cajal morph MODEL --colour-by draws the painted values the formula gives, and --mark the places", "[cli]") {
    scratch_dir dir("morph-model");
    const auto file = write_model(dir.path / "graded.json", graded_model());
    const auto out = dir.path / "graded.svg";
    const auto r = morph(quoted(file) + " --svg " + quoted(out) + " --colour-by pas.g --mark");
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("CV policy: the model file's cell.discretization"));

    // The drawing the library makes of the values worked out by hand: the
    // segment centres' distances from the soma's middle.
    const double none = std::numeric_limits<double>::quiet_NaN();
    const double tuft = 70 * std::sqrt(2.0);
    const auto g = [](double distance) { return 1e-5 * (1 + distance / 100); };
    cajal::svg_colour_by expected{"pas.g", "S/cm2", {}};
    expected.branches.push_back({{1.0 / 6, 0.5, 5.0 / 6}, {none, none, none}});   // soma
    expected.branches.push_back({{1.0 / 6, 0.5, 5.0 / 6}, {none, none, none}});   // basal: no pas
    expected.branches.push_back({{1.0 / 6, 0.5, 5.0 / 6}, {g(50), g(150), g(250)}});
    for (int k = 0; k < 2; ++k) expected.branches.push_back({{1.0 / 6, 0.5, 5.0 / 6}, {g(300 + tuft / 6), g(300 + tuft / 2), g(300 + 5 * tuft / 6)}});
    cajal::svg_options options;
    options.title = "graded.json, cell (xy view)";
    options.colour_by = expected;
    options.markers = {{0, 0.5, "stim"}, {2, 0.5, "syn"}, {0, 0.5, "v_soma"}, {3, 1, "v_tuft"}};
    CHECK(read_text(out) == cajal::morphology_svg(cajal::load_morphology(ball_and_stick), options));
}

TEST_CASE("cajal morph MODEL summarizes the model's cell under its discretization", "[cli]") {
    scratch_dir dir("morph-model-json");
    auto model_json = graded_model();
    model_json["cell"]["discretization"] = nlohmann::json::array({{{"region", "all"}, {"policy", "fixed"}, {"per_branch", 3}},
                                                                  {{"region", "dend"}, {"policy", "fixed"}, {"per_branch", 7}}});
    const auto file = write_model(dir.path / "graded.json", model_json);
    const auto r = run_command(std::string(CAJAL_CLI) + " morph " + quoted(file) + " --json --branches 2>/dev/null");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("policy") == nlohmann::json{{"kind", "model"}});
    CHECK(j.at("total").at("segments") == 4 * 3 + 7);
    CHECK(j.at("branch_list").at(1).at("segments") == 7);
}

TEST_CASE("cajal morph MODEL: faults of the model, the population and the options, in one line", "[cli]") {
    scratch_dir dir("morph-model-faults");
    const auto file = write_model(dir.path / "graded.json", graded_model());
    const auto svg = " --svg " + quoted(dir.path / "x.svg");
    const auto fails_with = [&](const std::string& args, const std::string& message) {
        const auto r = morph(args);
        INFO(args);
        CHECK(r.status != 0);
        CHECK_THAT(r.out, Catch::Contains(message));
        CHECK(r.out.find('\n') == r.out.size() - 1);
    };
    fails_with(quoted(file) + svg + " --colour-by pas.gbar", "--colour-by: 'gbar' is not a parameter of pas; its parameters: g, e");
    fails_with(quoted(file) + svg + " --colour-by Ih.gIhbar", "--colour-by: 'Ih.gIhbar' is neither cm nor MECHANISM.PARAMETER of a mechanism painted on the cell (painted: hh, pas)");
    fails_with(quoted(file) + " --policy fixed:3", "--policy, --Ra, --cm and --soma-tree-only are for reconstructions");
    fails_with(quoted(ball_and_stick) + svg + " --mark", "--population, --colour-by and --mark show a model file's cell");
    fails_with(quoted(model("network.json")), "the network has 2 populations; choose one with --population: ring, driven");
    fails_with(quoted(model("network.json")) + " --population cortex", "--population: no population 'cortex'; the network's: ring, driven");
    fails_with(quoted(model("bad_paint.json")), "bad_paint.json: cell.paint[");
    // Nothing is drawn where the model fails.
    CHECK(!fs::exists(dir.path / "x.svg"));
    CHECK(morph(quoted(model("network.json")) + " --population driven").status == 0);
}

TEST_CASE("cajal morph MODEL --colour-by cm shows the capacitance painted by region", "[cli]") {
    scratch_dir dir("morph-model-cm");
    auto model_json = graded_model();
    model_json["cell"]["paint"].push_back({{"region", "apic"}, {"cm", 2}});
    const auto file = write_model(dir.path / "graded.json", model_json);
    const auto out = dir.path / "cm.svg";
    REQUIRE(morph(quoted(file) + " --svg " + quoted(out) + " --colour-by cm").status == 0);
    cajal::svg_colour_by expected{"cm", "uF/cm2", {}};
    for (int b = 0; b < 5; ++b) {
        const double cm = b >= 2 ? 2 : 1;
        expected.branches.push_back({{1.0 / 6, 0.5, 5.0 / 6}, {cm, cm, cm}});
    }
    cajal::svg_options options;
    options.title = "graded.json, cell (xy view)";
    options.colour_by = expected;
    CHECK(read_text(out) == cajal::morphology_svg(cajal::load_morphology(ball_and_stick), options));
}
