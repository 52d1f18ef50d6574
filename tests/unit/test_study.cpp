// Studies (docs/studies.md): every (variant, protocol run) is a member of one
// population, so each must run exactly as the same cell built on its own with
// the variant's values and the step's clamp; features are eFEL's on those
// traces; the rheobase search brackets the threshold; faults name their path.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include <cajal/analysis/features.hpp>
#include <cajal/core/communicator.hpp>
#include <cajal/core/simulation.hpp>
#include <cajal/io/model_file.hpp>
#include <cajal/io/study_output.hpp>
#include <cajal/study/study_features.hpp>
#include <cajal/study/study_run.hpp>

#include "cli_test_support.hpp"
#include "test_support.hpp"

using namespace cajal;
using nlohmann::json;

namespace {

json study_model() { return json::parse(test::cli::read_text(test::cli::model("study_hh.json"))); }

model_file parse(const json& model) { return parse_model_file(model.dump(), "study.json", test::test_data("models")); }

std::string error_of(const json& model, std::size_t max_variants = 1000) {
    try {
        parse_model_file(model.dump(), "study.json", test::test_data("models"), builtin_catalogue(), {{}, {}, max_variants}).prepare();
    } catch (const model_file_error& e) {
        return e.what();
    }
    FAIL("the study was accepted");
    return {};
}

// The control cell with the variant's values written into it, a clamp of
// `amp` nA from `delay` for `duration` at the soma, and v there every 0.05 ms.
trace alone(const study& s, std::size_t variant, double amp, double delay, double duration) {
    cell_model cell = s.cell;
    for (auto& painted: cell.painted) {
        if (painted.mechanism != "hh") continue;
        if (s.variants[variant].name == "NaV 60%") painted.parameters["gnabar"] = 0.12 * 0.6;
        if (s.variants[variant].name == "Kdr up") painted.parameters["gkbar"] = 0.05;
        if (s.variants[variant].name == "Na shift -5") painted.parameters["gating_vshift"] = -5;
    }
    cell.placed.push_back({"clamp", s.recording.where, "IClamp", {{"amp", amp}, {"del", delay}, {"dur", duration}}});
    network net = single_cell_network(cell, {}, {{0, "v", s.recording.where, "v", 0.05}}, s.settings);
    auto comm = make_local_communicator();
    return simulation(prepared_network(net, builtin_catalogue()), *comm).run().traces.at(0);
}

bool fires(const study& s, std::size_t variant, double amp) {
    const auto& r = std::get<rheobase_protocol>(s.protocols[1].kind);
    const trace v = alone(s, variant, amp, r.delay, r.duration);
    for (std::size_t i = 1; i < v.values.size(); ++i) {
        if (v.times[i] >= r.delay && v.times[i] <= r.delay + r.duration && v.values[i - 1] < s.recording.threshold && v.values[i] >= s.recording.threshold) return true;
    }
    return false;
}

} // namespace

TEST_CASE("every run of a study is the cell built alone with its variant's values and its step", "[study]") {
    const model_file file = parse(study_model());
    REQUIRE(file.study);
    const study& s = *file.study;
    REQUIRE(s.variants.size() == 4);
    const study_results results = run_study(s, file.catalogue);
    REQUIRE(results.runs.size() == 4 * 4);
    CHECK(results.simulations >= 2);   // the steps in one; the rheobase in rounds
    for (const auto& r: results.runs) {
        INFO("variant " << s.variants[r.run.variant].name << ", " << r.run.amplitude << " nA");
        const trace reference = alone(s, r.run.variant, r.run.amplitude, 20, 100);
        REQUIRE(r.v.values.size() == reference.values.size());
        // The same arithmetic; only the SIMD lane an instance falls in differs.
        CHECK(test::max_difference(r.v.values, reference.values) < 1e-9);
    }
    // Features are eFEL's (cajal_analysis) of those traces: Spikecount here.
    const auto rows = study_features(s, results);
    std::size_t checked = 0;
    for (const auto& row: rows) {
        if (row.feature != "Spikecount" || !row.stimulus) continue;
        const trace reference = alone(s, row.variant, *row.stimulus, 20, 100);
        const auto theirs = analysis::compute("Spikecount", {reference.times, reference.values, 20, 120, *row.stimulus});
        REQUIRE(row.value);
        CHECK(*row.value == theirs.mean());
        ++checked;
    }
    CHECK(checked == 16);
    // The variants differ where they should: less sodium, fewer spikes at 0.5 nA.
    const auto spikes = [&](std::size_t variant, double amp) {
        for (const auto& r: results.runs) {
            if (r.run.variant == variant && r.run.amplitude == amp) return r.spikes_in_step();
        }
        return std::size_t(0);
    };
    CHECK(spikes(0, 0.5) > 0);
    CHECK(spikes(1, 1.0) < spikes(0, 1.0));
}

