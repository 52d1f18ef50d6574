// The SWC reader: accepted variants, sample order, every error and warning,
// hostile inputs, and the two field files in ../shared/data/swc.

#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <locale>
#include <string>
#include <vector>

#include <cajal/morphology/swc.hpp>

#include "test_support.hpp"

using namespace cajal;

namespace {

std::vector<std::int64_t> ids_of(const swc_file& f) {
    std::vector<std::int64_t> ids;
    for (const auto& s: f.samples) ids.push_back(s.id);
    return ids;
}

// The error parse_swc raises on `text`; fails the test when it raises none.
swc_error error_of(const std::string& text, const swc_options& opts = {}) {
    try {
        parse_swc(text, "t.swc", opts);
    } catch (const swc_error& e) {
        return e;
    }
    FAIL("no swc_error for:\n" << text);
    throw std::logic_error("unreachable");
}

// Samples where every parent has a smaller id than its child.
const std::string three_samples = "1 1 0 0 0 5 -1\n"
                                  "2 3 0 10 0 1 1\n"
                                  "3 3 0 20 0 0.5 2\n";

} // namespace

TEST_CASE("swc: a simple file gives its samples and parent indices", "[swc]") {
    swc_file f = parse_swc(three_samples, "simple.swc");
    CHECK(f.name == "simple.swc");
    REQUIRE(f.samples.size() == 3);
    CHECK(ids_of(f) == std::vector<std::int64_t>{1, 2, 3});
    CHECK(f.parent == std::vector<std::ptrdiff_t>{-1, 0, 1});
    const swc_sample& s = f.samples[2];
    CHECK(s.type == swc_basal);
    CHECK(s.x == 0);
    CHECK(s.y == 20);
    CHECK(s.radius == 0.5);
    CHECK(s.parent_id == 2);
    CHECK(s.line == 3);
    CHECK(f.warnings.empty());
}

TEST_CASE("swc: accepted variants of the text", "[swc]") {
    SECTION("tabs, runs of spaces, leading blanks and extra columns") {
        swc_file f = parse_swc("\t 1\t1  0 0 0 5 -1 extra 7 words\n  2 3\t0\t10\t0\t1\t1\t\n", "t");
        CHECK(f.samples.size() == 2);
        CHECK(f.parent == std::vector<std::ptrdiff_t>{-1, 0});
    }
    SECTION("comments, whole-line and trailing, and blank lines anywhere") {
        swc_file f = parse_swc("# header\n\n   \n1 1 0 0 0 5 -1 # the soma\n#2 3 0 0 0 1 1\n\n2 3 0 10 0 1 1#x\n\n", "t");
        REQUIRE(f.samples.size() == 2);
        CHECK(f.samples[0].line == 4);
        CHECK(f.samples[1].line == 7);
    }
    SECTION("CRLF line ends, UTF-8 in comments, a byte-order mark, no final newline") {
        swc_file f = parse_swc("\xEF\xBB\xBF# H\xC3\xB6nigsperger \xE2\x80\x93 2015\r\n1 1 0 0 0 5 -1\r\n\r\n2 3 0 10 0 1 1", "t");
        REQUIRE(f.samples.size() == 2);
        CHECK(f.samples[1].line == 4);
        CHECK(f.samples[1].parent_id == 1);
    }
    SECTION("scientific notation and explicit plus signs") {
        swc_file f = parse_swc("1 1 1e1 -2.5E-1 +3 5e-1 -1\n2 3 1.5e+2 0 0 .25 1\n", "t");
        CHECK(f.samples[0].x == 10);
        CHECK(f.samples[0].y == -0.25);
        CHECK(f.samples[0].z == 3);
        CHECK(f.samples[0].radius == 0.5);
        CHECK(f.samples[1].x == 150);
        CHECK(f.samples[1].radius == 0.25);
    }
    SECTION("id, type and parent written as whole numbers with a decimal point") {
        swc_file f = parse_swc("1.0 1.0 0 0 0 5 -1.0\n2.000 3 0 10 0 1 1.0\n3 3 0 20 0 1 2e0\n", "t");
        CHECK(ids_of(f) == std::vector<std::int64_t>{1, 2, 3});
        CHECK(f.samples[0].parent_id == -1);
        CHECK(f.parent == std::vector<std::ptrdiff_t>{-1, 0, 1});
    }
    SECTION("any negative parent is a root") {
        swc_file f = parse_swc("1 1 0 0 0 5 -7\n2 3 0 10 0 1 1\n", "t");
        CHECK(f.parent == std::vector<std::ptrdiff_t>{-1, 0});
        CHECK(f.samples[0].parent_id == -7);
    }
    SECTION("ids at the ends of the 64-bit range") {
        swc_file f = parse_swc("0 1 0 0 0 5 -1\n9223372036854775807 3 0 10 0 1 0\n", "t");
        CHECK(ids_of(f) == std::vector<std::int64_t>{0, INT64_MAX});
        CHECK(f.parent == std::vector<std::ptrdiff_t>{-1, 0});
        swc_file g = parse_swc("5 1 0 0 0 5 -9223372036854775808\n", "t");
        CHECK(g.samples[0].parent_id == INT64_MIN);
    }
    SECTION("a negative zero coordinate or radius") {
        swc_file f = parse_swc("1 1 -0 -0.0 0 -0 -1\n", "t");
        CHECK(f.samples[0].x == 0);
        CHECK(f.samples[0].radius == 0);
    }
}

