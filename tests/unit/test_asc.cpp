// Neurolucida ASC reading checked by hand (no NEURON needed): samples by line,
// warnings, the errors NEURON cannot be asked about (it would read forever, or
// make two cells), limits on input, and telling formats apart.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include <cajal/morphology/asc.hpp>
#include <cajal/morphology/labels.hpp>
#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/region.hpp>

#include "test_support.hpp"

using namespace cajal;
using Catch::Matchers::Contains;

namespace {

morphology load(const std::string& name) { return load_morphology(test::test_data("asc/" + name)); }

morphology from_text(const std::string& text) { return make_morphology(parse_asc(text, "cell.asc")); }

// The error reading `text` gives, as what() says it.
std::string error_of(const std::string& text) {
    try {
        from_text(text);
    } catch (const morphology_file_error& e) {
        return e.what();
    }
    return "no error";
}

bool has_warning(const morphology& m, std::size_t line, const std::string& words) {
    for (const auto& w: m.warnings()) {
        if (w.line == line && w.message.find(words) != std::string::npos) return true;
    }
    return false;
}

} // namespace

TEST_CASE("ASC samples are the points, each known by its line", "[morphology][asc]") {
    const auto m = load("soma_contour.asc");
    // 12 contour points, then 4 + 3 + 4 tree points.
    CHECK(m.samples().size() == 23);
    // Contour points stand for the soma: its middle.
    const auto* outline = m.find_sample(6);
    REQUIRE(outline != nullptr);
    CHECK(outline->branch == 0);
    CHECK(outline->x == 0.5);
    // The axon (branch 1) starts at its first point, line 39; its last is line 42.
    const auto* first = m.find_sample(39);
    const auto* last = m.find_sample(42);
    REQUIRE(first != nullptr);
    REQUIRE(last != nullptr);
    CHECK(first->branch == 1);
    CHECK(first->x == 0.0);
    CHECK(last->x == 1.0);
    const location at = resolve_location(m, "sample:42");
    CHECK(at.branch == 1);
    CHECK(at.x == 1.0);
    CHECK_THROWS_WITH(resolve_location(m, "sample:3"), Contains("in an ASC file a point's line"));
}

TEST_CASE("ASC types name regions as SWC types do", "[morphology][asc]") {
    const auto m = load("types.asc");
    CHECK(resolve_region(m, "soma").size() == 1);
    CHECK(resolve_region(m, "axon").size() == 1);
    CHECK(resolve_region(m, "dend").size() == 1);
    CHECK(resolve_region(m, "apic").size() == 1);
    CHECK(resolve_region(m, "type:0").size() == 1);  // a tree whose last property is not its type
    CHECK(resolve_region(m, "all").size() == 5);
}

TEST_CASE("ASC warnings: a tree outside the soma, removed branches, a short contour", "[morphology][asc]") {
    const auto outside = load("outside_soma.asc");
    CHECK(has_warning(outside, 11, "outside every soma contour's bounding box"));
    CHECK_FALSE(has_warning(outside, 15, "outside"));  // within the box widened by 0.5 µm

    const auto short_branches = load("short_branches.asc");
    CHECK(has_warning(short_branches, 5, "a CellBody contour of fewer than three points is ignored"));
    CHECK(has_warning(short_branches, 13, "a section of one point"));
    CHECK(has_warning(short_branches, 22, "two points at the same place"));

    CHECK(has_warning(load("negative_diameter.asc"), 4, "a negative diameter is read as its magnitude"));

    const auto trailing = from_text("((Dendrite) (0 0 0 1) (0 10 0 1))\n) stray text\n");
    CHECK(has_warning(trailing, 2, "the text from ')' on is not read"));
}

