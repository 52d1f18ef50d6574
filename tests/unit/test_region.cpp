// Named regions (branches by SWC type, and their '|' unions) and locations
// (soma centre, SWC samples, checked branch positions) on a small hand-built
// cell, and the soma centre of the real cells in ../shared/data/swc.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <cajal/morphology/labels.hpp>
#include <cajal/morphology/region.hpp>

#include "small_cell.hpp"
#include "test_support.hpp"

using namespace cajal;
using Catch::Matchers::Contains;

namespace {

using test::piece;
using test::small_cell;

std::vector<std::size_t> branches_of(const std::vector<branch_interval>& region) {
    std::vector<std::size_t> out;
    for (const auto& piece_of: region) {
        CHECK(piece_of.x0 == 0);
        CHECK(piece_of.x1 == 1);
        out.push_back(piece_of.branch);
    }
    return out;
}

using ids = std::vector<std::size_t>;

} // namespace

TEST_CASE("named regions select branches by SWC type", "[region]") {
    const auto m = small_cell();
    CHECK(branches_of(resolve_region(m, "all")) == ids{0, 1, 2, 3, 4, 5});
    CHECK(branches_of(resolve_region(m, "soma")) == ids{0});
    CHECK(branches_of(resolve_region(m, "axon")) == ids{1});
    CHECK(branches_of(resolve_region(m, "dend")) == ids{2, 3});
    CHECK(branches_of(resolve_region(m, "apic")) == ids{4});
    CHECK(branches_of(resolve_region(m, "type:7")) == ids{5});
    CHECK(branches_of(resolve_region(m, "type:3")) == ids{2, 3});
    CHECK(resolve_region(m, "type:12").empty());
}

TEST_CASE("unions of regions hold each branch once, in branch order", "[region]") {
    const auto m = small_cell();
    CHECK(branches_of(resolve_region(m, "apic|dend")) == ids{2, 3, 4});
    CHECK(branches_of(resolve_region(m, "soma | axon | type:7")) == ids{0, 1, 5});
    CHECK(branches_of(resolve_region(m, "dend|type:3|all")) == ids{0, 1, 2, 3, 4, 5});
}

TEST_CASE("bad region expressions name the problem and the known names", "[region]") {
    const auto m = small_cell();
    CHECK_THROWS_AS(resolve_region(m, "basal"), label_error);
    CHECK_THROWS_WITH(resolve_region(m, "dend|basal"), "unknown name 'basal'; regions: all, soma, axon, dend, apic, type:N; locsets: soma, sample:ID");
    CHECK_THROWS_WITH(resolve_region(m, ""), Contains("an empty expression"));
    CHECK_THROWS_WITH(resolve_region(m, "soma|"), "an empty name in 'soma|'; names are joined with '|' as in dend|apic");
    CHECK_THROWS_WITH(resolve_region(m, "type:"), "'type:' needs a whole SWC type after 'type:'");
    CHECK_THROWS_WITH(resolve_region(m, "type:-1"), Contains("needs a whole SWC type"));
    CHECK_THROWS_WITH(resolve_region(m, "type:3x"), Contains("needs a whole SWC type"));
}

TEST_CASE("the soma location is the middle of the soma branch nearest the root", "[region]") {
    const auto m = small_cell();
    const auto soma = resolve_location(m, "soma");
    CHECK(soma.branch == 0);
    CHECK(soma.x == 0.5);
    // For the three-point soma that is the centre sample.
    const auto centre = m.point_at(soma.branch, soma.x);
    CHECK(centre.x == 0);
    CHECK(centre.y == 0);

    // A soma of two branches listed after a dendrite: the one nearer the root wins.
    const morphology split({piece(2, 1, swc_basal, {{10, 0, 0, 1}, {20, 0, 0, 1}}),
                            piece(2, 1, swc_soma, {{4, 0, 0, 3}, {10, 0, 0, 2}}),
                            piece(-1, 1, swc_soma, {{0, 0, 0, 4}, {4, 0, 0, 3}})},
                           {}, {});
    const auto s2 = resolve_location(split, "soma");
    CHECK(s2.branch == 2);
    CHECK(s2.x == 0.5);

    const morphology no_soma({piece(-1, 1, swc_basal, {{0, 0, 0, 1}, {10, 0, 0, 1}})}, {}, {});
    CHECK_THROWS_AS(resolve_location(no_soma, "soma"), location_error);
    CHECK_THROWS_WITH(resolve_location(no_soma, "soma"), Contains("has no soma"));
}

TEST_CASE("sample locations come from the morphology's samples", "[region]") {
    const auto m = small_cell();
    const auto s42 = resolve_location(m, "sample:42");
    CHECK(s42.branch == 4);
    CHECK(s42.x == 0.25);
    const auto s10 = resolve_location(m, "sample:10");
    CHECK(s10.branch == 2);
    CHECK(s10.x == 1.0);
    CHECK_THROWS_WITH(resolve_location(m, "sample:7"), Contains("no sample with id 7"));
    CHECK_THROWS_WITH(resolve_location(m, "sample:"), Contains("integer sample id"));
    CHECK_THROWS_WITH(resolve_location(m, "sample:4.5"), Contains("integer sample id"));
    CHECK_THROWS_WITH(resolve_location(m, "centre"), Contains("unknown location 'centre'") && Contains("soma, sample:ID"));
}

TEST_CASE("branch locations are checked", "[region]") {
    const auto m = small_cell();
    const auto l = make_location(m, 3, 0.75);
    CHECK(l.branch == 3);
    CHECK(l.x == 0.75);
    CHECK(make_location(m, 5, 0).x == 0);
    CHECK(make_location(m, 5, 1).x == 1);
    CHECK_THROWS_AS(make_location(m, 6, 0.5), location_error);
    CHECK_THROWS_WITH(make_location(m, 6, 0.5), Contains("branch 6: no such branch (the morphology has 6)"));
    CHECK_THROWS_WITH(make_location(m, 1, 1.5), Contains("relative position x = 1.5 is outside [0, 1]"));
    CHECK_THROWS_WITH(make_location(m, 1, -0.1), Contains("outside [0, 1]"));
    CHECK_THROWS_WITH(make_location(m, 1, NAN), Contains("outside [0, 1]"));
}

TEST_CASE("the soma location of real cells is the soma sample's centre", "[region]") {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    // One-point soma (Allen) and three-point soma (NeuroMorpho): the first soma
    // sample is the centre in both conventions.
    for (const char* name: {"allen_515570710_rbp4_L5.swc", "NMO_49821_hippocampal_pyramidal.swc"}) {
        INFO(name);
        const auto path = *data / "swc" / name;
        const auto file = read_swc(path);
        const auto soma_sample =
            std::find_if(file.samples.begin(), file.samples.end(), [](const swc_sample& s) { return s.type == swc_soma; });
        REQUIRE(soma_sample != file.samples.end());
        const morphology m = load_morphology(path);
        const auto soma = resolve_location(m, "soma");
        CHECK(m.branch_at(soma.branch).type == swc_soma);
        const auto p = m.point_at(soma.branch, soma.x);
        CHECK(std::hypot(p.x - soma_sample->x, p.y - soma_sample->y, p.z - soma_sample->z) < 1e-3);
        // The sample location names the same point.
        const auto at_sample = resolve_location(m, "sample:" + std::to_string(soma_sample->id));
        const auto q = m.point_at(at_sample.branch, at_sample.x);
        CHECK(std::hypot(q.x - soma_sample->x, q.y - soma_sample->y, q.z - soma_sample->z) < 1e-3);
    }
}