TEST_CASE("the rheobase search brackets the smallest step that fires, within the tolerance, every variant together", "[study]") {
    const model_file file = parse(study_model());
    const study& s = *file.study;
    const study_results results = run_study(s, file.catalogue);
    REQUIRE(results.rheobases.size() == 4);
    for (const auto& r: results.rheobases) {
        INFO("variant " << s.variants[r.variant].name);
        REQUIRE(r.rheobase);
        CHECK(r.high - r.low <= 0.01);
        CHECK(r.rounds == 8);   // 1 / 2^7 > 0.01 >= 1 / 2^8: the ends, then 7 halvings
        CHECK(fires(s, r.variant, r.high));
        CHECK_FALSE(fires(s, r.variant, r.low));
    }
    // Shifting the sodium gates' voltage lowers the threshold.
    CHECK(*results.rheobases[3].rheobase < *results.rheobases[0].rheobase);
}

TEST_CASE("a grid makes the cartesian product of its axes, named by their values", "[study]") {
    json model = study_model();
    model["study"]["grid"] = json::array({{{"mechanism", "hh"}, {"parameter", "gnabar"}, {"scale", {0.5, 1}}},
                                          {{"mechanism", "hh"}, {"shift", {-5, 0, 5}}}});
    model["study"]["protocols"] = json::array({model["study"]["protocols"][0]});
    const model_file file = parse(model);
    const study& s = *file.study;
    REQUIRE(s.variants.size() == 4 + 6);
    CHECK(s.variants[4].name == "hh.gnabar×0.5 hh shift-5mV");
    CHECK(s.variants[9].name == "hh.gnabar×1 hh shift+5mV");
    CHECK(s.variants[9].changes[1].parameter == "gating_vshift");
    // The grid is kept, for features.svg's heat maps: its axes and where its variants start.
    REQUIRE(s.grid);
    CHECK(s.grid->first == 4);
    REQUIRE(s.grid->axes.size() == 2);
    CHECK(s.grid->axes[0].label == "hh.gnabar (scale)");
    CHECK(s.grid->axes[0].values == std::vector<double>{0.5, 1});
    CHECK(s.grid->axes[1].label == "hh shift (mV)");
    CHECK(s.grid->axes[1].values == std::vector<double>{-5, 0, 5});
    CHECK_FALSE(parse(study_model()).study->grid);
    CHECK(variants_csv(s).find("\"NaV 60%\"") == std::string::npos);   // no comma: not quoted
    CHECK(variants_csv(s).find("hh.gnabar×0.5 hh shift-5mV,hh,gating_vshift,,set,-5\n") != std::string::npos);
    CHECK_THAT(error_of(model, 5), Catch::StartsWith("study.json: study.grid: makes more than 5 variants; ask for more with --max-variants"));
}

