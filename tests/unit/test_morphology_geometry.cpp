// Geometry of branches against hand-computed frusta: lateral area
// π(r1+r2)·slant, volume πh(r1²+r1r2+r2²)/3, axial resistance 4·Ra·L/(π d1 d2).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include <cajal/morphology/morphology.hpp>

using namespace cajal;
using Catch::Matchers::WithinRel;

namespace {

constexpr double pi = std::numbers::pi;
constexpr double rel = 1e-12;

// 4·Ra·L/(π d1 d2) with Ra in Ω·cm and lengths in µm (1 µm = 1e-4 cm), in MΩ.
double resistance_MOhm(double Ra, double L_um, double d1_um, double d2_um) {
    const double ohm = 4 * Ra * (L_um * 1e-4) / (pi * (d1_um * 1e-4) * (d2_um * 1e-4));
    return ohm * 1e-6;
}

morphology single(std::vector<point3> points) {
    branch b;
    b.type = swc_basal;
    b.points = std::move(points);
    return morphology({b}, {}, {});
}

} // namespace

TEST_CASE("cylinder geometry", "[morphology]") {
    const auto m = single({{0, 0, 0, 2}, {10, 0, 0, 2}});
    CHECK_THAT(m.length(0), WithinRel(10.0, rel));
    CHECK_THAT(m.area(0), WithinRel(2 * pi * 2 * 10, rel));
    CHECK_THAT(m.volume(0), WithinRel(pi * 4 * 10, rel));
    CHECK_THAT(m.axial_resistance(0, 100), WithinRel(resistance_MOhm(100, 10, 4, 4), rel));
    // A quarter of it.
    CHECK_THAT(m.area(0, 0.25, 0.5), WithinRel(2 * pi * 2 * 2.5, rel));
    CHECK_THAT(m.axial_resistance(0, 35.4, 0.25, 0.5), WithinRel(resistance_MOhm(35.4, 2.5, 4, 4), rel));
}

TEST_CASE("cone frustum geometry, whole and in parts", "[morphology]") {
    // Height 5 (a 3-4-5 triangle in the xy-plane), radius 1 -> 4.
    const auto m = single({{0, 0, 0, 1}, {3, 4, 0, 4}});
    REQUIRE(m.branch_at(0).arc.size() == 2);
    CHECK_THAT(m.branch_at(0).arc[1], WithinRel(5.0, rel));
    CHECK_THAT(m.area(0), WithinRel(pi * 5 * std::sqrt(34.0), rel));
    CHECK_THAT(m.volume(0), WithinRel(pi * 5 * (1 + 4 + 16) / 3.0, rel));
    CHECK_THAT(m.axial_resistance(0, 70), WithinRel(resistance_MOhm(70, 5, 2, 8), rel));

    // [0.2, 0.6]: h = 2, radii 1.6 -> 2.8.
    CHECK_THAT(m.area(0, 0.2, 0.6), WithinRel(pi * 4.4 * std::sqrt(4 + 1.2 * 1.2), rel));
    CHECK_THAT(m.volume(0, 0.2, 0.6), WithinRel(pi * 2 * (1.6 * 1.6 + 1.6 * 2.8 + 2.8 * 2.8) / 3, rel));
    CHECK_THAT(m.axial_resistance(0, 70, 0.2, 0.6), WithinRel(resistance_MOhm(70, 2, 3.2, 5.6), rel));

    CHECK_THAT(m.radius_at(0, 0.5), WithinRel(2.5, rel));
    const auto p = m.point_at(0, 0.4);
    CHECK_THAT(p.x, WithinRel(1.2, rel));
    CHECK_THAT(p.y, WithinRel(1.6, rel));
    CHECK(p.z == 0);
    CHECK_THAT(p.radius, WithinRel(2.2, rel));
}

