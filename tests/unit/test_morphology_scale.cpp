// Reconstructions of a million samples, in every shape that once made a step
// of loading super-linear, are read, discretized under each policy, summarized
// and drawn. CTest runs each case with a 60 s timeout (tests/CMakeLists.txt), so
// a quadratic step fails. The tag is hidden: a plain `cajal_unit_tests` skips
// them; `cajal_unit_tests "[morphology_scale]"` or `ctest -L morphology_scale`
// runs them alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <numeric>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <cajal/io/morphology_summary.hpp>
#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/labels.hpp>
#include <cajal/morphology/region.hpp>

#include "large_swc.hpp"
#include "test_support.hpp"

using namespace cajal;
using test::swc_shape;

namespace {

constexpr std::size_t million = 1'000'000;

struct expected {
    std::size_t samples = 0;   // kept in the morphology
    std::size_t branches = 0;  // 0: not checked
};

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Loads, discretizes, locates, summarizes and draws the shape, through the
// library and through `cajal morph`; returns the morphology for further checks.
morphology check_shape(swc_shape shape, const expected& want) {
    const bool soma_tree_only = shape == swc_shape::forest;
    test::temp_folder dir;
    const auto file = dir.path / "cell.swc";
    test::write_large_swc(file, shape, million);

    morphology_options options;
    options.swc.soma_tree_only = soma_tree_only;
    morphology m = load_morphology(file, options);
    CHECK(m.samples().size() == want.samples);
    if (want.branches > 0) CHECK(m.num_branches() == want.branches);

    std::size_t lambda_cvs = 0;
    for (const cv_policy& policy: {cv_policy::fixed(3), cv_policy::max_extent(10), cv_policy::lambda_rule()}) {
        INFO(describe_cv_policy(policy));
        const discretization d = discretize(m, policy);
        const auto segments = static_cast<std::size_t>(std::accumulate(d.segments.begin(), d.segments.end(), 0L));
        CHECK(d.size() == segments + m.num_branches() + 1);
        std::size_t out_of_order = 0;
        for (std::size_t i = 1; i < d.size(); ++i) out_of_order += d.parent[i] >= static_cast<std::ptrdiff_t>(i);
        CHECK(out_of_order == 0);
        lambda_cvs = d.size();
    }
    CHECK(resolve_location(m, "soma").branch == 0);
    CHECK(resolve_region(m, "all").size() == m.num_branches());
    const morphology_summary summary = summarize_morphology(m, file.string(), cv_policy::lambda_rule());
    CHECK(summary.total.cvs == lambda_cvs);
    CHECK_THAT(format_summary_table(summary), Catch::Contains(std::to_string(m.num_branches()) + " branches"));

    const auto svg = dir.path / "cell.svg";
    const auto r = test::run_command(std::string(CAJAL_CLI) + " morph '" + file.string() + "' --json --svg '" +
                                     svg.string() + "'" + (soma_tree_only ? " --soma-tree-only" : "") + " 2>/dev/null");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("samples") == want.samples);
    CHECK(j.at("total").at("cvs") == lambda_cvs);
    CHECK_THAT(read_text(svg), Catch::EndsWith("</svg>\n"));
    return m;
}

} // namespace

TEST_CASE("a million-sample unbranched chain loads in linear time", "[.][morphology_scale]") {
    // The soma sample, read as a sphere, and one dendrite of the rest.
    check_shape(swc_shape::chain, {million, 2});
}

TEST_CASE("a million-sample binary tree loads in linear time", "[.][morphology_scale]") {
    // 249,999 branches of 4 samples on the soma sample.
    check_shape(swc_shape::binary, {1 + 4 * 249'999, 1 + 249'999});
}

TEST_CASE("a comb of branches nested half a million deep loads in linear time", "[.][morphology_scale]") {
    // 499,999 spine samples with a tooth each: every spine sample but the last
    // is a branch of its own, as is every tooth but the last, which continues
    // the last spine sample's branch; and the soma.
    check_shape(swc_shape::comb, {1 + 2 * 499'999, 1 + 2 * 499'999 - 1});
}

TEST_CASE("a star of half a million dendrites on the soma loads in linear time", "[.][morphology_scale]") {
    check_shape(swc_shape::star, {1 + 2 * 499'999, 1 + 499'999});
}