TEST_CASE("a study's faults name their JSON path", "[study]") {
    const auto with = [](const std::string& pointer, const json& value) {
        json m = study_model();
        m[json::json_pointer(pointer)] = value;
        return m;
    };
    CHECK(error_of(with("/study/variants/0/changes/0/mechanism", "Na")) ==
          "study.json: study.variants[0].changes[0]: 'Na' is neither a placed label (labels: study_stimulus_0, study_stimulus_1) nor a painted mechanism (painted: hh, pas)");
    CHECK_THAT(error_of(with("/study/variants/0/changes/0/parameter", "gbar")),
               Catch::StartsWith("study.json: study.variants[0].changes[0]: 'gbar' is not a parameter of hh"));
    CHECK(error_of(with("/study/variants/2/changes/0", {{"mechanism", "pas"}, {"shift", 3}})) ==
          "study.json: study.variants[2].changes[0]: 'gating_vshift' is not a parameter of pas; its parameters: g, e");
    CHECK(error_of(with("/study/variants/1/changes/0/region", "axon")) == "study.json: study.variants[1].changes[0].region: hh is not painted in this region");
    CHECK_THAT(error_of(with("/study/variants/0/changes/0/set", 1)), Catch::StartsWith("study.json: study.variants[0].changes[0]: give one of \"set\", \"scale\""));
    CHECK(error_of(with("/study/variants/1/name", "NaV 60%")) == "study.json: study.variants[1].name: variant 'NaV 60%' is named twice");
    CHECK(error_of(with("/study/variants/1/name", "control")) == "study.json: study.variants[1].name: variant 'control' is named twice");
    CHECK(error_of(with("/study/protocols/0/steps/duration", 200)) ==
          "study.json: study.protocols[0].steps.duration: the step ends at 220 ms, after tstop (150 ms)");
    CHECK(error_of(with("/study/protocols/1/rheobase/high", 0)) == "study.json: study.protocols[1].rheobase.high: the bracket needs low < high, both finite");
    CHECK(error_of(with("/study/protocols", json::array())) == "study.json: study.protocols: a study needs at least one protocol");
    CHECK(error_of(with("/study/recording/interval", 0.03)) == "study.json: study.recording.interval: 0.03 ms is not a whole multiple of dt = 0.025 ms");
    CHECK_THAT(error_of(with("/study/features", {"Spikecount", "spike_count"})),
               Catch::StartsWith("study.json: study.features[1]: unknown feature 'spike_count'; known: "));
    CHECK_THAT(error_of(with("/study/protocols/0/steps/amplitudes", json::array())), Catch::StartsWith("study.json: study.protocols[0].steps.amplitudes: needs at least one amplitude"));
}

namespace {

trace alone_cell(cell_model cell, simulation_settings settings, const study& s, double amp) {
    cell.placed.push_back({"clamp", s.recording.where, "IClamp", {{"amp", amp}, {"del", 20.0}, {"dur", 100.0}}});
    network net = single_cell_network(cell, {}, {{0, "v", s.recording.where, "v", 0.05}}, settings);
    auto comm = make_local_communicator();
    return simulation(prepared_network(net, builtin_catalogue()), *comm).run().traces.at(0);
}

} // namespace

