// The label language (docs/labels.md) on the hand-built cell of
// small_cell.hpp, where every answer is known by hand: distances from the
// soma's centre are 5 + 45x on the axon, 5 + √325·x and then 5 + √325 + 10x on
// the basal dendrites, 95x on the apical one and 95 + 10x after it.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <cajal/morphology/labels.hpp>
#include <cajal/morphology/path_distance.hpp>

#include "small_cell.hpp"

using namespace cajal;
using Catch::Matchers::Contains;

namespace {

struct piece_of {
    std::size_t branch;
    double x0, x1;
};

// Intervals equal to `expected` within 1e-12 in x.
bool same(const std::vector<branch_interval>& got, const std::vector<piece_of>& expected) {
    if (got.size() != expected.size()) return false;
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (got[i].branch != expected[i].branch || std::fabs(got[i].x0 - expected[i].x0) > 1e-12 || std::fabs(got[i].x1 - expected[i].x1) > 1e-12) {
            return false;
        }
    }
    return true;
}

bool same(const std::vector<location>& got, const std::vector<location>& expected) {
    if (got.size() != expected.size()) return false;
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (got[i].branch != expected[i].branch || std::fabs(got[i].x - expected[i].x) > 1e-12) return false;
    }
    return true;
}

std::string text(const std::vector<branch_interval>& r) {
    std::string out;
    for (const auto& i: r) out += "(" + std::to_string(i.branch) + " " + std::to_string(i.x0) + " " + std::to_string(i.x1) + ")";
    return out;
}

std::string text(const std::vector<location>& l) {
    std::string out;
    for (const auto& i: l) out += "(" + std::to_string(i.branch) + " " + std::to_string(i.x) + ")";
    return out;
}

struct fixture {
    morphology m = test::small_cell();
    std::map<std::string, std::string> labels;

    label_context context() {
        label_context c;
        c.morph = &m;
        c.labels = &labels;
        return c;
    }
    std::vector<branch_interval> region(const std::string& e) { return evaluate_region(e, context()); }
    std::vector<location> locset(const std::string& e) { return evaluate_locset(e, context()); }
};

const double dend2 = std::sqrt(325.0);

} // namespace

TEST_CASE("path distances from the soma's centre on the hand-built cell", "[labels]") {
    const auto m = test::small_cell();
    const path_distance d(m, default_distance_origin(m));
    CHECK(d.at(0, 0.5) == 0);
    CHECK(d.at(0, 0) == Approx(5));
    CHECK(d.at(0, 1) == Approx(5));
    CHECK(d.at(1, 0.5) == Approx(5 + 22.5));
    CHECK(d.at(3, 1) == Approx(5 + dend2 + 10));
    CHECK(d.at(4, 0.5) == Approx(47.5));
    CHECK(d.at(5, 1) == Approx(105));
    // From a point on the apical dendrite: back through the soma to the axon.
    const path_distance from_apic(m, {4, 0.5});
    CHECK(from_apic.at(4, 0) == Approx(47.5));
    CHECK(from_apic.at(4, 1) == Approx(47.5));
    CHECK(from_apic.at(1, 1) == Approx(47.5 + 5 + 45));
    CHECK(from_apic.at(0, 0.5) == Approx(47.5));
}

TEST_CASE("regions by distance are cut where the distance crosses the bounds", "[labels]") {
    fixture f;
    auto r = f.region("(distance-lt 50)");
    INFO(text(r));
    CHECK(same(r, {{0, 0, 1}, {1, 0, 1}, {2, 0, 1}, {3, 0, 1}, {4, 0, 50.0 / 95}}));
    r = f.region("(distance-between 40 100)");
    INFO(text(r));
    CHECK(same(r, {{1, 35.0 / 45, 1}, {4, 40.0 / 95, 1}, {5, 0, 0.5}}));
    r = f.region("(distance-gt 90)");
    CHECK(same(r, {{4, 90.0 / 95, 1}, {5, 0, 1}}));
    // On the soma the distance falls to 0 at its middle and rises again.
    CHECK(same(f.region("(intersect soma (distance-gt 2.5))"), {{0, 0, 0.25}, {0, 0.75, 1}}));
    CHECK_THROWS_WITH(f.region("(distance-between 50 40)"), "column 1: the lower distance is above the upper one");
}

