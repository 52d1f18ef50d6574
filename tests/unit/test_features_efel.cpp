// cajal's features against eFEL's own (tests/reference/efel_features.py, with
// eFEL installed by scripts/efel-venv): the hand-made traces of
// feature_traces.hpp, and traces that cajal simulates — examples/pyramidal.json
// and a ball-and-stick cell with hh under steps that fire no spike, one and
// many, a hyperpolarizing step, and a sag through Ih (Hay et al. 2011's
// Ih.mod from ../shared/data).
//
// Agreement: every feature within 1e-9 relative. Measured: equal to the last
// bit on every trace here, each feature of each trace (ISI_CV too, whose
// mean and deviation numpy sums pairwise where cajal sums in order; the
// tolerance is for longer spike trains, where the two orders may round
// apart). eFEL is built without fused multiply-adds, and so is
// cajal_analysis (-ffp-contract=off): the resampled traces agree exactly,
// so threshold decisions on them cannot differ.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cajal/analysis/features.hpp>
#include <cajal/analysis/uniform_resampling.hpp>

#include "cli_test_support.hpp"
#include "efel_reference.hpp"
#include "feature_traces.hpp"
#include "test_support.hpp"

using namespace cajal::analysis;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr double relative_tolerance = 1e-9;

json efel_settings(const feature_settings& s) {
    return {{"Threshold", s.threshold_mV},
            {"DerivativeThreshold", s.derivative_threshold_mV_per_ms},
            {"DerivativeWindow", s.derivative_window},
            {"interp_step", s.interp_step_ms},
            {"voltage_base_start_perc", s.voltage_base_start_perc},
            {"voltage_base_end_perc", s.voltage_base_end_perc},
            {"voltage_base_mode", s.voltage_base_mode == averaging::median ? "median" : "mean"},
            {"precision_threshold", s.precision_threshold_ms},
            {"ignore_first_ISI", s.ignore_first_ISI}};
}

// eFEL's values of `names` for the trace, null where it has none.
json efel_features(const voltage_trace& trace, const feature_settings& settings, const std::vector<std::string>& names) {
    cajal::test::temp_folder folder;
    json input{{"T", trace.time_ms}, {"V", trace.voltage_mV}, {"stim_start", trace.stimulus_start_ms},
               {"stim_end", trace.stimulus_end_ms}, {"settings", efel_settings(settings)}, {"features", names}};
    if (trace.stimulus_current_nA) input["stimulus_current"] = *trace.stimulus_current_nA;
    const auto file = folder.path / "trace.json";
    std::ofstream(file) << input.dump();
    return cajal::test::efel_reference("efel_features.py", "'" + file.string() + "'")["features"];
}

bool agree(double a, double b) { return a == b || std::fabs(a - b) <= relative_tolerance * std::max(std::fabs(a), std::fabs(b)); }

// Every feature cajal knows, against eFEL's: both without a value, or the
// same number of values, each within the tolerance. Returns how many had a value.
int check_against_efel(const voltage_trace& trace, const feature_settings& settings = {}) {
    const auto expected = efel_features(trace, settings, feature_names());
    int with_value = 0;
    for (const auto& name: feature_names()) {
        const auto ours = compute(name, trace, settings);
        const auto& theirs = expected.at(name);
        INFO(name << ": cajal " << (ours.has_value() ? json(ours.values()).dump() : "none (" + ours.reason() + ")") << ", eFEL " << theirs.dump());
        REQUIRE(ours.has_value() == !theirs.is_null());
        if (!ours.has_value()) continue;
        ++with_value;
        const auto theirs_values = theirs.get<std::vector<double>>();
        REQUIRE(ours.values().size() == theirs_values.size());
        for (std::size_t i = 0; i < theirs_values.size(); ++i) CHECK(agree(ours.values()[i], theirs_values[i]));
    }
    return with_value;
}