TEST_CASE("variants that knock out a mechanism, change an ion or the temperature run as those cells built alone", "[study]") {
    json model = study_model();
    model["study"]["variants"] = json::array({
        {{"name", "no hh"}, {"changes", {{{"knock_out", "hh"}}}}},
        {{"name", "pas off apic"}, {"changes", {{{"knock_out", "pas"}, {"region", "apic"}}}}},
        {{"name", "EK -90"}, {"changes", {{{"ion", "k"}, {"reversal", -90}}, {{"mechanism", "hh"}, {"parameter", "gnabar"}, {"scale", 1.2}}}}},
        {{"name", "warm"}, {"changes", {{{"celsius", 16.3}}}}},
    });
    model["study"]["protocols"] = json::array({model["study"]["protocols"][0]});
    const model_file file = parse(model);
    const study& s = *file.study;
    const study_results results = run_study(s, file.catalogue);
    CHECK(results.simulations == 2);   // one per temperature

    std::vector<cell_model> cells(5, s.cell);
    std::vector<simulation_settings> settings(5, s.settings);
    cells[1].painted.erase(cells[1].painted.begin());                // hh was painted first
    cells[2].painted[1].region = {{1, 0, 1}};                        // pas on the basal dendrite only
    cells[3].ions["k"].reversal = -90;
    cells[3].ions["k"].nernst = false;
    cells[3].painted[0].parameters["gnabar"] = 0.12 * 1.2;
    settings[4].celsius = 16.3;
    for (const auto& r: results.runs) {
        INFO("variant " << s.variants[r.run.variant].name << ", " << r.run.amplitude << " nA");
        const trace reference = alone_cell(cells[r.run.variant], settings[r.run.variant], s, r.run.amplitude);
        REQUIRE(r.v.values.size() == reference.values.size());
        CHECK(test::max_difference(r.v.values, reference.values) < 1e-9);
    }
    const std::string variants = variants_csv(s);
    CHECK(variants.find("no hh,hh,,,knock_out,\n") != std::string::npos);
    CHECK(variants.find("pas off apic,pas,,apic,knock_out,\n") != std::string::npos);
    CHECK(variants.find("EK -90,k,reversal,,set,-90\n") != std::string::npos);
    CHECK(variants.find("warm,simulation,celsius,,set,16.3\n") != std::string::npos);

    const auto fault = [&](const json& change) {
        json m = model;
        m["study"]["variants"][0]["changes"] = json::array({change});
        return error_of(m);
    };
    CHECK(fault({{"knock_out", "Kv"}}) == "study.json: study.variants[0].changes[0].knock_out: Kv is not painted on the cell");
    CHECK(fault({{"ion", "cl"}, {"reversal", -70}}) == "study.json: study.variants[0].changes[0].ion: the cell has no ion 'cl'");
    CHECK(fault({{"ion", "k"}}) == "study.json: study.variants[0].changes[0]: give scale_internal, scale_external or reversal");
    CHECK_THAT(fault({{"ion", "k"}, {"scale_internal", 0}}), Catch::StartsWith("study.json: study.variants[0].changes[0].scale_internal: "));
}