TEST_CASE("ASC errors at the line and column where reading stops", "[morphology][asc]") {
    // Import3d would read past the end of the file for ever: an error here.
    try {
        load("errors/marker_never_ends.asc");
        FAIL("read a marker that never ends");
    } catch (const morphology_file_error& e) {
        CHECK(e.line() == 4);
        CHECK(e.column() == 3);
        CHECK_THAT(e.what(), Contains("never ends"));
    }
    CHECK_THAT(error_of("((Dendrite) (0 0 0 1)\n (1e39 10 0 1))\n"),
               Contains("cell.asc:2:2: the point's x coordinate is not a finite number of single precision"));
    CHECK_THAT(error_of("((Dendrite) (0 0 0 1)\n (0 inf 0 1))\n"), Contains("cell.asc:2:2: the point's y coordinate"));
    CHECK_THAT(error_of("((Dendrite) (0 0 0 1) (0 1 0 1e400))"), Contains("diameter is not a finite number"));
    CHECK_THAT(error_of("((Dendrite) (Color Red) ( ))"), Contains("cell.asc:1:27: expected the point's x coordinate"));
    CHECK_THAT(error_of("((Dendrite) (0 0 0 1) (Color Red) (0 1 0 1))"),
               Contains("cell.asc:1:36: a point after the branch's markers"));
    CHECK_THAT(error_of("((Dendrite) (0 0 0 1) @)"), Contains("cell.asc:1:23: expected ')'"));
    CHECK_THAT(error_of(std::string(300, '(') + "\"x\""), Contains("expected"));
    CHECK_THAT(error_of("(Dendrite 3 (0 0 0 1))"), Contains("cell.asc:1:13: expected ')' to end the property"));
    CHECK_THAT(error_of("\xEF\xBB\xBF((Dendrite) (0 0 0 1) (0 1 0 1))"), Contains("cell.asc:1:1: expected '(' to begin an object"));
    CHECK_THAT(error_of("; nothing\n(Description \"a cell\")\n"), Contains("cell.asc:0: no soma contour"));
}

TEST_CASE("ASC: NEURON's two cells are an error", "[morphology][asc]") {
    const auto message = [](const std::string& name) {
        try {
            load("errors/" + name);
        } catch (const morphology_file_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK_THAT(message("two_trees.asc"), Contains("two_trees.asc:6: a second cell: nothing joins the tree starting here to "
                                                  "the tree at line 2"));
    CHECK_THAT(message("two_somas.asc"), Contains("two_somas.asc:5: a second cell: nothing joins the soma contour"));
}

TEST_CASE("ASC: sets nest within a limit, branches nest without one", "[morphology][asc]") {
    std::string sets;
    for (int i = 0; i < 250; ++i) sets += "(Set \"s\" ";
    CHECK_THAT(error_of(sets), Contains("sets nested more than 200 deep"));

    // A comb of 100000 branches, each the first child of the one before: read
    // without recursion.
    constexpr int depth = 100000;
    std::string comb = "((Dendrite) (0 0 0 1) (0 1 0 1)\n";
    for (int i = 0; i < depth; ++i) comb += "((" + std::to_string(i) + " 2 0 1) (" + std::to_string(i) + " 3 0 1)\n";
    for (int i = 0; i < depth; ++i) comb += ")";
    comb += ")\n";
    const auto m = from_text(comb);
    CHECK(m.num_branches() == depth + 1);
    CHECK(m.branch_at(depth).parent == depth - 1);
}

TEST_CASE("Morphology formats by extension, else by content", "[morphology][asc]") {
    CHECK(format_from_extension("cell.ASC") == morphology_format::asc);
    CHECK(format_from_extension("dir/cell.Swc") == morphology_format::swc);
    CHECK_FALSE(format_from_extension("cell.txt").has_value());
    CHECK(format_from_content("# comment\n\n1 1 0 0 0 5 -1\n", "f") == morphology_format::swc);
    CHECK(format_from_content(";\tV3 text file written for MicroBrightField products.\n", "f") == morphology_format::asc);
    CHECK(format_from_content("; a comment\n  (\"CellBody\"\n", "f") == morphology_format::asc);
    CHECK_THROWS_WITH(format_from_content("hello\n1 2 3\n", "notes.txt"),
                      Contains("notes.txt:0: cannot tell the file's format") && Contains("swc (.swc) and asc (Neurolucida, .asc)"));

    const test::temp_folder folder;
    const auto asc_as_txt = folder.path / "cell.txt";
    std::filesystem::copy_file(test::test_data("asc/no_soma.asc"), asc_as_txt);
    CHECK(load_morphology(asc_as_txt).num_branches() == 3);
    const auto swc_named_asc = folder.path / "cell.asc";
    std::filesystem::copy_file(test::test_data("swc/cli_small_cell.swc"), swc_named_asc);
    CHECK_THROWS_AS(load_morphology(swc_named_asc), morphology_file_error);  // by its name, ASC
    morphology_options as_swc;
    as_swc.format = morphology_format::swc;
    CHECK(load_morphology(swc_named_asc, as_swc).num_branches() == 6);
}