TEST_CASE("region algebra: tags, branches, joins, intersections, differences, complements", "[labels]") {
    fixture f;
    CHECK(same(f.region("(tag 3)"), {{2, 0, 1}, {3, 0, 1}}));
    CHECK(same(f.region("(tag 1 7)"), {{0, 0, 1}, {5, 0, 1}}));
    CHECK(same(f.region("(branch 5 1)"), {{1, 0, 1}, {5, 0, 1}}));
    CHECK(same(f.region("(join apic (tag 7) apic)"), {{4, 0, 1}, {5, 0, 1}}));
    CHECK(same(f.region("(intersect apic (distance-lt 50))"), {{4, 0, 50.0 / 95}}));
    CHECK(same(f.region("(difference all (tag 3))"), {{0, 0, 1}, {1, 0, 1}, {4, 0, 1}, {5, 0, 1}}));
    CHECK(same(f.region("(complement (join soma dend apic))"), {{1, 0, 1}, {5, 0, 1}}));
    CHECK(same(f.region("(difference apic (distance-between 19 38))"), {{4, 0, 0.2}, {4, 0.4, 1}}));
    CHECK(same(f.region("(subtree (location 4 0.5))"), {{4, 0.5, 1}, {5, 0, 1}}));
    CHECK(same(f.region("(subtree (location 2 1))"), {{2, 1, 1}, {3, 0, 1}}));
    CHECK(same(f.region("(apical-trunk)"), {{4, 0, 1}}));
    CHECK(f.region("(tag 12)").empty());
    CHECK(same(f.region("dend|type:7"), {{2, 0, 1}, {3, 0, 1}, {5, 0, 1}}));
}

TEST_CASE("locsets: terminals, points at a distance, proximal ends, widest, samples", "[labels]") {
    fixture f;
    INFO("terminals: " << text(f.locset("(terminals)")));
    CHECK(same(f.locset("(terminals)"), {{1, 1}, {3, 1}, {5, 1}}));
    CHECK(same(f.locset("(terminals dend)"), {{3, 1}}));
    CHECK(same(f.locset("(on-distance 50 all)"), {{1, 1}, {4, 50.0 / 95}}));
    CHECK(same(f.locset("(on-distance 2.5 soma)"), {{0, 0.25}, {0, 0.75}}));
    CHECK(same(f.locset("(proximal apic)"), {{4, 0}}));
    // Where each piece of a region begins: the type-7 branch continues the apical piece.
    CHECK(same(f.locset("(proximal (distance-between 40 100))"), {{1, 35.0 / 45}, {4, 40.0 / 95}}));
    // The apical radius falls from 2 to 1 µm.
    CHECK(same(f.locset("(widest (join (location 4 0.9) (location 4 0.1) (location 3 0.5)))"), {{4, 0.1}}));
    CHECK(same(f.locset("soma"), {{0, 0.5}}));
    CHECK(same(f.locset("(root)"), {{0, 0}}));
    CHECK(same(f.locset("sample:42"), {{4, 0.25}}));
    CHECK(same(f.locset("(sample 10)"), {{2, 1}}));
    CHECK(same(f.locset("(restrict (terminals) (join axon dend))"), {{1, 1}, {3, 1}}));
    CHECK(f.locset("(on-distance 500 all)").empty());
}

TEST_CASE("uniform locsets are reproducible, spread by length and sorted along the cell", "[labels]") {
    fixture f;
    const auto a = f.locset("(uniform (join apic axon) 2000 7)");
    REQUIRE(a.size() == 2000);
    CHECK(same(a, f.locset("(uniform (join apic axon) 2000 7)")));
    CHECK(!same(a, f.locset("(uniform (join apic axon) 2000 8)")));
    std::size_t on_apic = 0;
    double mean_x = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        REQUIRE((a[i].branch == 1 || a[i].branch == 4));
        if (i > 0) CHECK((a[i - 1].branch < a[i].branch || (a[i - 1].branch == a[i].branch && a[i - 1].x <= a[i].x)));
        on_apic += a[i].branch == 4;
        mean_x += a[i].x;
    }
    // 95 of the 140 µm are apical: binomial sd √(2000·p·(1−p)) ≈ 21, so 5 sd is ±105.
    CHECK(std::fabs(double(on_apic) - 2000 * 95.0 / 140) < 105);
    // Uniform in x on each branch: mean 0.5, sd of the mean 0.29/√2000 ≈ 0.0065.
    CHECK(std::fabs(mean_x / 2000 - 0.5) < 0.035);
    // Only within the region.
    for (const auto& l: f.locset("(uniform (distance-between 40 60) 100 1)")) {
        const double d = l.branch == 1 ? 5 + 45 * l.x : 95 * l.x;
        CHECK(d >= 40 - 1e-9);
        CHECK(d <= 60 + 1e-9);
    }
    CHECK(f.locset("(uniform (tag 12) 10 1)").empty());
}