TEST_CASE("the soma's tree of a million-sample forest is kept in linear time", "[.][morphology_scale]") {
    // The chain on half the samples; 1000 soma-less trees dropped with a warning.
    const morphology m = check_shape(swc_shape::forest, {million / 2, 2});
    REQUIRE(!m.warnings().empty());
    CHECK_THAT(m.warnings().front().message, Catch::Contains("dropped 500000 samples in 1000 other trees"));
}

TEST_CASE("a million samples with ids in random order load in linear time", "[.][morphology_scale]") {
    const morphology m = check_shape(swc_shape::shuffled, {1 + 4 * 249'999, 0});
    std::vector<bool> seen(m.samples().size() + 1, false);
    for (const sample_site& s: m.samples()) seen.at(static_cast<std::size_t>(s.id)) = true;
    CHECK(std::count(seen.begin() + 1, seen.end(), true) == static_cast<std::ptrdiff_t>(m.samples().size()));
    // Locations at samples, as a model with many synapses names them: each
    // lookup must not scan the samples.
    std::size_t misplaced = 0;
    for (std::size_t k = 0; k < m.samples().size(); k += 7) {
        const sample_site& s = m.samples()[k];
        const location at = resolve_location(m, "sample:" + std::to_string(s.id));
        misplaced += at.branch != s.branch || at.x != s.x;
    }
    CHECK(misplaced == 0);
}

TEST_CASE("a soma of half a million samples loads in linear time", "[.][morphology_scale]") {
    // A soma comb of 249,999 spine samples and their teeth: 2 × 249,999 - 1 soma
    // branches (the root joins the first spine sample, the last tooth continues
    // the last spine sample); 50,000 dendrites of 10 samples.
    const morphology m = check_shape(swc_shape::soma, {1 + 2 * 249'999 + 50'000 * 10, 2 * 249'999 - 1 + 50'000});
    CHECK(resolve_region(m, "soma").size() == 2 * 249'999 - 1);
}

// `cajal run` on the deepest and the widest shapes: reading, preparing
// (every CV tested against the painted regions), lowering and stepping stay
// linear too.
TEST_CASE("cajal run simulates a million-sample comb and binary tree in linear time", "[.][morphology_scale]") {
    for (const auto shape: {swc_shape::comb, swc_shape::binary}) {
        INFO(test::to_string(shape));
        test::temp_folder dir;
        test::write_large_swc(dir.path / "cell.swc", shape, million);
        std::ofstream(dir.path / "model.json") << R"({"cell": {"morphology": {"file": "cell.swc"},
            "paint": [{"region": "all", "mechanism": "pas"}, {"region": "soma", "mechanism": "hh"}, {"region": "all", "cm": 2}],
            "place": [{"label": "stim", "location": "soma", "mechanism": "IClamp", "parameters": {"del": 0, "dur": 1, "amp": 0.1}}]},
            "probes": [{"name": "v", "location": "soma", "variable": "v"}],
            "simulation": {"tstop": 0.1, "backend": "cpu"}})";
        const auto r = test::run_command(std::string(CAJAL_CLI) + " run '" + (dir.path / "model.json").string() + "' -q -o '" +
                                         (dir.path / "out").string() + "' 2>&1");
        INFO(r.out);
        REQUIRE(r.status == 0);
        const auto summary = nlohmann::json::parse(read_text(dir.path / "out" / "summary.json"));
        CHECK(summary.at("steps") == 4);
        CHECK(summary.at("cvs").get<std::size_t>() > million / 2);
    }
}

// Neurolucida files of a million points: the lexer, the parser (the comb
// nests its branches half a million deep, without recursion), the soma
// contour and the trees joined to it stay linear too.
TEST_CASE("million-point ASC files load in linear time", "[.][morphology_scale]") {
    for (const auto shape: {swc_shape::chain, swc_shape::binary, swc_shape::comb}) {
        INFO(test::to_string(shape));
        test::temp_folder dir;
        const auto file = dir.path / "cell.asc";
        const std::size_t points = test::write_large_asc(file, shape, million);
        const morphology m = load_morphology(file);
        CHECK(m.samples().size() == points);
        CHECK(m.branch_at(0).type == swc_soma);
        const discretization d = discretize(m, cv_policy::per_length(40));
        CHECK(d.size() > m.num_branches());
        const auto r = test::run_command(std::string(CAJAL_CLI) + " morph '" + file.string() + "' --json --branches 2>/dev/null");
        REQUIRE(r.status == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j.at("samples") == points);
        CHECK(j.at("branch_list").size() == m.num_branches());
    }
}