TEST_CASE("ramp and synaptic-train protocols run as the cell built alone with that ramp or train", "[study]") {
    json model = study_model();
    model["study"]["protocols"] = json::array({
        {{"name", "ramp"}, {"ramp", {{"to", 0.6}, {"delay", 20}, {"duration", 100}}}},
        {{"name", "train"}, {"location", "(location 2 0.5)"}, {"train", {{"parameters", {{"tau", 2}}}, {"weights", {0.002, 0.1}}, {"delay", 30}, {"interval", 10}, {"number", 5}}}},
    });
    const model_file file = parse(model);
    const study& s = *file.study;
    const study_results results = run_study(s, file.catalogue);
    REQUIRE(results.runs.size() == 4 * 3);
    CHECK(results.simulations == 1);
    for (const auto& r: results.runs) {
        INFO("variant " << s.variants[r.run.variant].name << ", protocol " << s.protocols[r.run.protocol].name << ", " << r.run.amplitude);
        cell_model cell = s.cell;
        for (auto& painted: cell.painted) {
            if (painted.mechanism != "hh") continue;
            if (s.variants[r.run.variant].name == "NaV 60%") painted.parameters["gnabar"] = 0.12 * 0.6;
            if (s.variants[r.run.variant].name == "Kdr up") painted.parameters["gkbar"] = 0.05;
            if (s.variants[r.run.variant].name == "Na shift -5") painted.parameters["gating_vshift"] = -5;
        }
        std::vector<cell_stimulus> stimuli;
        if (r.run.protocol == 0) {
            placed_process clamp{"clamp", s.recording.where, "IClamp", {{"del", 20.0}, {"dur", 100.0}}};
            clamp.play["amp"] = ramp_waveform{20, 120, 0, 0.6};
            cell.placed.push_back(clamp);
        } else {
            cell.placed.push_back({"syn", {2, 0.5}, "ExpSyn", {{"tau", 2.0}}});
            stimuli.push_back({"syn", regular_spikes{30, 10, 5}, r.run.amplitude});
        }
        network net = single_cell_network(cell, stimuli, {{0, "v", s.recording.where, "v", 0.05}}, s.settings);
        auto comm = make_local_communicator();
        const trace reference = simulation(prepared_network(net, builtin_catalogue()), *comm).run().traces.at(0);
        REQUIRE(r.v.values.size() == reference.values.size());
        CHECK(test::max_difference(r.v.values, reference.values) < 1e-9);
    }
    // hh accommodates to the slow ramp, unless its gates are shifted; every
    // variant follows the strong train's five events.
    const auto rows = study_features(s, results);
    for (const auto& row: rows) {
        if (row.feature != "Spikecount" || !row.stimulus) continue;
        if (row.protocol == 0) CHECK(row.value.value_or(-1) == (row.variant == 3 ? 6 : 0));
        if (row.protocol == 1 && *row.stimulus == 0.1) CHECK(row.value.value_or(-1) == 5);
    }
    CHECK(fi_csv(s, results) == "variant,protocol,stimulus_nA,spikes,rate_Hz\n");   // no step protocol

    const auto fault = [&](const std::string& pointer, const json& value) {
        json m = model;
        m[json::json_pointer(pointer)] = value;
        return error_of(m);
    };
    CHECK(fault("/study/protocols/0/ramp/duration", 200) == "study.json: study.protocols[0].ramp.duration: the step ends at 220 ms, after tstop (150 ms)");
    CHECK(fault("/study/protocols/1/train/weights", json::array()) == "study.json: study.protocols[1].train.weights: needs at least one weight");
    CHECK(fault("/study/protocols/1/train/number", 20) == "study.json: study.protocols[1].train.duration: the step ends at 230 ms, after tstop (150 ms)");
    CHECK_THAT(fault("/study/protocols/0/steps", json::object()), Catch::StartsWith("study.json: study.protocols[0]: give the protocol's kind, one of"));
}

TEST_CASE("a variant whose state diverges is reported failed with its reason, and every other run completes as it would", "[study]") {
    json model = study_model();
    model["study"]["variants"].push_back({{"name", "broken"}, {"changes", {{{"mechanism", "hh"}, {"parameter", "el"}, {"set", 1e300}}}}});
    const model_file file = parse(model);
    const study_results results = run_study(*file.study, file.catalogue);
    const model_file healthy_file = parse(study_model());
    const study_results healthy = run_study(*healthy_file.study, healthy_file.catalogue);
    CHECK(results.failed == 4 + 2);   // its four steps and both ends of its rheobase bracket
    std::size_t compared = 0;
    for (const auto& r: results.runs) {
        INFO("variant " << r.run.variant << ", " << r.run.amplitude << " nA");
        if (r.run.variant == 4) {
            CHECK_THAT(r.failure, Catch::StartsWith("the simulation diverged: cell study["));
            CHECK(r.v.values.empty());
            continue;
        }
        CHECK(r.failure.empty());
        for (const auto& h: healthy.runs) {
            if (h.run.variant != r.run.variant || h.run.amplitude != r.run.amplitude) continue;
            CHECK(h.spikes == r.spikes);
            ++compared;
        }
    }
    CHECK(compared == 16);
    REQUIRE(results.rheobases.size() == 5);
    CHECK_FALSE(results.rheobases[4].rheobase);
    CHECK_THAT(results.rheobases[4].reason, Catch::StartsWith("diverged at 0 nA: the simulation diverged"));
    for (std::size_t v = 0; v < 4; ++v) CHECK(results.rheobases[v].rheobase == healthy.rheobases[v].rheobase);
    for (const auto& row: study_features(*file.study, results)) {
        if (row.variant == 4 && row.stimulus) CHECK_THAT(row.reason, Catch::StartsWith("the run failed: the simulation diverged"));
    }
}