TEST_CASE("swc: numbers do not depend on the global locale", "[swc]") {
    struct comma_decimal: std::numpunct<char> {
        char do_decimal_point() const override { return ','; }
        char do_thousands_sep() const override { return '.'; }
    };
    std::locale previous = std::locale::global(std::locale(std::locale::classic(), new comma_decimal));
    swc_file f = parse_swc("1 1 1.5 2.25 1e3 0.5 -1\n", "t");
    std::locale::global(previous);
    CHECK(f.samples[0].x == 1.5);
    CHECK(f.samples[0].y == 2.25);
    CHECK(f.samples[0].z == 1000);
}

TEST_CASE("swc: sample order", "[swc]") {
    SECTION("ascending id when every parent id is smaller, whatever the file order") {
        swc_file f = parse_swc("30 3 0 30 0 1 10\n"
                               "10 1 0 0 0 5 -1\n"
                               "20 3 0 20 0 1 10\n"
                               "25 3 0 25 0 1 20\n",
                               "t");
        CHECK(ids_of(f) == std::vector<std::int64_t>{10, 20, 25, 30});
        CHECK(f.parent == std::vector<std::ptrdiff_t>{-1, 0, 1, 0});
        CHECK(f.samples[0].line == 2);
    }
    SECTION("smallest available id first when a parent has a larger id") {
        // Tree: 5 is the root; 9 and 2 are children of 5; 1 is a child of 9;
        // 3 a child of 2. Available after 5: {2, 9} -> 2, then {3, 9} -> 3,
        // then 9, then 1.
        swc_file f = parse_swc("1 3 0 0 1 1 9\n"
                               "2 3 0 0 2 1 5\n"
                               "3 3 0 0 3 1 2\n"
                               "5 1 0 0 0 5 -1\n"
                               "9 3 0 0 9 1 5\n",
                               "t");
        CHECK(ids_of(f) == std::vector<std::int64_t>{5, 2, 3, 9, 1});
        CHECK(f.parent == std::vector<std::ptrdiff_t>{-1, 0, 1, 0, 3});
    }
    SECTION("every parent index is below its child's") {
        swc_file f = parse_swc("7 3 0 0 7 1 4\n4 3 0 0 4 1 8\n8 1 0 0 0 5 -1\n6 3 0 0 6 1 7\n", "t");
        CHECK(ids_of(f) == std::vector<std::int64_t>{8, 4, 7, 6});
        for (std::size_t i = 1; i < f.parent.size(); ++i) CHECK(f.parent[i] < static_cast<std::ptrdiff_t>(i));
    }
}

