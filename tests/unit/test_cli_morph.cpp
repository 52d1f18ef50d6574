// `cajal morph` run as a user runs it: the built binary, its stdout, stderr and status.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cajal/io/morphology_svg.hpp>

#include "test_support.hpp"

namespace {

using cajal::test::command_result;
using cajal::test::run_command;
namespace fs = std::filesystem;
constexpr double pi = std::numbers::pi;

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// `cajal morph ARGS` with stderr folded into the output.
command_result morph(const std::string& args) { return run_command(std::string(CAJAL_CLI) + " morph " + args + " 2>&1"); }

// `cajal morph ARGS` with stderr dropped, for output that must parse.
command_result morph_stdout(const std::string& args) {
    return run_command(std::string(CAJAL_CLI) + " morph " + args + " 2>/dev/null");
}

fs::path swc(const std::string& name) { return cajal::test::test_data("swc/" + name); }

// A fresh, empty directory, removed at the end of the test.
struct scratch_dir {
    fs::path path;
    explicit scratch_dir(const std::string& name):
        path(fs::temp_directory_path() / ("cajal-cli-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~scratch_dir() { fs::remove_all(path); }
};

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

const nlohmann::json& type_row(const nlohmann::json& summary, int type) {
    for (const auto& row: summary.at("types")) {
        if (row.at("type") == type) return row;
    }
    FAIL("no row for SWC type " << type);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("cajal morph totals a hand-made cell by type", "[cli]") {
    const auto r = morph_stdout(quoted(swc("cli_small_cell.swc")) + " --json");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("samples") == 11);
    CHECK(j.at("branches") == 6);
    REQUIRE(j.at("types").size() == 4);

    // Every branch is a cylinder: area 2πrL. The three-point soma of radius 5 is
    // a cylinder 10 µm long and 10 µm wide (the area of the sphere, 4πr²).
    const auto& soma = type_row(j, 1);
    CHECK(soma.at("name") == "soma");
    CHECK(soma.at("branches") == 1);
    CHECK(soma.at("length_um").get<double>() == Approx(10.0));
    CHECK(soma.at("area_um2").get<double>() == Approx(4 * pi * 25));
    const auto& axon = type_row(j, 2);
    CHECK(axon.at("branches") == 1);
    CHECK(axon.at("length_um").get<double>() == Approx(100.0));
    CHECK(axon.at("area_um2").get<double>() == Approx(2 * pi * 0.5 * 100));
    const auto& basal = type_row(j, 3);
    CHECK(basal.at("branches") == 3);
    CHECK(basal.at("length_um").get<double>() == Approx(30.0 + 20 + 20));
    CHECK(basal.at("area_um2").get<double>() == Approx(2 * pi * 1 * 70));
    const auto& apical = type_row(j, 4);
    CHECK(apical.at("branches") == 1);
    CHECK(apical.at("length_um").get<double>() == Approx(60.0));
    CHECK(apical.at("area_um2").get<double>() == Approx(2 * pi * 1.5 * 60));

    const auto& total = j.at("total");
    CHECK(total.at("branches") == 6);
    CHECK(total.at("length_um").get<double>() == Approx(240.0));
    CHECK(total.at("area_um2").get<double>() == Approx(520 * pi));
    // NEURON's d-lambda rule, nseg = 2 int((L / (0.1 λ) + 0.9) / 2) + 1 with
    // λ = 1e5 sqrt(d / (4π f Ra cm)) µm: the axon (d 1 µm, λ 474 µm, L 100 µm) gets 3
    // segments, every other branch 1.
    CHECK(axon.at("segments") == 3);
    CHECK(total.at("segments") == 8);
    // CVs are the nodes the simulation solves for: one per segment and one at
    // each branch's end, and the root's start, which lies on the soma.
    CHECK(axon.at("cvs") == 3 + 1);
    CHECK(basal.at("cvs") == 3 * (1 + 1));
    CHECK(apical.at("cvs") == 1 + 1);
    CHECK(soma.at("cvs") == 1 + 1 + 1);
    CHECK(total.at("cvs") == 8 + 6 + 1);
}

TEST_CASE("cajal morph prints a table with a row per type and a total", "[cli]") {
    const auto r = morph_stdout(quoted(swc("cli_small_cell.swc")));
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("11 samples, 6 branches"));
    CHECK_THAT(r.out, Catch::Contains("d-lambda (100 Hz, d_lambda 0.1, Ra 35.4"));
    CHECK_THAT(r.out, Catch::Contains("soma (1)"));
    CHECK_THAT(r.out, Catch::Contains("apical (4)"));
    // 520π µm², two decimals.
    CHECK_THAT(r.out, Catch::Contains("CVs  segments\n"));
    CHECK_THAT(r.out, Catch::Contains("total                 6        240.00       1633.63      15         8\n"));
}

TEST_CASE("cajal morph --json has every documented field", "[cli]") {
    const auto r = morph_stdout(quoted(swc("cli_small_cell.swc")) + " --json --Ra 100 --cm 2 --policy d-lambda:50:0.2");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    for (const char* field: {"file", "samples", "branches", "policy", "types", "total", "warnings"}) {
        CHECK(j.contains(field));
    }
    CHECK(j.at("file") == swc("cli_small_cell.swc").string());
    CHECK(j.at("warnings").empty());
    const auto& policy = j.at("policy");
    CHECK(policy.at("kind") == "d-lambda");
    CHECK(policy.at("frequency_hz") == 50.0);
    CHECK(policy.at("d_lambda") == 0.2);
    CHECK(policy.at("Ra_ohm_cm") == 100.0);
    CHECK(policy.at("cm_uF_per_cm2") == 2.0);
    for (const auto& row: j.at("types")) {
        for (const char* field: {"type", "name", "branches", "length_um", "area_um2", "cvs", "segments"}) {
            CHECK(row.contains(field));
        }
    }
    for (const char* field: {"branches", "length_um", "area_um2", "cvs", "segments"}) CHECK(j.at("total").contains(field));
}

TEST_CASE("cajal morph --policy fixed:N gives N segments per branch", "[cli]") {
    const auto r = morph_stdout(quoted(swc("cli_small_cell.swc")) + " --json --policy fixed:3");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("policy").at("kind") == "fixed");
    CHECK(j.at("policy").at("per_branch") == 3);
    CHECK(type_row(j, 3).at("segments") == 9);
    CHECK(type_row(j, 3).at("cvs") == 9 + 3);
    CHECK(j.at("total").at("segments") == 18);
    CHECK(j.at("total").at("cvs") == 18 + 6 + 1);
}

TEST_CASE("cajal morph counts the CVs that cajal run simulates", "[cli]") {
    // hh_soma.json: ball_and_stick.swc under a fixed policy of 3 segments per branch.
    scratch_dir dir("morph-vs-run");
    const fs::path model = cajal::test::test_data("models/hh_soma.json");
    const auto run = run_command(std::string(CAJAL_CLI) + " run " + quoted(model) + " -o " + quoted(dir.path) +
                                 " --backend cpu 2>&1");
    REQUIRE(run.status == 0);
    const auto simulated = nlohmann::json::parse(read_text(dir.path / "summary.json")).at("cvs");

    const auto r = morph_stdout(quoted(cajal::test::test_data("models/cells/ball_and_stick.swc")) +
                                " --json --policy fixed:3");
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out).at("total").at("cvs") == simulated);
}