TEST_CASE("frustum chain with an interval across the joint", "[morphology]") {
    // Cylinder of length 6 and radius 1, then a frustum of length 8 from radius 1 to 3.
    const auto m = single({{0, 0, 0, 1}, {6, 0, 0, 1}, {6, 8, 0, 3}});
    CHECK_THAT(m.length(0), WithinRel(14.0, rel));
    CHECK_THAT(m.area(0), WithinRel(2 * pi * 6 + pi * 4 * std::sqrt(64.0 + 4), rel));

    // Arc lengths 3..10: 3 µm of the cylinder, then 4 µm of frustum from radius 1 to 2.
    const double x0 = 3.0 / 14, x1 = 10.0 / 14;
    CHECK_THAT(m.area(0, x0, x1), WithinRel(2 * pi * 3 + pi * 3 * std::sqrt(16.0 + 1), rel));
    CHECK_THAT(m.volume(0, x0, x1), WithinRel(pi * 3 + pi * 4 * (1 + 2 + 4) / 3.0, rel));
    CHECK_THAT(m.axial_resistance(0, 100, x0, x1),
               WithinRel(resistance_MOhm(100, 3, 2, 2) + resistance_MOhm(100, 4, 2, 4), rel));
    CHECK_THAT(m.radius_at(0, x1), WithinRel(2.0, rel));
    CHECK_THAT(m.point_at(0, x1).y, WithinRel(4.0, rel));

    // Pieces add up to the whole.
    for (double x: {0.1, 6.0 / 14, 0.77}) {
        CHECK_THAT(m.area(0, 0, x) + m.area(0, x, 1), WithinRel(m.area(0), rel));
        CHECK_THAT(m.volume(0, 0, x) + m.volume(0, x, 1), WithinRel(m.volume(0), rel));
        CHECK_THAT(m.axial_resistance(0, 50, 0, x) + m.axial_resistance(0, 50, x, 1),
                   WithinRel(m.axial_resistance(0, 50), rel));
    }
    CHECK(m.area(0, 0.3, 0.3) == 0);
}

TEST_CASE("a repeated point with a step in radius adds a flat annulus once", "[morphology]") {
    const auto m = single({{0, 0, 0, 1}, {5, 0, 0, 1}, {5, 0, 0, 2}, {10, 0, 0, 2}});
    const double annulus = pi * (4 - 1);
    CHECK_THAT(m.area(0), WithinRel(2 * pi * 5 + annulus + 2 * pi * 2 * 5, rel));
    // The step belongs to the interval that ends at it, as in NEURON's segment integration.
    CHECK_THAT(m.area(0, 0, 0.5), WithinRel(2 * pi * 5 + annulus, rel));
    CHECK_THAT(m.area(0, 0.5, 1), WithinRel(2 * pi * 2 * 5, rel));
    CHECK_THAT(m.axial_resistance(0, 100), WithinRel(resistance_MOhm(100, 5, 2, 2) + resistance_MOhm(100, 5, 4, 4), rel));
    CHECK(m.radius_at(0, 0.5) == 1);
}

TEST_CASE("constructor computes arcs and children, and rejects bad trees", "[morphology]") {
    branch root;
    root.points = {{0, 0, 0, 1}, {1, 0, 0, 1}, {3, 2, 1, 1}};
    root.arc = {7, 7, 7};  // replaced by the constructor
    branch child;
    child.parent = 0;
    child.parent_x = 0.5;
    child.points = {{1, 0, 0, 0.5}, {1, -1, 0, 0.5}};
    const morphology m({root, child, child}, {{42, 1, 0.5}}, {});
    CHECK(m.branch_at(0).arc == std::vector<double>{0, 1, 4});
    CHECK(m.children(0) == std::vector<std::size_t>{1, 2});
    CHECK(m.children(1).empty());

    CHECK_THROWS_AS(m.area(3), std::out_of_range);
    CHECK_THROWS_AS(m.area(0, 0.6, 0.5), std::out_of_range);
    CHECK_THROWS_AS(m.radius_at(0, 1.5), std::out_of_range);

    branch lonely;
    lonely.points = {{0, 0, 0, 1}};
    CHECK_THROWS_AS(morphology({lonely}, {}, {}), std::invalid_argument);
    CHECK_THROWS_AS(morphology({root, root}, {}, {}), std::invalid_argument);  // two roots
    branch a = child, b = child;
    a.parent = 1;
    b.parent = 2;
    CHECK_THROWS_AS(morphology({root, a, b}, {}, {}), std::invalid_argument);  // a cycle
    CHECK_THROWS_AS(morphology({root, child}, {{1, 5, 0.0}}, {}), std::invalid_argument);
}