TEST_CASE("a GLOBAL parameter of a .mod file is per instance: variants change it as any parameter", "[study]") {
    test::temp_folder folder;
    const auto catalogue = test::catalogue_with_mod(folder, "gleak.mod", R"mod(
NEURON { SUFFIX gleak NONSPECIFIC_CURRENT i RANGE g GLOBAL erev }
PARAMETER { g = 0.0002 (S/cm2) erev = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g*(v - erev) }
)mod");
    json model = study_model();
    model["cell"]["paint"].push_back({{"region", "dend"}, {"mechanism", "gleak"}});
    model["study"]["variants"] = json::array({
        {{"name", "erev -50"}, {"changes", {{{"mechanism", "gleak"}, {"parameter", "erev"}, {"set", -50}}}}},
        {{"name", "erev x0.5"}, {"changes", {{{"mechanism", "gleak"}, {"parameter", "erev"}, {"scale", 0.5}}}}},
    });
    model["study"]["protocols"] = json::array({model["study"]["protocols"][0]});
    const model_file file = parse_model_file(model.dump(), "study.json", test::test_data("models"), catalogue);
    file.prepare();
    const study& s = *file.study;
    const study_results results = run_study(s, file.catalogue);
    CHECK(results.simulations == 1);
    const double erev[] = {-70, -50, -35};
    for (const auto& r: results.runs) {
        INFO("variant " << s.variants[r.run.variant].name << ", " << r.run.amplitude << " nA");
        cell_model cell = s.cell;
        cell.painted.back().parameters["erev"] = erev[r.run.variant];
        cell.placed.push_back({"clamp", s.recording.where, "IClamp", {{"amp", r.run.amplitude}, {"del", 20.0}, {"dur", 100.0}}});
        network net = single_cell_network(cell, {}, {{0, "v", s.recording.where, "v", 0.05}}, s.settings);
        auto comm = make_local_communicator();
        const trace reference = simulation(prepared_network(net, catalogue), *comm).run().traces.at(0);
        REQUIRE(r.v.values.size() == reference.values.size());
        CHECK(test::max_difference(r.v.values, reference.values) < 1e-9);
        // The change matters: at rest before the step, the dendrite's leak pulls v.
        if (r.run.variant > 0) CHECK(r.v.values[100] != results.runs[0].v.values[100]);
    }
}

TEST_CASE("the f-I slope fits the rising branch of the rates, up to the highest", "[study]") {
    study s = *parse(study_model()).study;
    s.variants.resize(1);
    s.features.clear();
    study_results results;
    // Rates 20, 40, 60 Hz at 0.1, 0.2, 0.3 nA, then depolarization block.
    const std::vector<std::pair<double, int>> steps{{0.1, 2}, {0.2, 4}, {0.3, 6}, {0.4, 1}, {0.05, 0}};
    for (const auto& [amp, spikes]: steps) {
        recorded_run r;
        r.run = {0, 0, amp, 20, 100};
        for (int k = 0; k < spikes; ++k) r.spikes.push_back(30 + 10 * k);
        results.runs.push_back(r);
    }
    const auto rows = study_features(s, results);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].feature == "fI_slope");
    REQUIRE(rows[0].value);
    CHECK(*rows[0].value == Approx(200));   // Hz per nA
    results.runs.resize(1);
    CHECK_FALSE(study_features(s, results)[0].value);
    CHECK(study_features(s, results)[0].reason == "fewer than two steps fire up to the highest rate");
}

TEST_CASE("a study drives and records its runs itself: the file's stimuli and probes are refused beside it", "[study]") {
    json model = study_model();
    model["probes"] = json::array({{{"name", "v"}, {"location", "soma"}, {"variable", "v"}}});
    CHECK(error_of(model) == "study.json: probes: a study runs its own protocols and recording; remove this, or move it into the study");
}
