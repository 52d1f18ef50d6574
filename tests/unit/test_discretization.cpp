// Control volumes against hand-computed values: a uniform cylinder's CV areas
// (π d L / n), capacitances and half-segment resistances (4 Ra l / (π d²)), the
// segment counts of each policy, NEURON's node placement for children, and the
// cylinder's AC length constant 1e5·sqrt(d / (4π f Ra cm)).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include <cajal/morphology/discretization.hpp>

using namespace cajal;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {

constexpr double pi = std::numbers::pi;
constexpr double rel = 1e-12;

branch straight(std::ptrdiff_t parent, double parent_x, double length, double diameter, int type = swc_basal) {
    branch b;
    b.parent = parent;
    b.parent_x = parent_x;
    b.type = type;
    b.points = {{0, 0, 0, diameter / 2}, {length, 0, 0, diameter / 2}};
    return b;
}

// 4·Ra·l/(π d²) for Ra in Ω·cm and µm lengths, in MΩ.
double cylinder_MOhm(double Ra, double l, double d) { return 4 * Ra * (l * 1e-4) / (pi * (d * 1e-4) * (d * 1e-4)) * 1e-6; }

} // namespace

TEST_CASE("uniform cylinder CVs", "[cv]") {
    const morphology m({straight(-1, 1, 100, 2)}, {}, {});
    const double cm = 0.75, Ra = 100;
    const auto d = discretize(m, cv_policy::fixed(5), cm, Ra);
    REQUIRE(d.size() == 7);  // x = 0 node, 5 segments, x = 1 node
    CHECK(d.segments == std::vector<int>{5});
    CHECK(d.first_cv[0] == 1);
    CHECK(d.proximal_cv[0] == 0);

    CHECK(d.parent[0] == -1);
    CHECK(d.area[0] == 0);
    CHECK(d.axial_conductance[0] == 0);
    CHECK(d.node[0].x == 0);
    for (std::size_t s = 0; s < 5; ++s) {
        const std::size_t i = 1 + s;
        CHECK(d.parent[i] == static_cast<std::ptrdiff_t>(i - 1));
        CHECK_THAT(d.node[i].x, WithinRel((static_cast<double>(s) + 0.5) / 5, rel));
        CHECK_THAT(d.area[i], WithinRel(pi * 2 * 20, rel));
        CHECK_THAT(d.capacitance[i], WithinRel(pi * 2 * 20 * cm * 1e-2, rel));  // µm²·µF/cm² → pF
        const double ri = s == 0 ? cylinder_MOhm(Ra, 10, 2) : cylinder_MOhm(Ra, 20, 2);
        CHECK_THAT(d.axial_conductance[i], WithinRel(1 / ri, rel));
    }
    CHECK(d.parent[6] == 5);
    CHECK(d.node[6].x == 1);
    CHECK(d.area[6] == 0);
    CHECK(d.capacitance[6] == 0);
    CHECK_THAT(d.axial_conductance[6], WithinRel(1 / cylinder_MOhm(Ra, 10, 2), rel));
}

TEST_CASE("segment counts: fixed and maximum length", "[cv]") {
    const morphology m({straight(-1, 1, 100, 2), straight(0, 1, 90, 1), straight(0, 1, 30, 1), straight(1, 1, 5, 1)},
                       {}, {});
    CHECK(segments_per_branch(m, cv_policy::fixed(4)) == std::vector<int>{4, 4, 4, 4});
    // Smallest odd n with L / n <= 10: 100 -> 11 (10 is even), 90 -> 9, 30 -> 3 (exactly 10), 5 -> 1.
    CHECK(segments_per_branch(m, cv_policy::max_extent(10)) == std::vector<int>{11, 9, 3, 1});
    CHECK(segments_per_branch(m, cv_policy::max_extent(1000)) == std::vector<int>{1, 1, 1, 1});
    CHECK(segments_per_branch(m, cv_policy::max_extent(2.5)) == std::vector<int>{41, 37, 13, 3});
}