// The soma's voltage that `cajal run` records for `model` (written into
// `folder`): the probe named "v" of traces.csv, with the step's timing.
voltage_trace simulated_trace(const json& model, const fs::path& folder, const std::string& probe, double start_ms, double end_ms,
                              std::optional<double> current_nA) {
    const auto model_file = cajal::test::cli::write_model(folder / "model.json", model);
    const auto out = folder / "out";
    const auto run = cajal::test::cli::cajal_run("-q '" + model_file.string() + "' -o '" + out.string() + "'");
    INFO(run.out);
    REQUIRE(run.status == 0);
    const auto rows = cajal::test::cli::lines(cajal::test::cli::read_text(out / "traces.csv"));
    const auto header = cajal::test::cli::cells(rows.at(0));
    const auto column = static_cast<std::size_t>(std::find_if(header.begin(), header.end(), [&](const std::string& h) {
        return h.rfind(probe + " (", 0) == 0;
    }) - header.begin());
    REQUIRE(column < header.size());
    voltage_trace trace;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto row = cajal::test::cli::cells(rows[r]);
        trace.time_ms.push_back(std::stod(row.at(0)));
        trace.voltage_mV.push_back(std::stod(row.at(column)));
    }
    trace.stimulus_start_ms = start_ms;
    trace.stimulus_end_ms = end_ms;
    trace.stimulus_current_nA = current_nA;
    return trace;
}

// The test cell (a soma and dendrites) with `paint`, a current step of
// `amplitude_nA` from 50 to 250 ms into the soma, and the soma's voltage
// recorded every step (0.025 ms: finer than eFEL's grid, which resamples it).
json step_model(const json& paint, double amplitude_nA) {
    return {{"cell",
             {{"morphology", {{"file", cajal::test::test_data("models/cells/ball_and_stick.swc").string()}}},
              {"properties", {{"cm", 1}, {"Ra", 100}, {"v_init", -65}}},
              {"paint", paint},
              {"place", json::array({{{"label", "step"}, {"location", "soma"}, {"mechanism", "IClamp"},
                                      {"parameters", {{"del", 50}, {"dur", 200}, {"amp", amplitude_nA}}}}})}}},
            {"probes", json::array({{{"name", "v"}, {"location", "soma"}, {"variable", "v"}}})},
            {"simulation", {{"celsius", 6.3}, {"tstop", 300}, {"dt", 0.025}}}};
}

json hh_soma_paint() {
    return json::array({{{"region", "soma"}, {"mechanism", "hh"}},
                        {{"region", "dend|apic"}, {"mechanism", "pas"}, {"parameters", {{"g", 3e-5}, {"e", -65}}}}});
}

#define CAJAL_REQUIRE_EFEL()                                                    \
    do {                                                                        \
        if (auto why = cajal::test::efel_unavailable()) CAJAL_SKIP(*why);      \
    } while (0)

} // namespace

TEST_CASE("eFEL: features start from the same resampled grid, to the last bit", "[features][efel]") {
    CAJAL_REQUIRE_EFEL();
    const auto trace = cajal::test::features::passive_step();
    const auto efel = efel_features(trace, {}, {"time", "voltage"});
    const auto ours = resample_uniform(trace.time_ms, trace.voltage_mV, 0.1);
    CHECK(ours.time_ms == efel.at("time").get<std::vector<double>>());
    CHECK(ours.voltage_mV == efel.at("voltage").get<std::vector<double>>());
}

TEST_CASE("eFEL: features of the hand-made traces agree", "[features][efel]") {
    CAJAL_REQUIRE_EFEL();
    using namespace cajal::test::features;
    CHECK(check_against_efel(triangle_spikes({20, 35, 55, 80})) == 13 - 1);   // all but input resistance: no current given
    CHECK(check_against_efel(triangle_spikes({5, 20, 35})) > 0);
    CHECK(check_against_efel(passive_step()) == 5);                            // Spikecount 0, the four subthreshold features
    CHECK(check_against_efel(sag_step()) == 5);

    SECTION("under other settings") {
        feature_settings other;
        other.threshold_mV = -30;
        other.derivative_threshold_mV_per_ms = 40;
        other.derivative_window = 5;
        other.interp_step_ms = 0.025;
        other.voltage_base_start_perc = 0.5;
        other.voltage_base_mode = averaging::median;
        other.ignore_first_ISI = false;
        CHECK(check_against_efel(triangle_spikes({20, 35, 55, 80}), other) == 13 - 1);
        CHECK(check_against_efel(passive_step(), other) == 5);
    }
}