TEST_CASE("swc: errors name the file, the line, the text and what was expected", "[swc]") {
    struct error_case {
        const char* what;
        std::string text;
        std::size_t line;
        std::string message;
    };
    const std::vector<error_case> cases = {
        {"too few columns", "1 1 0 0 0 5 -1\n2 3 0 1 # 0 1 1\n", 2,
         "too few columns (4) in line \"2 3 0 1 # 0 1 1\"; expected 7 columns: id type x y z radius parent"},
        {"non-numeric id", "one 1 0 0 0 5 -1\n", 1,
         "column id is not a number (\"one\") in line \"one 1 0 0 0 5 -1\"; expected a whole number"},
        {"non-numeric type", "1 soma 0 0 0 5 -1\n", 1,
         "column type is not a number (\"soma\") in line \"1 soma 0 0 0 5 -1\"; expected a whole number"},
        {"non-numeric x", "1 1 0,5 0 0 5 -1\n", 1,
         "column x is not a number (\"0,5\") in line \"1 1 0,5 0 0 5 -1\"; expected a finite decimal number"},
        {"non-numeric y", "1 1 0 1..2 0 5 -1\n", 1,
         "column y is not a number (\"1..2\") in line \"1 1 0 1..2 0 5 -1\"; expected a finite decimal number"},
        {"non-numeric z", "1 1 0 0 0x10 5 -1\n", 1,
         "column z is not a number (\"0x10\") in line \"1 1 0 0 0x10 5 -1\"; expected a finite decimal number"},
        {"non-numeric radius", "1 1 0 0 0 r -1\n", 1,
         "column radius is not a number (\"r\") in line \"1 1 0 0 0 r -1\"; expected a finite decimal number"},
        {"non-numeric parent", "1 1 0 0 0 5 root\n", 1,
         "column parent is not a number (\"root\") in line \"1 1 0 0 0 5 root\"; expected a whole number"},
        {"nan", "1 1 nan 0 0 5 -1\n", 1,
         "column x is not finite (\"nan\") in line \"1 1 nan 0 0 5 -1\"; expected a finite decimal number"},
        {"infinity", "1 1 0 0 0 -inf -1\n", 1,
         "column radius is not finite (\"-inf\") in line \"1 1 0 0 0 -inf -1\"; expected a finite decimal number"},
        {"overflowing double", "1 1 0 1e400 0 5 -1\n", 1,
         "column y is out of range (\"1e400\") in line \"1 1 0 1e400 0 5 -1\"; expected a finite decimal number"},
        {"beyond single precision", "1 1 0 1e39 0 5 -1\n", 1,
         "column y is out of range (\"1e39\") in line \"1 1 0 1e39 0 5 -1\"; expected a magnitude below 3.4e38 (NEURON keeps 3-d points in single precision)"},
        {"underflowing double", "1 1 0 0 1e-400 5 -1\n", 1,
         "column z is out of range (\"1e-400\") in line \"1 1 0 0 1e-400 5 -1\"; expected a finite decimal number"},
        {"carriage return inside a line", "1 1 0 0 0 5 -1\r2 3 0 10 0 1 1\r", 1,
         "a carriage return inside the line in line \"1 1 0 0 0 5 -1\\x0d2 3 0 10 0 1 1\"; "
         "expected lines that end in \\n or \\r\\n"},
        {"vertical tab is no separator", "1 1 0 0 0 5\v-1\n", 1,
         "too few columns (6) in line \"1 1 0 0 0 5\\x0b-1\"; expected 7 columns: id type x y z radius parent"},
        {"overflowing number followed by letters", "1 1 0 1e400x 0 5 -1\n", 1,
         "column y is not a number (\"1e400x\") in line \"1 1 0 1e400x 0 5 -1\"; expected a finite decimal number"},
        {"overflowing id followed by letters", "99999999999999999999x 1 0 0 0 5 -1\n", 1,
         "column id is not a number (\"99999999999999999999x\") in line \"99999999999999999999x 1 0 0 0 5 -1\"; "
         "expected a whole number"},
        {"overflowing id", "9223372036854775808 1 0 0 0 5 -1\n", 1,
         "column id is out of range (\"9223372036854775808\") in line \"9223372036854775808 1 0 0 0 5 -1\"; "
         "expected a whole number"},
        {"type beyond int", "1 4294967296 0 0 0 5 -1\n", 1,
         "column type is out of range (\"4294967296\") in line \"1 4294967296 0 0 0 5 -1\"; expected a whole number"},
        {"inexact integral float", "1e17 1 0 0 0 5 -1\n", 1,
         "column id is out of range (\"1e17\") in line \"1e17 1 0 0 0 5 -1\"; expected a whole number"},
        {"fractional parent", "1 1 0 0 0 5 -1\n2 3 0 0 1 1 1.5\n", 2,
         "column parent is not a whole number (\"1.5\") in line \"2 3 0 0 1 1 1.5\"; expected a whole number"},
        {"nan id", "nan 1 0 0 0 5 -1\n", 1,
         "column id is not finite (\"nan\") in line \"nan 1 0 0 0 5 -1\"; expected a whole number"},
        {"negative radius", "1 1 0 0 0 -0.5 -1\n", 1,
         "negative radius (\"-0.5\") in line \"1 1 0 0 0 -0.5 -1\"; expected a radius of 0 or more"},
        {"negative id", "-3 1 0 0 0 5 -1\n", 1,
         "negative id (\"-3\") in line \"-3 1 0 0 0 5 -1\"; expected an id of 0 or more"},
        {"duplicate id", "1 1 0 0 0 5 -1\n2 3 0 1 0 1 1\n  2 3 0 2 0 1 1  \n", 3,
         "duplicate id 2 (also on line 2 \"2 3 0 1 0 1 1\") in line \"2 3 0 2 0 1 1\"; expected each id once"},
        {"missing parent", "1 1 0 0 0 5 -1\n2 3 0 1 0 1 7\n", 2,
         "parent 7 of sample 2 is not in the file in line \"2 3 0 1 0 1 7\"; "
         "expected a parent id of a sample in the file, or -1"},
        {"negative zero parent is parent 0", "1 1 0 0 0 5 -1\n2 3 0 1 0 1 -0\n", 2,
         "parent 0 of sample 2 is not in the file in line \"2 3 0 1 0 1 -0\"; "
         "expected a parent id of a sample in the file, or -1"},
        {"own parent", "1 1 0 0 0 5 -1\n2 3 0 1 0 1 2\n", 2,
         "sample 2 is its own parent in line \"2 3 0 1 0 1 2\"; expected a parent id of another sample, or -1"},
        {"cycle", "1 1 0 0 0 5 -1\n2 3 0 1 0 1 1\n5 3 0 5 0 1 2\n3 3 0 3 0 1 4\n4 3 0 4 0 1 6\n6 3 0 6 0 1 3\n", 4,
         "sample 3 is on a cycle of parents (3 -> 4 -> 6 -> 3) in line \"3 3 0 3 0 1 4\"; "
         "expected parents that lead to a root (parent -1)"},
        {"no samples", "# only a comment\n\n", 0,
         "no samples; expected lines of 7 columns: id type x y z radius parent"},
        {"empty text", "", 0, "no samples; expected lines of 7 columns: id type x y z radius parent"},
        {"several roots", "1 1 0 0 0 5 -1\n2 3 0 1 0 1 1\n3 3 5 5 5 1 -1\n", 3,
         "a second root (the first is on line 1 \"1 1 0 0 0 5 -1\") in line \"3 3 5 5 5 1 -1\"; "
         "expected one tree (set soma_tree_only to keep only the tree with the soma)"},
        {"soma under a dendrite", "1 1 0 0 0 5 -1\n2 3 0 1 0 1 1\n3 1 0 2 0 1 2\n", 3,
         "soma sample 3 has a parent of type 3 (line 2 \"2 3 0 1 0 1 1\") in line \"3 1 0 2 0 1 2\"; "
         "expected a soma sample's parent to be a soma sample (type 1) or -1"},
    };
    for (const auto& c: cases) {
        INFO(c.what);
        swc_error e = error_of(c.text);
        CHECK(e.file() == "t.swc");
        CHECK(e.line() == c.line);
        CHECK(e.message() == c.message);
        CHECK(std::string(e.what()) == "t.swc:" + std::to_string(c.line) + ": " + c.message);
    }
}

