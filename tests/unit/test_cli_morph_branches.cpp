// `cajal morph` on Neurolucida files, its branch list (--branches), branch
// labels on the drawing (--label-branches) and the per-length policy, run as a
// user runs them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

using namespace cajal::test::cli;
using cajal::test::command_result;
using cajal::test::run_command;

namespace {

command_result morph(const std::string& args) { return cajal_command("morph " + args); }
command_result morph_stdout(const std::string& args) {
    return run_command(std::string(CAJAL_CLI) + " morph " + args + " 2>/dev/null");
}
fs::path asc(const std::string& name) { return cajal::test::test_data("asc/" + name); }

} // namespace

TEST_CASE("cajal morph reads a Neurolucida file", "[cli]") {
    const auto r = morph_stdout(quoted(asc("soma_contour.asc")) + " --json");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("samples") == 23);
    CHECK(j.at("branches") == 4);
    CHECK(j.at("types").size() == 3);
    CHECK_FALSE(j.contains("branch_list"));  // only with --branches
}

TEST_CASE("cajal morph reports an ASC error at its line and column", "[cli]") {
    const auto r = morph(quoted(asc("errors/tab_at_line_end.asc")));
    CHECK(r.status == 1);
    CHECK(r.out.find("tab_at_line_end.asc:2:12: expected") != std::string::npos);
    CHECK(r.out.find("cajal:") == std::string::npos);  // located, so it stands alone
}

TEST_CASE("cajal morph --branches lists every branch in JSON", "[cli]") {
    const auto r = morph_stdout(quoted(asc("branching.asc")) + " --json --branches --policy per-length:10");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("policy").at("kind") == "per-length");
    CHECK(j.at("policy").at("step_um") == 10);
    CHECK(j.at("branches") == 8);  // the count, as without --branches
    const auto& list = j.at("branch_list");
    REQUIRE(list.is_array());
    REQUIRE(list.size() == 8);
    // No soma: distances run from the root's start. The root runs 20 µm up y.
    const auto& root = list.at(0);
    CHECK(root.at("index") == 0);
    CHECK(root.at("type") == 4);
    CHECK(root.at("name") == "apical");
    CHECK(root.at("parent").is_null());
    CHECK(root.at("parent_x").is_null());
    CHECK(root.at("length_um") == Approx(20));
    CHECK(root.at("distance_start_um") == 0);
    CHECK(root.at("distance_end_um") == Approx(20));
    CHECK(root.at("points") == 3);
    CHECK(root.at("segments") == 5);  // 1 + 2 int(20 / 10)
    // Branch 2 starts with a copy of its parent's end (-10, 40, 0): its own
    // first point is (-12, 50, 1).
    const auto& second = list.at(2);
    CHECK(second.at("parent") == 1);
    CHECK(second.at("parent_x") == 1);
    CHECK(second.at("points") == 3);
    CHECK(second.at("distance_start_um").get<double>() == Approx(list.at(1).at("distance_end_um").get<double>()));
    CHECK(second.at("distance_end_um").get<double>() ==
          Approx(second.at("distance_start_um").get<double>() + second.at("length_um").get<double>()));
}

TEST_CASE("cajal morph --branches prints a table after the summary", "[cli]") {
    const auto r = morph_stdout(quoted(asc("soma_contour.asc")) + " --branches");
    REQUIRE(r.status == 0);
    const auto lines = cajal::test::cli::lines(r.out);
    const auto title = std::find_if(lines.begin(), lines.end(),
                                    [](const std::string& l) { return l.starts_with("branches (distances"); });
    REQUIRE(title != lines.end());
    CHECK(*title == "branches (distances along the cell from branch 0 at x = 0.5):");
    REQUIRE(lines.end() - title == 6);  // the title, the header, four branches
    CHECK(title[2].starts_with("     0  soma (1)"));
    CHECK(title[3].find("axon (2)") != std::string::npos);
    CHECK(title[3].find("       0       0.5") != std::string::npos);  // on branch 0 at 0.5
}

TEST_CASE("cajal morph --label-branches writes each index on the drawing", "[cli]") {
    scratch_dir dir("labels");
    const auto svg = dir.path / "cell.svg";
    const auto r = morph(quoted(asc("branching.asc")) + " --svg " + quoted(svg) + " --label-branches");
    REQUIRE(r.status == 0);
    const std::string text = read_text(svg);
    for (int b = 0; b < 8; ++b) CHECK(text.find(">" + std::to_string(b) + "</text>") != std::string::npos);
    const auto plain = morph(quoted(asc("branching.asc")) + " --svg " + quoted(svg));
    REQUIRE(plain.status == 0);
    CHECK(read_text(svg).find(">7</text>") == std::string::npos);
    // Labels need a drawing.
    const auto alone = morph(quoted(asc("branching.asc")) + " --label-branches");
    CHECK(alone.status == 2);
    CHECK(alone.out.find("--label-branches requires --svg") != std::string::npos);
}

TEST_CASE("cajal morph --policy per-length needs a positive step", "[cli]") {
    const auto r = morph(quoted(asc("branching.asc")) + " --policy per-length:0");
    CHECK(r.status == 2);
    CHECK(r.out.find("the per-length step must be a positive number") != std::string::npos);
    const auto table = morph_stdout(quoted(asc("branching.asc")) + " --policy per-length:40");
    REQUIRE(table.status == 0);
    CHECK(table.out.find("CV policy: per-length (1 + 2 int(L / 40 µm) per branch)") != std::string::npos);
}
