// make_morphology's reading of SWC conventions, checked by hand (no NEURON
// needed): sphere somas, wires, copied diameters, removed sections, sample
// sites and section order.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include <cajal/morphology/morphology.hpp>

#include "test_support.hpp"

using namespace cajal;
using Catch::Matchers::WithinRel;

namespace {

// Points pass through single precision, so hand values hold to about 1e-7.
constexpr double float_rel = 1e-6;

morphology load(const std::string& name) { return load_morphology(test::test_data("swc/" + name)); }

const sample_site& site(const morphology& m, std::int64_t id) {
    for (const auto& s: m.samples()) {
        if (s.id == id) return s;
    }
    FAIL("no site for sample " << id);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("single-point soma: sphere, wires, proximal joins", "[morphology]") {
    const auto m = load("single_point_soma.swc");
    // soma, axon, dend x5, apic: types ascending, reader order within a type.
    REQUIRE(m.num_branches() == 8);
    const std::vector<int> types{1, 2, 3, 3, 3, 3, 3, 4};
    for (std::size_t b = 0; b < types.size(); ++b) CHECK(m.branch_at(b).type == types[b]);

    // The sphere of radius 6.25 as a cylinder along x, one diameter long.
    const auto& soma = m.branch_at(0);
    REQUIRE(soma.points.size() == 3);
    CHECK(soma.points[0].x == -6.25);
    CHECK(soma.points[2].x == 6.25);
    CHECK(soma.points[1].radius == 6.25);
    CHECK_THAT(m.area(0), WithinRel(4 * std::numbers::pi * 6.25 * 6.25, 1e-12));

    // dend[0] (samples 5-7) hangs from the centre by a wire: its points are its own.
    const auto& dend0 = m.branch_at(2);
    CHECK(dend0.parent == 0);
    CHECK(dend0.parent_x == 0.5);
    REQUIRE(dend0.points.size() == 3);
    CHECK_THAT(dend0.points[0].x, WithinRel(6.8, float_rel));
    CHECK_THAT(dend0.points[0].radius, WithinRel(1.35, float_rel));
    CHECK(dend0.line == 7);

    // dend[1] (samples 8-9) branches off sample 5, the first point of dend[0]:
    // NEURON joins it to dend[0] at 0, starting from a copy of sample 5.
    const auto& dend1 = m.branch_at(3);
    CHECK(dend1.parent == 2);
    CHECK(dend1.parent_x == 0);
    REQUIRE(dend1.points.size() == 3);
    CHECK_THAT(dend1.points[0].y, WithinRel(1.2, float_rel));
    CHECK_THAT(dend1.points[0].radius, WithinRel(1.35, float_rel));  // the parent's diameter
    const double a = std::sqrt(1.3 * 1.3 + 8.4 * 8.4 + 0.9 * 0.9), c = std::sqrt(1.4 * 1.4 + 7.65 * 7.65 + 0.7 * 0.7);
    CHECK_THAT(m.length(3), WithinRel(a + c, float_rel));
    CHECK(site(m, 8).branch == 3);
    CHECK_THAT(site(m, 8).x, WithinRel(a / (a + c), float_rel));

    // A one-sample dendrite is not wired: it starts at the soma centre, with its own diameter.
    const auto& dend4 = m.branch_at(6);
    REQUIRE(dend4.points.size() == 2);
    CHECK(dend4.points[0].x == 0);
    CHECK_THAT(dend4.points[0].radius, WithinRel(0.9, float_rel));

    CHECK(m.samples().size() == 14);
    CHECK(site(m, 1).branch == 0);
    CHECK(site(m, 1).x == 0.5);
    CHECK(site(m, 5).branch == 2);
    CHECK(site(m, 5).x == 0);
    CHECK(site(m, 7).x == 1);
}

TEST_CASE("NeuroMorpho three-point soma becomes one sphere", "[morphology]") {
    const auto m = load("neuromorpho_soma.swc");
    const auto& soma = m.branch_at(0);
    REQUIRE(soma.points.size() == 3);
    CHECK(soma.points[0].x == 5.5);
    CHECK(soma.points[1].y == 20);
    CHECK(soma.points[2].x == 14.5);
    CHECK(site(m, 1).x == 0.5);
    CHECK(site(m, 2).x == 0);
    CHECK(site(m, 3).x == 1);
    for (std::size_t b = 1; b < m.num_branches(); ++b) {
        if (m.branch_at(b).parent == 0) CHECK(m.branch_at(b).parent_x == 0.5);
    }
}

TEST_CASE("soma stack: soma diameter is not copied into attached dendrites", "[morphology]") {
    const auto m = load("soma_stack.swc");
    REQUIRE(m.num_branches() == 5);
    CHECK(m.branch_at(0).points.size() == 5);
    // axon[0] from the first soma sample: joined at 0, starts at that sample with its own diameter.
    const auto& axon = m.branch_at(1);
    CHECK(axon.parent_x == 0);
    REQUIRE(axon.points.size() == 3);
    CHECK(axon.points[0].y == 0);
    CHECK_THAT(axon.points[0].radius, WithinRel(0.8, float_rel));
    // The one-sample dendrite on sample 4 (interior): x = 0.5, from sample 4's place.
    const auto& dend1 = m.branch_at(3);
    CHECK(dend1.parent_x == 0.5);
    REQUIRE(dend1.points.size() == 2);
    CHECK_THAT(dend1.points[0].y, WithinRel(7.5, float_rel));
    CHECK_THAT(dend1.points[0].radius, WithinRel(0.9, float_rel));
}

TEST_CASE("a zero-length two-point section is removed and its children reattached", "[morphology]") {
    const auto m = load("zero_length_section.swc");
    REQUIRE(m.num_branches() == 5);
    bool warned = false;
    for (const auto& w: m.warnings()) warned = warned || w.line == 7;
    CHECK(warned);
    // Samples 5 and 6 now hang from the end of dend[0] (samples 2-3).
    CHECK(m.branch_at(2).parent == 1);
    CHECK(m.branch_at(2).parent_x == 1);
    CHECK(m.branch_at(3).parent == 1);
    CHECK(site(m, 4).branch == 1);
    CHECK(site(m, 4).x == 1);
    // The repeated sample 9 adds the flat ring between radii 0.6 and 0.4, counted
    // with the interval that ends at it.
    REQUIRE(m.branch_at(4).points.size() == 5);
    const double pi = std::numbers::pi;
    const double x7 = site(m, 7).x, x9 = site(m, 9).x;
    CHECK(site(m, 8).x == x9);
    const double frustum_7_8 = pi * (0.8 + 0.6) * std::sqrt(0.5 * 0.5 + 5.5 * 5.5 + (0.8 - 0.6) * (0.8 - 0.6));
    const double ring = pi * (0.6 * 0.6 - 0.4 * 0.4);
    CHECK_THAT(m.area(4, x7, x9), WithinRel(frustum_7_8 + ring, float_rel));
    CHECK_THAT(m.area(4, x9, 1), WithinRel(2 * pi * 0.4 * std::sqrt(0.5 * 0.5 + 5 * 5), float_rel));
}

TEST_CASE("type changes end sections, types are ordered", "[morphology]") {
    const auto m = load("type_change.swc");
    REQUIRE(m.num_branches() == 5);
    const std::vector<int> types{1, 2, 3, 4, 7};
    for (std::size_t b = 0; b < types.size(); ++b) CHECK(m.branch_at(b).type == types[b]);
    CHECK(m.branch_at(3).parent == 2);  // apic[0] continues dend[0]
    CHECK(m.branch_at(4).parent == 1);  // type 7 continues the axon
    CHECK(m.branch_at(4).points.size() == 3);
}

TEST_CASE("file order of samples does not change the sections", "[morphology]") {
    const auto sorted = load("noncontiguous_ids.swc");
    const auto unsorted = load("unsorted_ids.swc");
    REQUIRE(sorted.num_branches() == unsorted.num_branches());
    for (std::size_t b = 0; b < sorted.num_branches(); ++b) {
        const auto& p = sorted.branch_at(b);
        const auto& q = unsorted.branch_at(b);
        CHECK(p.parent == q.parent);
        CHECK(p.parent_x == q.parent_x);
        REQUIRE(p.points.size() == q.points.size());
        for (std::size_t i = 0; i < p.points.size(); ++i) {
            CHECK(p.points[i].x == q.points[i].x);
            CHECK(p.points[i].y == q.points[i].y);
            CHECK(p.points[i].radius == q.points[i].radius);
        }
    }
    for (std::int64_t id: {10, 20, 25, 30, 40, 45, 50}) {
        CHECK(site(sorted, id).branch == site(unsorted, id).branch);
        CHECK(site(sorted, id).x == site(unsorted, id).x);
    }
}

TEST_CASE("branched soma: wires from soma samples with several soma children", "[morphology]") {
    const auto m = load("branched_soma.swc");
    // soma[0..3], axon[0], dend[0..1], apic[0]; the one-sample dendrite 16 is gone.
    REQUIRE(m.num_branches() == 8);
    const auto& dend0 = m.branch_at(5);  // samples 6-7, on sample 1 (two soma children)
    CHECK(dend0.parent == 0);
    CHECK(dend0.parent_x == 0);
    REQUIRE(dend0.points.size() == 2);
    CHECK(dend0.points[0].x == -3);
    const auto& dend1 = m.branch_at(6);  // samples 8-9, on sample 3 (last of soma[0], two soma children)
    CHECK(dend1.parent_x == 1);
    REQUIRE(dend1.points.size() == 2);
    CHECK(dend1.points[0].x == 3);
    bool warned = false;
    for (const auto& w: m.warnings()) warned = warned || w.line == 19;
    CHECK(warned);
    CHECK(site(m, 16).branch == 0);
    CHECK(site(m, 16).x == 0);
}