TEST_CASE("swc: error messages escape control bytes and shorten long lines", "[swc]") {
    swc_error nul = error_of(std::string("1 1 0 0 0 5 -1\n2 3 0\0 1 0 1 1\n", 30));
    CHECK(nul.line() == 2);
    CHECK(nul.message() == "column x is not a number (\"0\\x00\") in line \"2 3 0\\x00 1 0 1 1\"; "
                           "expected a finite decimal number");
    swc_error long_line = error_of("1 1 0 0 0 5 -1 " + std::string(1 << 20, 'x') + "\n2 3 q 0 0 1 1 " +
                                   std::string(1 << 20, 'y') + "\n");
    CHECK(long_line.line() == 2);
    CHECK(long_line.message() == "column x is not a number (\"q\") in line \"2 3 q 0 0 1 1 " + std::string(66, 'y') +
                                     "...\"; expected a finite decimal number");
}

TEST_CASE("swc: several trees with soma_tree_only", "[swc]") {
    swc_options keep_soma;
    keep_soma.soma_tree_only = true;
    SECTION("keeps the tree with the soma and says how much was dropped") {
        swc_file f = parse_swc("1 3 9 9 9 1 -1\n2 3 9 9 10 1 1\n"
                               "10 1 0 0 0 5 -1\n11 3 0 1 0 1 10\n"
                               "20 2 7 7 7 1 -1\n",
                               "t", keep_soma);
        CHECK(ids_of(f) == std::vector<std::int64_t>{10, 11});
        CHECK(f.parent == std::vector<std::ptrdiff_t>{-1, 0});
        REQUIRE(f.warnings.size() == 1);
        CHECK(f.warnings[0].line == 0);
        CHECK(f.warnings[0].message == "kept only the tree with the soma (root on line 3); dropped 3 samples in 2 other trees");
    }
    SECTION("a single tree gives no warning") {
        CHECK(parse_swc(three_samples, "t", keep_soma).warnings.empty());
    }
    SECTION("no tree with a soma is an error") {
        swc_error e = error_of("1 3 0 0 0 1 -1\n2 3 0 1 0 1 -1\n", keep_soma);
        CHECK(e.line() == 0);
        CHECK(e.message() == "no tree holds a soma sample; expected one tree with soma samples (type 1)");
    }
    SECTION("soma samples in two trees are an error") {
        swc_error e = error_of("1 1 0 0 0 5 -1\n2 1 9 0 0 5 -1\n", keep_soma);
        CHECK(e.line() == 2);
        CHECK(e.message() == "soma sample 2 is in another tree than the soma sample on line 1 \"1 1 0 0 0 5 -1\" "
                             "in line \"2 1 9 0 0 5 -1\"; expected all soma samples (type 1) in one tree");
    }
}

