// Neurolucida ASC files against NEURON's Import3d_Neurolucida3
// (tests/reference/neuron_morphology.py): every file NEURON reads gives the same
// sections, parents, attachment points and 3-d points, with lengths, areas and
// axial resistances within 1e-9; every file it rejects is rejected here too, at
// the line where its parser stops.
#include <catch2/catch.hpp>

#include <string>

#include <cajal/morphology/morphology.hpp>

#include "morphology_neuron_compare.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// NEURON and cajal round the same points to single precision; their lengths
// and areas then differ only in the order of additions (observed: 1e-12 at most).
constexpr double geometry_rel = 1e-9;

void compare_with_neuron(const std::filesystem::path& asc) {
    if (!test::compare_morphology_with_neuron(asc, geometry_rel)) CAJAL_SKIP("NEURON's Python module is not installed");
}

void compare_small(const std::string& name) { compare_with_neuron(test::test_data("asc/" + name)); }

// Both reject the file; cajal names the line (and column) where it stops.
void both_reject(const std::string& name, std::size_t line, std::size_t column, const std::string& words) {
    const auto file = test::test_data("asc/errors/" + name);
    INFO("file " << file.string());
    try {
        load_morphology(file);
        FAIL("cajal read the file");
    } catch (const morphology_file_error& e) {
        INFO(e.what());
        CHECK(e.line() == line);
        CHECK(e.column() == column);
        CHECK(std::string(e.what()).find(words) != std::string::npos);
    }
    const auto ref = test::neuron_reference("neuron_morphology.py", "'" + file.string() + "'");
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");
    CHECK(ref->contains("rejected"));
}

} // namespace

TEST_CASE("ASC against Import3d: Hay et al. 2011 cell1.asc", "[morphology][neuron][asc]") {
    const auto shared = test::shared_data();
    if (!shared) CAJAL_SKIP("../shared/data is absent");
    compare_with_neuron(*shared / "hay2011-model" / "cell1.asc");
}

TEST_CASE("ASC against Import3d: a closed soma contour with trees on it", "[morphology][neuron][asc]") {
    compare_small("soma_contour.asc");
}

TEST_CASE("ASC against Import3d: branching with '|', nested, with and without repeated points",
          "[morphology][neuron][asc]") {
    compare_small("branching.asc");
}

TEST_CASE("ASC against Import3d: comments, blank lines, trailing spaces", "[morphology][neuron][asc]") {
    compare_small("comments.asc");
}

TEST_CASE("ASC against Import3d: colours by name and RGB", "[morphology][neuron][asc]") { compare_small("colours.asc"); }

TEST_CASE("ASC against Import3d: tree types from the last property", "[morphology][neuron][asc]") {
    compare_small("types.asc");
}

TEST_CASE("ASC against Import3d: markers at the top, after points and leading a branch", "[morphology][neuron][asc]") {
    compare_small("markers.asc");
}

TEST_CASE("ASC against Import3d: spines", "[morphology][neuron][asc]") { compare_small("spines.asc"); }

TEST_CASE("ASC against Import3d: blocks Import3d leaves aside", "[morphology][neuron][asc]") {
    compare_small("unknown_blocks.asc");
}

TEST_CASE("ASC against Import3d: every form of point", "[morphology][neuron][asc]") { compare_small("points.asc"); }

TEST_CASE("ASC against Import3d: several soma contours stacked", "[morphology][neuron][asc]") {
    compare_small("soma_stack.asc");
}

TEST_CASE("ASC against Import3d: a tree outside the soma's box", "[morphology][neuron][asc]") {
    compare_small("outside_soma.asc");
}

TEST_CASE("ASC against Import3d: a tree without a soma", "[morphology][neuron][asc]") { compare_small("no_soma.asc"); }

TEST_CASE("ASC against Import3d: one-point and zero-length branches removed", "[morphology][neuron][asc]") {
    compare_small("short_branches.asc");
}

TEST_CASE("ASC against Import3d: a negative diameter", "[morphology][neuron][asc]") {
    compare_small("negative_diameter.asc");
}

TEST_CASE("ASC rejected by both: a marker between a branch's points", "[morphology][neuron][asc]") {
    both_reject("marker_between_points.asc", 5, 4, "a point after the branch's markers");
}

TEST_CASE("ASC rejected by both: a marker inside a contour", "[morphology][neuron][asc]") {
    both_reject("marker_in_contour.asc", 3, 4, "the point's x coordinate, found the name 'Cross'");
}

TEST_CASE("ASC rejected by both: a tree that never ends", "[morphology][neuron][asc]") {
    both_reject("unclosed_tree.asc", 4, 13, "found the end of the file");
}

TEST_CASE("ASC rejected by both: a tab at the end of a line", "[morphology][neuron][asc]") {
    both_reject("tab_at_line_end.asc", 2, 12, "a tab or other whitespace but a space at the end of the line");
}

TEST_CASE("ASC rejected by both: a string without its closing quote", "[morphology][neuron][asc]") {
    both_reject("unclosed_string.asc", 2, 9, "a string with no closing quote on its line");
}

TEST_CASE("ASC rejected by both: a character Neurolucida does not use", "[morphology][neuron][asc]") {
    both_reject("bad_character.asc", 3, 3, "found '#'");
}

TEST_CASE("ASC rejected by both: a point without y", "[morphology][neuron][asc]") {
    both_reject("point_without_y.asc", 3, 6, "expected the point's y coordinate, found ')'");
}

TEST_CASE("ASC rejected by both: no objects at all", "[morphology][neuron][asc]") {
    both_reject("no_objects.asc", 2, 19, "found the end of the file");
}

TEST_CASE("ASC rejected by both: a spine class without its name", "[morphology][neuron][asc]") {
    both_reject("spine_class_without_name.asc", 3, 3, "(Class ...) property needs a number and a name");
}
