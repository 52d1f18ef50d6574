// `cajal run` on a study, as a user runs it: its files, the command line's
// --set, --variants and --max-variants, and jobs whose outputs concatenate
// into the whole study's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "cli_test_support.hpp"

using namespace cajal::test::cli;

namespace {

const std::string study_file = quoted(model("study_hh.json"));
fs::path model_path() { return model("study_hh.json"); }

std::vector<std::string> data_rows(const fs::path& file) {
    auto rows = lines(read_text(file));
    REQUIRE(!rows.empty());
    rows.erase(rows.begin());
    return rows;
}

} // namespace

TEST_CASE("cajal run on a study writes its features, variants, f-I rates, rheobases and summary", "[study]") {
    scratch_dir dir("study-outputs");
    const auto out = dir.path / "out";
    const auto r = cajal_run(study_file + " -o " + quoted(out));
    INFO(r.out);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("studied 4 variants under 2 protocols"));
    const auto names = entries(out);
    CHECK(std::set<std::string>(names.begin(), names.end()) ==
          std::set<std::string>{"features.csv", "variants.csv", "fi.csv", "rheobase.csv", "summary.json", "fi.svg", "features.svg"});
    const auto features = lines(read_text(out / "features.csv"));
    CHECK(features[0] == "variant,protocol,stimulus_nA,feature,value,change_vs_control_percent");
    // 4 variants × 4 steps × 13 features, an f-I slope per variant and a rheobase per variant.
    CHECK(features.size() == 1 + 4 * 4 * 13 + 4 + 4);
    // The control's own change is 0 where it has a value; a variant's is against it.
    CHECK(std::count(features.begin(), features.end(), "control,fi,0.5,Spikecount,8,0") == 1);
    const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
    CHECK(summary.at("variants") == 4);
    CHECK(summary.at("runs") == 16);
    CHECK(summary.at("rheobase_searches") == 4);
}

TEST_CASE("cajal run --set changes the model file's values before they are checked", "[study]") {
    scratch_dir dir("study-set");
    const auto out = dir.path / "out";
    const auto r = cajal_run("--set 'study.protocols[0].steps.amplitudes=[0.3]' " + study_file + " --set simulation.tstop=125 -q -o " + quoted(out));
    REQUIRE(r.status == 0);
    const auto fi = data_rows(out / "fi.csv");
    CHECK(fi.size() == 4);   // one amplitude per variant
    CHECK(fi[0].starts_with("control,fi,0.3,"));
    const auto fails = [&](const std::string& set, const std::string& message) {
        const auto bad = cajal_run(study_file + " -q -o " + quoted(dir.path / "bad") + " --set '" + set + "'");
        INFO(set);
        CHECK(bad.status == 1);
        CHECK(bad.out == message + "\n");
        CHECK(!fs::exists(dir.path / "bad"));
    };
    fails("study.protocolz.x=3", "--set study.protocolz.x=3: study has no key 'protocolz'");
    fails("study.protocols[5].name=x", "--set study.protocols[5].name=x: study.protocols has no element [5]");
    fails("simulation.tstop", "--set simulation.tstop: expected PATH=VALUE");
    // Validated as the file is: the message is the file's.
    fails("simulation.tstop=100", model("study_hh.json").string() + ": study.protocols[0].steps.duration: the step ends at 120 ms, after tstop (100 ms)");
    fails("simulation.tstop=long", model("study_hh.json").string() + ": simulation.tstop: expected a number, not a string");
}

TEST_CASE("cajal run --variants splits a study into jobs whose outputs concatenate into the whole", "[study]") {
    scratch_dir dir("study-jobs");
    const auto whole = dir.path / "whole", first = dir.path / "first", rest = dir.path / "rest";
    REQUIRE(cajal_run(study_file + " -q -o " + quoted(whole)).status == 0);
    REQUIRE(cajal_run(study_file + " -q -o " + quoted(first) + " --variants 'NaV 60%'").status == 0);
    REQUIRE(cajal_run(study_file + " -q -o " + quoted(rest) + " --variants 2-3").status == 0);
    for (const char* file: {"features.csv", "fi.csv", "rheobase.csv", "variants.csv"}) {
        INFO(file);
        // As `awk '!seen[$0]++' first/F rest/F`: every job repeats the header and the control.
        std::vector<std::string> merged;
        for (const auto& part: {first, rest}) {
            for (const auto& line: lines(read_text(part / file))) {
                if (std::find(merged.begin(), merged.end(), line) == merged.end()) merged.push_back(line);
            }
        }
        const auto all = lines(read_text(whole / file));
        CHECK(std::multiset<std::string>(merged.begin(), merged.end()) == std::multiset<std::string>(all.begin(), all.end()));
    }
    const auto bad = cajal_run(study_file + " -q -o " + quoted(dir.path / "bad") + " --variants 'NaV 70%'");
    CHECK(bad.status == 1);
    CHECK(bad.out == "--variants: no variant named 'NaV 70%'\n");
}

TEST_CASE("a study writes the traces of the variants it names", "[study]") {
    scratch_dir dir("study-traces");
    auto model = nlohmann::json::parse(read_text(model_path()));
    model["cell"]["morphology"]["file"] = (cajal::test::test_data("models") / "cells" / "ball_and_stick.swc").string();
    model["study"]["traces"] = {"control", "Na shift -5"};
    const auto file = write_model(dir.path / "study.json", model);
    const auto out = dir.path / "out";
    REQUIRE(cajal_run(quoted(file) + " -q -o " + quoted(out)).status == 0);
    const auto rows = lines(read_text(out / "traces.csv"));
    const auto header = cells(rows.at(0));
    REQUIRE(header.size() == 1 + 2 * 4);
    CHECK(header[1] == "control / fi / -0.1 (mV)");
    CHECK(header[8] == "Na shift -5 / fi / 1 (mV)");
    CHECK(rows.size() == 1 + 3001);   // 150 ms every 0.05 ms
    model["study"]["traces"] = {"NaV 70%"};
    write_model(dir.path / "bad.json", model);
    const auto bad = cajal_run(quoted(dir.path / "bad.json") + " -q -o " + quoted(dir.path / "bad"));
    CHECK(bad.out == (dir.path / "bad.json").string() + ": study.traces[0]: no variant named 'NaV 70%' (the control is \"control\")\n");
}