TEST_CASE("labels name regions and locsets, and are checked for loops", "[labels]") {
    fixture f;
    f.labels = {{"hot", "(intersect apic (distance-between 40 60))"}, {"hot-start", "(proximal hot)"}, {"upper", "(join hot (tag 7))"}};
    CHECK(same(f.region("hot"), {{4, 40.0 / 95, 60.0 / 95}}));
    CHECK(same(f.region("(region hot)"), {{4, 40.0 / 95, 60.0 / 95}}));
    CHECK(same(f.locset("hot-start"), {{4, 40.0 / 95}}));
    CHECK(same(f.locset("(locset \"hot-start\")"), {{4, 40.0 / 95}}));
    CHECK(same(f.region("upper"), {{4, 40.0 / 95, 60.0 / 95}, {5, 0, 1}}));
    CHECK(kind_of("hot", f.context()) == label_kind::region);
    CHECK(kind_of("hot-start", f.context()) == label_kind::locset);
    CHECK(kind_of("(join hot-start (terminals))", f.context()) == label_kind::locset);

    f.labels = {{"a", "(join b)"}, {"b", "(intersect a apic)"}};
    CHECK_THROWS_WITH(f.region("a"), Contains("refers to itself"));
    f.labels = {{"a", "(join apic nowhere)"}};
    CHECK_THROWS_WITH(f.region("(join soma a)"), "column 12: in label 'a': column 12: unknown name 'nowhere'; regions: all, soma, axon, dend, apic, "
                                                 "type:N; locsets: soma, sample:ID; labels: a");
}

TEST_CASE("faults in expressions name the column and what was expected", "[labels]") {
    fixture f;
    CHECK_THROWS_WITH(f.region("(tag)"), "column 1: (tag T ...) needs at least one type");
    CHECK_THROWS_WITH(f.region("(distance-lt far)"), "column 14: expected a number");
    CHECK_THROWS_WITH(f.region("(distance-lt 1 2)"), "column 1: (distance-lt) takes 1 argument, not 2");
    CHECK_THROWS_WITH(f.region("(tag 1.5)"), "column 6: expected a whole number of at least 0");
    CHECK_THROWS_WITH(f.region("(join soma (fork 2))"), Contains("column 13: unknown function 'fork'"));
    CHECK_THROWS_WITH(f.region("(join soma (tag 3)"), "column 1: this '(' is never closed");
    CHECK_THROWS_WITH(f.region("(join soma))"), "column 12: unexpected ')' after the expression");
    CHECK_THROWS_WITH(f.region("()"), "column 1: an empty list; expected (FUNCTION ARGUMENTS...)");
    CHECK_THROWS_WITH(f.region("(terminals)"), "column 1: expected a region here, not a locset or a value");
    CHECK_THROWS_WITH(f.locset("(join (terminals) apic)"), "column 19: expected a locset here, not the region 'apic'");
    CHECK_THROWS_WITH(f.locset("(join (terminals) (tag 3))"), "column 19: expected a locset here, not a region or a value");
    CHECK_THROWS_WITH(f.region("(branch 6)"), "column 9: no branch 6 (the cell has 6)");
    CHECK_THROWS_WITH(f.locset("(location 1 1.5)"), Contains("outside [0, 1]"));
    CHECK_THROWS_WITH(f.locset("(sample 77)"), Contains("no sample with id 77"));
    CHECK_THROWS_WITH(f.locset("(cv-centres apic)"), "column 1: (cv-centres) needs the cell's discretization, which is not known here");
    // Nesting deep enough to exhaust the stack is refused.
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "(join ";
    CHECK_THROWS_WITH(f.region(deep + "soma" + std::string(100000, ')')), Contains("nests deeper than"));
}

TEST_CASE("cv-centres and widest use the discretization when it is known", "[labels]") {
    fixture f;
    const auto disc = discretize(f.m, std::vector<int>{1, 3, 1, 1, 5, 1});
    auto c = f.context();
    c.discretized = [&] { return &disc; };
    CHECK(same(evaluate_locset("(cv-centres apic)", c), {{4, 0.1}, {4, 0.3}, {4, 0.5}, {4, 0.7}, {4, 0.9}}));
    CHECK(same(evaluate_locset("(cv-centres axon)", c), {{1, 1.0 / 6}, {1, 0.5}, {1, 5.0 / 6}}));
    // Within one CV the diameters are equal: the first location of the widest CV wins.
    CHECK(same(evaluate_locset("(widest (join (location 4 0.15) (location 4 0.05)))", c), {{4, 0.15}}));
}