TEST_CASE("lambda_f and the d_lambda rule on cylinders", "[cv]") {
    const morphology m({straight(-1, 1, 1000, 1), straight(0, 1, 200, 4)}, {}, {});
    // A cylinder's lambda_f is the classic 1e5·sqrt(d / (4π f Ra cm)) µm.
    CHECK_THAT(lambda_f(m, 0, 100, 35.4, 1), WithinRel(1e5 * std::sqrt(1 / (4 * pi * 100 * 35.4)), 1e-12));
    CHECK_THAT(lambda_f(m, 1, 50, 100, 2), WithinRel(1e5 * std::sqrt(4 / (4 * pi * 50 * 100 * 2)), 1e-12));
    CHECK(lambda_f(m, 0, 100, 35.4, 0) == 1e10);

    // Branch 0: lambda = 474.1256 µm, L / (0.1 lambda) = 21.09, int(21.99 / 2) * 2 + 1 = 21.
    // Branch 1: lambda = 948.2513 µm, L / (0.1 lambda) = 2.109, int(3.009 / 2) * 2 + 1 = 3.
    CHECK(segments_per_branch(m, cv_policy::lambda_rule()) == std::vector<int>{21, 3});
    // d_lambda 0.3: 7.03 -> int(3.97) * 2 + 1 = 7 and 0.703 -> 1.
    CHECK(segments_per_branch(m, cv_policy::lambda_rule(100, 0.3)) == std::vector<int>{7, 1});
    CHECK(segments_per_branch(m, cv_policy::lambda_rule(100, 0.1, 35.4, 0)) == std::vector<int>{1, 1});
}

TEST_CASE("lambda_f of a tapered branch sums its frusta", "[cv]") {
    branch b;
    b.points = {{0, 0, 0, 1}, {30, 0, 0, 0.5}, {30, 40, 0, 1.5}};  // diameters 2, 1, 3; lengths 30, 40
    const morphology m({b}, {}, {});
    const double f = 200, Ra = 80, cm = 1.5;
    // Length in lambda units: sqrt(2)·1e-5·sqrt(4π f Ra cm) · Σ l_i / sqrt(d_i + d_i+1).
    const double units = std::sqrt(2.0) * 1e-5 * std::sqrt(4 * pi * f * Ra * cm) * (30 / std::sqrt(3.0) + 40 / std::sqrt(4.0));
    CHECK_THAT(lambda_f(m, 0, f, Ra, cm), WithinRel(70 / units, 1e-12));
}

TEST_CASE("children attach to NEURON's node at parent_x", "[cv]") {
    const morphology m({straight(-1, 1, 30, 2),   // 0: root, 3 segments
                        straight(0, 1, 10, 1),    // 1: at the root's end
                        straight(0, 0, 10, 1),    // 2: at the root's x = 0 node
                        straight(0, 0.5, 10, 1),  // 3: the root's middle segment
                        straight(0, 1.0 / 3, 10, 1), // 4: segment int(3 · 1/3) = 1, as NEURON's node_index
                        straight(1, 0, 10, 1),    // 5: x = 0 of branch 1 is the root's end node
                        straight(0, 0.9, 10, 1)}, // 6: last segment
                       {}, {});
    const auto d = discretize(m, cv_policy::fixed(3));
    REQUIRE(d.size() == 1 + 7 * 4);
    const auto seg = [&](std::size_t b, std::size_t s) { return static_cast<std::ptrdiff_t>(d.first_cv[b] + s); };
    CHECK(d.parent[d.first_cv[1]] == seg(0, 3));
    CHECK(d.parent[d.first_cv[2]] == 0);
    CHECK(d.parent[d.first_cv[3]] == seg(0, 1));
    CHECK(d.parent[d.first_cv[4]] == seg(0, 1));
    CHECK(d.parent[d.first_cv[5]] == seg(0, 3));
    CHECK(d.parent[d.first_cv[6]] == seg(0, 2));
    // The first segment's conductance is its left half alone (5/3 µm of 1 µm diameter).
    CHECK_THAT(d.axial_conductance[d.first_cv[5]], WithinRel(1 / cylinder_MOhm(35.4, 10.0 / 6, 1), rel));

    CHECK(d.cv_at(0, 0) == 0);
    CHECK(d.cv_at(0, 1) == d.first_cv[0] + 3);
    CHECK(d.cv_at(5, 0) == d.first_cv[0] + 3);
    CHECK(d.cv_at(0, 0.999) == d.first_cv[0] + 2);
    CHECK(d.cv_at(0, 0.5) == d.first_cv[0] + 1);
    CHECK_THROWS_WITH(d.cv_at(7, 0.5), Contains("branch 7 does not exist"));
    CHECK_THROWS_WITH(d.cv_at(0, 1.5), Contains("outside [0, 1]"));
}

