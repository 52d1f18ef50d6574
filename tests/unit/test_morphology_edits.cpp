// Edits, path distances, mean diameters and the per-length rule on hand-made
// cells, where every answer can be worked out on paper.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/edits.hpp>
#include <cajal/morphology/path_distance.hpp>

#include "test_support.hpp"

using namespace cajal;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {

branch straight(std::ptrdiff_t parent, double parent_x, int type, point3 from, point3 to) {
    branch b;
    b.parent = parent;
    b.parent_x = parent_x;
    b.type = type;
    b.points = {from, to};
    return b;
}

// A soma along x (0..10, radius 5), an axon of two branches down y from its
// middle, a dendrite up y from its end, and a dendrite's child; samples on each.
morphology small_cell() {
    std::vector<branch> b{
        straight(-1, 1, swc_soma, {0, 0, 0, 5}, {10, 0, 0, 5}),
        straight(0, 0.5, swc_axon, {5, 0, 0, 1}, {5, -20, 0, 0.5}),
        straight(1, 1, swc_axon, {5, -20, 0, 0.5}, {5, -60, 0, 0.25}),
        straight(0, 1, swc_basal, {10, 0, 0, 2}, {10, 30, 0, 1}),
        straight(3, 1, swc_basal, {10, 30, 0, 1}, {10, 70, 0, 1}),
    };
    std::vector<sample_site> samples{{1, 0, 0.5}, {2, 1, 1.0}, {3, 2, 1.0}, {4, 3, 1.0}, {5, 4, 1.0}};
    return morphology(std::move(b), std::move(samples), {});
}

} // namespace

TEST_CASE("Path distances along the cell", "[morphology][edits]") {
    const auto m = small_cell();
    const path_distance d(m, {0, 0.5});
    CHECK(d.at(0, 0) == 5);
    CHECK(d.at(0, 1) == 5);
    CHECK(d.at(1, 0) == 0);
    CHECK(d.at(1, 1) == 20);
    CHECK(d.at(2, 1) == 60);
    CHECK(d.at(3, 0) == 5);
    CHECK(d.at(4, 1) == 75);
    // Between two dendrite places, through their common branch; from the axon
    // to the dendrite, through the soma.
    CHECK(path_distance(m, {4, 0.5}).at(3, 0.5) == 35);
    CHECK(path_distance(m, {2, 0.5}).at(4, 0.25) == 20 + 20 + 5 + 30 + 10);
    CHECK_THROWS_AS(path_distance(m, {7, 0.5}), location_error);
}

TEST_CASE("Mean diameter over an interval, as NEURON's segment diam", "[morphology][edits]") {
    const auto m = small_cell();
    CHECK(m.mean_diameter(0, 0, 1) == 10);
    CHECK_THAT(m.mean_diameter(1, 0, 1), WithinRel(1.5, 1e-15));           // 2 → 1 µm
    CHECK_THAT(m.mean_diameter(1, 0.5, 1), WithinRel(1.25, 1e-15));
    CHECK(m.mean_diameter(1, 0.5, 0.5) == 1.5);  // an empty interval: the diameter there
}

TEST_CASE("The per-length rule: 1 + 2 int(L / step) segments", "[morphology][edits][cv]") {
    std::vector<branch> b{
        straight(-1, 1, swc_soma, {0, 0, 0, 5}, {39.5, 0, 0, 5}),
        straight(0, 1, swc_basal, {39.5, 0, 0, 1}, {79.5, 0, 0, 1}),
        straight(1, 1, swc_basal, {79.5, 0, 0, 1}, {160.5, 0, 0, 1}),
    };
    const morphology m(std::move(b), {}, {});
    CHECK(segments_per_branch(m, cv_policy::per_length(40)) == std::vector<int>{1, 3, 5});
    CHECK(segments_per_branch(m, cv_policy::per_length(10)) == std::vector<int>{7, 9, 17});
    CHECK_THROWS_WITH(segments_per_branch(m, cv_policy::per_length(0)), Contains("per-length step must be a positive"));
}