TEST_CASE("swc: warnings", "[swc]") {
    SECTION("zero radius and a segment of length 0") {
        swc_file f = parse_swc("1 1 0 0 0 5 -1\n2 3 0 3 0 0 1\n3 3 0 3 0 1 2\n", "t");
        REQUIRE(f.warnings.size() == 2);
        CHECK(f.warnings[0].line == 2);
        CHECK(f.warnings[0].message == "sample 2 has radius 0");
        CHECK(f.warnings[1].line == 3);
        CHECK(f.warnings[1].message == "sample 3 is at the same position as its parent 2 (a segment of length 0)");
    }
    // NeuroMorpho's three-point soma: centre (0,0,0) radius 5, outer samples at
    // distance 5 along y, so the two distances sum to the diameter.
    const std::string dendrite = "4 3 0 0 6 1 1\n";
    SECTION("NeuroMorpho's three-point soma gives no warning, also within 1%") {
        CHECK(parse_swc("1 1 0 0 0 5 -1\n2 1 0 -5 0 5 1\n3 1 0 5 0 5 1\n" + dendrite, "t").warnings.empty());
        // 5.04 + 5.04 = 10.08: 0.8% off the diameter.
        CHECK(parse_swc("1 1 0 0 0 5 -1\n2 1 0 -5.04 0 5 1\n3 1 0 5.04 0 5 1\n" + dendrite, "t").warnings.empty());
    }
    struct shape_case {
        const char* what;
        std::string text;
        std::string reason;
    };
    const std::vector<shape_case> cases = {
        {"a chain, not two children of the centre", "1 1 0 0 0 5 -1\n2 1 0 -5 0 5 1\n3 1 0 5 0 5 2\n",
         "sample 3 is not a child of the first, 1"},
        {"an outer sample with a child", "1 1 0 0 0 5 -1\n2 1 0 -5 0 5 1\n3 1 0 5 0 5 1\n4 3 0 6 0 1 3\n",
         "sample 3 has children"},
        {"different radii", "1 1 0 0 0 5 -1\n2 1 0 -5 0 5 1\n3 1 0 5 0 4 1\n", "the radii differ"},
        {"zero radius", "1 1 0 0 0 0 -1\n2 1 0 -5 0 0 1\n3 1 0 5 0 0 1\n", "the radius is 0"},
        {"distances 2% short of the diameter", "1 1 0 0 0 5 -1\n2 1 0 -4.9 0 5 1\n3 1 0 4.9 0 5 1\n",
         "the outer samples lie 9.8 um apart through the centre, not one diameter (10 um) within 1%"},
    };
    for (const auto& c: cases) {
        INFO(c.what);
        swc_file f = parse_swc(c.text, "t");
        bool found = false;
        for (const auto& w: f.warnings) {
            if (w.message == "three soma samples that are not NeuroMorpho's three-point soma: " + c.reason) {
                found = true;
                CHECK(w.line == 1);
            }
        }
        CHECK(found);
    }
    SECTION("one, two or four soma samples are not judged as a three-point soma") {
        CHECK(parse_swc("1 1 0 0 0 5 -1\n2 1 0 4 0 5 1\n" + dendrite, "t").warnings.empty());
        CHECK(parse_swc("1 1 0 0 0 5 -1\n2 1 0 4 0 5 1\n3 1 0 9 0 5 2\n5 1 0 12 0 5 3\n" + dendrite, "t").warnings.empty());
    }
}