TEST_CASE("cajal morph reports a bad SWC line as file:line and exits 1", "[cli]") {
    scratch_dir dir("bad-swc");
    const fs::path file = swc("cli_bad_number.swc");
    const auto r = morph(quoted(file) + " --svg " + quoted(dir.path / "cell.svg"));
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::StartsWith(file.string() + ":5: "));
    CHECK(entries(dir.path) == 0);
}

TEST_CASE("cajal morph rejects a missing file and bad options in one line", "[cli]") {
    const auto missing = morph("/nonexistent/cell.swc");
    CHECK(missing.status == 1);
    CHECK_THAT(missing.out, Catch::Contains("/nonexistent/cell.swc") && Catch::Contains("no such file"));
    CHECK(missing.out.find('\n') == missing.out.size() - 1);

    const auto directory = morph(quoted(swc("")));
    CHECK(directory.status == 1);
    CHECK_THAT(directory.out, Catch::StartsWith("cajal: cannot read") && Catch::Contains("directory"));

    const std::string cell = quoted(swc("cli_small_cell.swc"));
    for (const char* bad: {"--policy fixed:0", "--policy fixed:two", "--policy wide", "--policy d-lambda:1:2:3",
                                  "--view xx", "--Ra -1", "--frobnicate"}) {
        INFO(bad);
        const auto r = morph(cell + " " + std::string(bad));
        CHECK(r.status == 2);
        CHECK_THAT(r.out, Catch::StartsWith("cajal: "));
        CHECK(r.out.find('\n') == r.out.size() - 1);
    }
}