TEST_CASE("Hines order holds whatever the branch numbering", "[cv]") {
    // Children listed before their parents; the root is the last branch.
    const morphology m({straight(2, 1, 10, 1), straight(0, 0.5, 10, 1), straight(-1, 1, 20, 2)}, {}, {});
    const auto d = discretize(m, cv_policy::fixed(2));
    REQUIRE(d.size() == 1 + 3 * 3);
    CHECK(d.parent[0] == -1);
    for (std::size_t i = 1; i < d.size(); ++i) {
        CHECK(d.parent[i] >= 0);
        CHECK(d.parent[i] < static_cast<std::ptrdiff_t>(i));
    }
    // Depth first from the root: branch 2, then 0, then 1.
    CHECK(d.first_cv[2] == 1);
    CHECK(d.first_cv[0] == 4);
    CHECK(d.first_cv[1] == 7);
    CHECK(d.node[0].branch == 2);
}

TEST_CASE("bad policies and parameters are refused", "[cv]") {
    branch pinched;
    pinched.parent = 0;
    pinched.points = {{0, 0, 0, 1}, {5, 0, 0, 0}, {10, 0, 0, 1}};
    const morphology m({straight(-1, 1, 10, 1), pinched}, {}, {});
    CHECK_THROWS_WITH(segments_per_branch(m, cv_policy::fixed(0)), Contains("at least 1, got 0"));
    CHECK_THROWS_WITH(segments_per_branch(m, cv_policy::max_extent(0)), Contains("maximum segment length"));
    CHECK_THROWS_WITH(segments_per_branch(m, cv_policy::max_extent(NAN)), Contains("maximum segment length"));
    CHECK_THROWS_WITH(segments_per_branch(m, cv_policy::lambda_rule(0)), Contains("frequency must be positive"));
    CHECK_THROWS_WITH(segments_per_branch(m, cv_policy::lambda_rule(100, -1)), Contains("d_lambda must be positive"));
    CHECK_THROWS_WITH(segments_per_branch(m, cv_policy::lambda_rule(100, 0.1, 0)), Contains("Ra must be positive"));
    CHECK_THROWS_WITH(segments_per_branch(m, cv_policy::lambda_rule(100, 0.1, 35.4, -1)), Contains("cm must be"));
    CHECK_THROWS_WITH(lambda_f(m, 1, 100, 35.4, 1), Contains("branch 1 has zero diameter at 3-d point 1"));
    CHECK_THROWS_WITH(discretize(m, cv_policy::fixed(1), -1), Contains("cm must be non-negative"));
    CHECK_THROWS_WITH(discretize(m, cv_policy::fixed(1), 1, 0), Contains("Ra must be positive"));
    CHECK_THROWS_AS(segments_per_branch(m, cv_policy::max_extent(1e-300)), std::invalid_argument);
}