TEST_CASE("swc: hostile inputs neither crash nor recurse", "[swc]") {
    SECTION("a chain of 200000 samples listed child first") {
        std::string text;
        constexpr int n = 200000;
        for (int id = n; id >= 1; --id) {
            text += std::to_string(id) + " 3 0 0 " + std::to_string(id) + " 1 " + std::to_string(id == 1 ? -1 : id - 1) + "\n";
        }
        swc_file f = parse_swc(text, "t");
        REQUIRE(f.samples.size() == static_cast<std::size_t>(n));
        CHECK(f.samples.front().id == 1);
        CHECK(f.samples.back().id == n);
        CHECK(f.parent.back() == n - 2);
    }
    SECTION("a cycle of 200000 samples") {
        std::string text = "1 1 0 0 0 5 -1\n";
        constexpr int n = 200000;
        for (int id = 2; id <= n; ++id) text += std::to_string(id) + " 3 0 0 1 1 " + std::to_string(id == 2 ? n : id - 1) + "\n";
        swc_error e = error_of(text);
        CHECK(e.line() == 2);
        CHECK(e.message().find("sample 2 is on a cycle of parents (2 -> 200000 -> 199999 -> ") == 0);
    }
    SECTION("a NUL byte in a comment is ignored") {
        swc_file f = parse_swc(std::string("1 1 0 0 0 5 -1 #\0\n", 18), "t");
        CHECK(f.samples.size() == 1);
    }
}

TEST_CASE("swc: read_swc reads a file and names it in errors", "[swc]") {
    auto path = std::filesystem::temp_directory_path() / "cajal_test_swc_read.swc";
    {
        std::ofstream out(path, std::ios::binary);
        out << "1 1 0 0 0 5 -1\r\n2 3 0 1 0 1 1\r\n3 3 0 2 0 1 9\r\n";
    }
    try {
        read_swc(path);
        FAIL("no error");
    } catch (const swc_error& e) {
        CHECK(e.file() == path.string());
        CHECK(e.line() == 3);
    }
    std::filesystem::remove(path);
    CHECK_THROWS_MATCHES(read_swc(path), input_error, Catch::Matchers::Message(path.string() + ": cannot read the morphology: no such file"));
    // Devices, FIFOs and folders are refused before anything is read: /dev/zero would never end.
    CHECK_THROWS_MATCHES(read_swc("/dev/zero"), input_error,
                         Catch::Matchers::Message("/dev/zero: cannot read the morphology: it is a character device"));
    CHECK_THROWS_MATCHES(read_swc(path.parent_path()), input_error, Catch::Matchers::Message(path.parent_path().string() + ": cannot read the morphology: it is a folder"));
}

TEST_CASE("swc: the field files in ../shared/data/swc", "[swc]") {
    auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    SECTION("NeuroMorpho, CRLF and UTF-8 comments, three-point soma") {
        // 5799 data lines: grep -c '^[[:space:]]*[0-9]' on the file.
        swc_file f = read_swc(*data / "swc" / "NMO_49821_hippocampal_pyramidal.swc");
        CHECK(f.samples.size() == 5799);
        CHECK(f.samples[0].id == 1);
        CHECK(f.samples[0].line == 15);
        CHECK(f.samples[0].radius == 4.46694);
        CHECK(f.samples.back().id == 5799);
        CHECK(f.warnings.empty());
    }
    SECTION("Allen Cell Types, single-point soma") {
        // 4852 data lines: grep -c '^[[:space:]]*[0-9]' on the file.
        swc_file f = read_swc(*data / "swc" / "allen_515570710_rbp4_L5.swc");
        CHECK(f.samples.size() == 4852);
        CHECK(f.samples[0].type == swc_soma);
        CHECK(f.samples[0].x == 357.4977);
        CHECK(f.samples[1].parent_id == 1);
        for (std::size_t i = 1; i < f.parent.size(); ++i) REQUIRE(f.parent[i] < static_cast<std::ptrdiff_t>(i));
    }
}