TEST_CASE("Hay's stub: two cylinders at the soma's middle in place of the axon", "[morphology][edits]") {
    const auto m = replace_axon(small_cell(), hay_axon_stub());
    REQUIRE(m.num_branches() == 5);
    CHECK(m.branch_at(1).type == swc_axon);
    CHECK(m.branch_at(1).parent == 0);
    CHECK(m.branch_at(1).parent_x == 0.5);
    CHECK(m.branch_at(2).parent == 1);
    CHECK(m.branch_at(2).parent_x == 1);
    CHECK(m.branch_at(4).parent == 3);  // the dendrites keep their tree
    for (std::size_t b: {1, 2}) {
        CHECK(m.length(b) == 30);
        CHECK_THAT(m.area(b), WithinRel(std::numbers::pi * 30, 1e-15));
        CHECK_THAT(m.axial_resistance(b, 100), WithinRel(100 * 30 / (std::numbers::pi / 4) * 1e-2, 1e-15));
    }
    // Drawn along the old axon, from the soma's middle.
    CHECK(m.branch_at(1).points.front().x == 5);
    CHECK(m.branch_at(2).points.back().y == -60);
    // Samples on the old axon are gone; the others follow their branches.
    CHECK(m.find_sample(2) == nullptr);
    CHECK(m.find_sample(4)->branch == 3);
}

TEST_CASE("BluePyOpt's stub diameters from the reconstructed axon", "[morphology][edits]") {
    const auto m = small_cell();
    // axon[0] (2 → 1 µm, middle 10 µm from the soma's middle) gives the first;
    // axon[1] (1 → 0.5 µm, middle 40 µm away) is within 60 µm, so the second is
    // axon[0]'s too. With one segment each, diam is the mean over the branch.
    const axon_stub stub = bluepyopt_axon_stub(m, {1, 1, 1, 1, 1});
    CHECK(stub.soma_x == 1);
    CHECK_THAT(stub.sections[0].diameter, WithinRel(1.5, 1e-15));
    CHECK_THAT(stub.sections[1].diameter, WithinRel(1.5, 1e-15));
    // With three segments, diam is the middle segment's.
    CHECK_THAT(bluepyopt_axon_stub(m, {1, 3, 1, 1, 1}).sections[0].diameter, WithinRel(1.5, 1e-15));
    const auto without_axon = keep_types(m, {swc_soma, swc_basal});
    const axon_stub none = bluepyopt_axon_stub(without_axon, {1, 1, 1});
    CHECK(none.sections[0].diameter == 1);
    CHECK(none.sections[1].diameter == 1);
    // No axon: the stub goes before the first dendrite.
    const auto restubbed = replace_axon(without_axon, none);
    CHECK(restubbed.branch_at(1).type == swc_axon);
    CHECK(restubbed.branch_at(1).parent_x == 1);
    CHECK(restubbed.branch_at(3).type == swc_basal);
    CHECK_THROWS_WITH(bluepyopt_axon_stub(m, {1, 1}), Contains("2 segment counts for 5 branches"));
}

TEST_CASE("keep_types keeps whole trees or says why not", "[morphology][edits]") {
    const auto m = small_cell();
    const auto dendrites = keep_types(m, {swc_soma, swc_basal});
    CHECK(dendrites.num_branches() == 3);
    CHECK(dendrites.branch_at(2).parent == 1);
    CHECK(dendrites.samples().size() == 3);
    CHECK_THROWS_WITH(keep_types(m, {swc_basal}), Contains("the root, branch 0 (type 1), is not of a kept type"));
    // A dendrite on the axon: removing the axon would cut it off.
    std::vector<branch> b{
        straight(-1, 1, swc_soma, {0, 0, 0, 5}, {10, 0, 0, 5}),
        straight(0, 1, swc_axon, {10, 0, 0, 1}, {20, 0, 0, 1}),
        straight(1, 1, swc_basal, {20, 0, 0, 1}, {30, 0, 0, 1}),
    };
    const morphology odd(std::move(b), {}, {});
    CHECK_THROWS_WITH(keep_types(odd, {swc_soma, swc_basal}),
                      Contains("branch 2 (type 3) hangs from branch 1 (type 2), which is removed"));
    CHECK_THROWS_WITH(replace_axon(odd, hay_axon_stub()), Contains("replace_axon: branch 2 (type 3) hangs from"));
}

TEST_CASE("replace_axon needs a soma and cylinders of some size", "[morphology][edits]") {
    const morphology axon_only({straight(-1, 1, swc_axon, {0, 0, 0, 1}, {10, 0, 0, 1})}, {}, {});
    CHECK_THROWS_WITH(replace_axon(axon_only, hay_axon_stub()), Contains("no soma branch"));
    CHECK_THROWS_WITH(replace_axon(small_cell(), axon_stub{{{30, 0}}, 0.5}), Contains("positive length and diameter"));
    CHECK_THROWS_WITH(replace_axon(small_cell(), axon_stub{{{30, 1}}, 1.5}), Contains("soma_x must lie in [0, 1]"));
}