TEST_CASE("cajal morph reports a failed SVG write and leaves nothing behind", "[cli]") {
    scratch_dir dir("svg-blocked");
    std::ofstream(dir.path / "not-a-dir") << "a file where a directory should be\n";
    const fs::path out = dir.path / "not-a-dir" / "cell.svg";
    const auto r = morph(quoted(swc("cli_small_cell.swc")) + " --svg " + quoted(out));
    CHECK(r.status == 3);   // the place cannot be written: an environment error
    CHECK_THAT(r.out, Catch::StartsWith("cajal: cannot write '" + out.string() + "'"));
    CHECK(entries(dir.path) == 1);
}

TEST_CASE("cajal morph keeps only the soma's tree when asked, with a warning", "[cli]") {
    const fs::path file = swc("cli_two_trees.swc");
    const auto refused = morph(quoted(file));
    CHECK(refused.status == 1);
    CHECK_THAT(refused.out, Catch::StartsWith(file.string() + ":"));

    const auto kept = run_command(std::string(CAJAL_CLI) + " morph " + quoted(file) +
                                  " --soma-tree-only --json 2>&1 >/dev/null");
    CHECK(kept.status == 0);
    CHECK_THAT(kept.out, Catch::StartsWith(file.string() + ":") && Catch::Contains(": warning: "));
    const auto j = nlohmann::json::parse(morph_stdout(quoted(file) + " --soma-tree-only --json").out);
    CHECK(j.at("samples") == 5);
    CHECK(j.at("warnings").size() == 1);
}

TEST_CASE("cajal morph --svg draws the cell with its types' colours and a scale bar", "[cli]") {
    scratch_dir dir("svg");
    const fs::path out = dir.path / "drawings" / "cell.svg";
    const auto r = morph(quoted(swc("cli_small_cell.swc")) + " --svg " + quoted(out));
    REQUIRE(r.status == 0);
    REQUIRE(fs::exists(out));
    CHECK(entries(out.parent_path()) == 1);  // no temporary left beside it
    const std::string svg = read_text(out);
    CHECK_THAT(svg, Catch::StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK_THAT(svg, Catch::EndsWith("</svg>\n"));
    for (int type: {1, 2, 3, 4}) CHECK_THAT(svg, Catch::Contains(std::string(cajal::svg_type_colour(type))));
    CHECK_THAT(svg, !Catch::Contains(std::string(cajal::svg_type_colour(0))));
    CHECK_THAT(svg, Catch::Contains("cli_small_cell.swc (xy view)"));
    // The cell spans 172 µm along y (axon tip to apical tip, radii included): the
    // bar is a quarter of that rounded down to 1, 2 or 5 × 10^k.
    CHECK_THAT(svg, Catch::Contains(">20 µm</text>"));
}

TEST_CASE("cajal morph reads and draws the field's reconstructions", "[cli]") {
    const auto shared = cajal::test::shared_data();
    if (!shared) CAJAL_SKIP("../shared/data is absent");
    scratch_dir dir("shared");
    // Sample counts from the data's README: a CRLF, UTF-8 NeuroMorpho file and an Allen file.
    for (const auto& [name, samples]: {std::pair{"NMO_49821_hippocampal_pyramidal", 5799},
                                       std::pair{"allen_515570710_rbp4_L5", 4852}}) {
        INFO(name);
        const fs::path out = dir.path / (std::string(name) + ".svg");
        const auto r = morph_stdout(quoted(*shared / "swc" / (std::string(name) + ".swc")) + " --json --svg " + quoted(out));
        REQUIRE(r.status == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j.at("samples") == samples);
        CHECK(j.at("types").size() == 4);
        CHECK_THAT(read_text(out), Catch::EndsWith("</svg>\n"));
    }
}
