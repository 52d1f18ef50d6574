// Sections from SWC files against NEURON's Import3d (tests/reference/neuron_morphology.py):
// the same sections in the same order, with the same types, parents, 3-d points,
// lengths, areas and path distances.
#include <catch2/catch.hpp>

#include <string>

#include "morphology_neuron_compare.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// Lengths and areas: NEURON integrates the same frusta from the same
// single-precision points, with the same single-precision steps between them,
// so only the order of additions differs (observed: 1e-12 at most).
constexpr double geometry_rel = 1e-9;

void compare_with_neuron(const std::filesystem::path& swc) {
    if (!test::compare_morphology_with_neuron(swc, geometry_rel)) CAJAL_SKIP("NEURON's Python module is not installed");
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