TEST_CASE("eFEL: features of examples/pyramidal.json's soma agree", "[features][efel]") {
    CAJAL_REQUIRE_EFEL();
    cajal::test::temp_folder folder;
    // Copied beside its morphology's folder, so that its relative path holds.
    auto model = json::parse(cajal::test::cli::read_text(cajal::test::source_dir() / "examples" / "pyramidal.json"));
    model["cell"]["morphology"]["file"] = (cajal::test::source_dir() / "examples" / "cells" / "pyramidal.swc").string();
    // IClamp: 0.5 nA from 10 to 90 ms; synaptic inputs after it.
    const auto trace = simulated_trace(model, folder.path, "v_soma", 10, 90, 0.5);
    CHECK(compute("Spikecount", trace).values().at(0) > 3);
    CHECK(check_against_efel(trace) == 12);   // all but sag_ratio1: the step depolarizes
}

TEST_CASE("eFEL: features of hh steps of several amplitudes agree", "[features][efel]") {
    CAJAL_REQUIRE_EFEL();
    // Amplitudes chosen for no spike, one spike, several (9), many (15), and
    // a hyperpolarizing step; the spikes each must fire, at least and at most,
    // and how many features have a value: without spikes the four below
    // threshold (sag_ratio1 only for a hyperpolarization), with one spike all
    // but ISI_CV and sag_ratio1, with several all but sag_ratio1.
    struct step { double amplitude_nA; int fewest, most, with_value; };
    const std::vector<step> steps{{0.02, 0, 0, 4}, {0.1, 1, 1, 11}, {0.2, 5, 12, 12}, {0.5, 12, 30, 12}, {-0.1, 0, 0, 5}};
    for (const auto& [amplitude_nA, fewest, most, with_value]: steps) {
        cajal::test::temp_folder folder;
        const auto trace = simulated_trace(step_model(hh_soma_paint(), amplitude_nA), folder.path, "v", 50, 250, amplitude_nA);
        INFO("step of " << amplitude_nA << " nA");
        const double spikes = compute("Spikecount", trace).values().at(0);
        CHECK(spikes >= fewest);
        CHECK(spikes <= most);
        CHECK(check_against_efel(trace) == with_value);
    }
}

TEST_CASE("eFEL: features of a sag through Ih agree", "[features][efel]") {
    CAJAL_REQUIRE_EFEL();
    const auto data = cajal::test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent (Hay et al. 2011's Ih.mod)");
    cajal::test::temp_folder folder;
    fs::create_directories(folder.path / "mod");
    fs::copy_file(*data / "mod" / "hay2011" / "Ih.mod", folder.path / "mod" / "Ih.mod");
    auto model = step_model(json::array({{{"region", "all"}, {"mechanism", "pas"}, {"parameters", {{"g", 5e-5}, {"e", -70}}}},
                                         {{"region", "all"}, {"mechanism", "Ih"}, {"parameters", {{"gIhbar", 2e-4}}}}}),
                            -0.05);
    model["nmodl"] = json::array({"mod"});
    const auto trace = simulated_trace(model, folder.path, "v", 50, 250, -0.05);
    const auto sag = compute("sag_ratio1", trace);
    REQUIRE(sag.has_value());
    CHECK(sag.values().at(0) > 0.05);   // a visible sag: 0.12, 11 mV down, then 1.5 mV back
    CHECK(check_against_efel(trace) == 5);
}
