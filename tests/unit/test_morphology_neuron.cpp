// Sections from SWC files against NEURON's Import3d (tests/reference/neuron_morphology.py):
// the same sections in the same order, with the same types, parents, 3-d points,
// lengths, areas and path distances.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>

#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/path_distance.hpp>

#include "test_support.hpp"

using namespace cajal;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// Lengths and areas: NEURON integrates the same frusta from the same
// single-precision points, so only summation order differs.
constexpr double geometry_rel = 1e-6;

void compare_with_neuron(const std::filesystem::path& swc) {
    INFO("file " << swc.string());
    const auto ref = test::neuron_reference("neuron_morphology.py", "'" + swc.string() + "'");
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");
    const auto& sections = (*ref)["sections"];
    const double Ra = (*ref)["Ra"].get<double>();
    const auto m = load_morphology(swc);
    REQUIRE(m.num_branches() == sections.size());

    std::map<int, double> neuron_length, neuron_area, our_length, our_area;
    const path_distance distance(m, {0, 0.5});
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const auto& s = sections[b];
        const auto& br = m.branch_at(b);
        INFO("section " << b << " (NEURON's " << s["name"].get<std::string>() << ")");
        CHECK(br.type == s["type"].get<int>());
        CHECK(br.parent == s["parent"].get<std::ptrdiff_t>());
        CHECK(br.parent_x == s["parent_x"].get<double>());
        REQUIRE(br.points.size() == s["n3d"].get<std::size_t>());
        for (std::size_t i = 0; i < br.points.size(); ++i) {
            const auto& p = s["points"][i];
            INFO("point " << i);
            CHECK(br.points[i].x == p[0].get<double>());
            CHECK(br.points[i].y == p[1].get<double>());
            CHECK(br.points[i].z == p[2].get<double>());
            CHECK(2 * br.points[i].radius == p[3].get<double>());
        }
        CHECK_THAT(m.length(b), WithinRel(s["L"].get<double>(), geometry_rel));
        CHECK_THAT(m.area(b), WithinRel(s["area"].get<double>(), geometry_rel));
        // Sub-intervals: the five segments of nseg = 5, and the axial resistance
        // between neighbouring segment centres.
        for (std::size_t i = 0; i < 5; ++i) {
            const double x0 = static_cast<double>(i) / 5, x1 = static_cast<double>(i + 1) / 5;
            CHECK_THAT(m.area(b, x0, x1), WithinRel(s["segment_areas"][i].get<double>(), geometry_rel));
        }
        for (std::size_t i = 1; i < 5; ++i) {
            const double x0 = (static_cast<double>(i) - 0.5) / 5, x1 = (static_cast<double>(i) + 0.5) / 5;
            CHECK_THAT(m.axial_resistance(b, Ra, x0, x1), WithinRel(s["segment_ri"][i - 1].get<double>(), geometry_rel));
        }
        // Path distances from the first section's middle, at both ends and the
        // nodes of nseg = 5 (all NEURON nodes, where its distance() is exact).
        for (std::size_t i = 0; i < 7; ++i) {
            const double x = i == 0 ? 0.0 : i == 6 ? 1.0 : (static_cast<double>(i) - 0.5) / 5;
            INFO("distance at x = " << x);
            CHECK_THAT(distance.at(b, x), WithinRel(s["distances"][i].get<double>(), geometry_rel) || WithinAbs(s["distances"][i].get<double>(), 1e-9));
        }
        neuron_length[br.type] += s["L"].get<double>();
        neuron_area[br.type] += s["area"].get<double>();
        our_length[br.type] += m.length(b);
        our_area[br.type] += m.area(b);
    }
    for (const auto& [type, length]: neuron_length) {
        INFO("type " << type);
        CHECK_THAT(our_length[type], WithinRel(length, geometry_rel));
        CHECK_THAT(our_area[type], WithinRel(neuron_area[type], geometry_rel));
    }
}

void compare_shared(const std::string& name) {
    const auto shared = test::shared_data();
    if (!shared) CAJAL_SKIP("../shared/data is absent");
    compare_with_neuron(*shared / "swc" / name);
}

} // namespace

TEST_CASE("Import3d: single-point soma, wires and a branch off a wired dendrite", "[morphology][neuron]") {
    compare_with_neuron(test::test_data("swc/single_point_soma.swc"));
}

TEST_CASE("Import3d: NeuroMorpho three-point soma", "[morphology][neuron]") {
    compare_with_neuron(test::test_data("swc/neuromorpho_soma.swc"));
}

TEST_CASE("Import3d: three soma samples that are not NeuroMorpho's sphere", "[morphology][neuron]") {
    compare_with_neuron(test::test_data("swc/three_point_soma_other.swc"));
}

TEST_CASE("Import3d: soma stack with interior and first-point attachments", "[morphology][neuron]") {
    compare_with_neuron(test::test_data("swc/soma_stack.swc"));
}

TEST_CASE("Import3d: branched soma", "[morphology][neuron]") {
    compare_with_neuron(test::test_data("swc/branched_soma.swc"));
}

TEST_CASE("Import3d: type changes along unbranched paths", "[morphology][neuron]") {
    compare_with_neuron(test::test_data("swc/type_change.swc"));
}

TEST_CASE("Import3d: non-contiguous ids", "[morphology][neuron]") {
    compare_with_neuron(test::test_data("swc/noncontiguous_ids.swc"));
}

TEST_CASE("Import3d: zero-length two-point section removed", "[morphology][neuron]") {
    compare_with_neuron(test::test_data("swc/zero_length_section.swc"));
}

TEST_CASE("Import3d: NeuroMorpho CA1 pyramidal cell", "[morphology][neuron]") {
    compare_shared("NMO_49821_hippocampal_pyramidal.swc");
}

TEST_CASE("Import3d: Allen layer-5 cell", "[morphology][neuron]") {
    compare_shared("allen_515570710_rbp4_L5.swc");
}
