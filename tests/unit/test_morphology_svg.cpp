// The SVG drawing of a morphology: projection, orientation, fitting, legend and
// scale bar; and the all-or-nothing file write behind `cajal morph --svg`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include <unistd.h>

#include <cajal/io/atomic_file.hpp>
#include <cajal/io/morphology_svg.hpp>
#include <cajal/morphology/morphology.hpp>

namespace {

using cajal::branch;
using cajal::morphology;
using cajal::point3;
namespace fs = std::filesystem;

branch make_branch(std::ptrdiff_t parent, int type, std::vector<point3> points) {
    branch b;
    b.parent = parent;
    b.type = type;
    b.points = std::move(points);
    return b;
}

// A soma at the origin with one branch of the given type running from (0,0,0) to `tip`.
morphology soma_and_branch(int type, point3 tip) {
    std::vector<branch> branches{
        make_branch(-1, cajal::swc_soma, {{-5, 0, 0, 5}, {5, 0, 0, 5}}),
        make_branch(0, type, {{0, 0, 0, 1}, tip}),
    };
    return morphology(std::move(branches), {}, {});
}

struct quad {
    double x[4], y[4];
};

// Every frustum drawn, in document order.
std::vector<quad> quads(const std::string& svg) {
    static const std::regex path(R"re(<path d="M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)Z"/>)re");
    std::vector<quad> found;
    for (std::sregex_iterator it(svg.begin(), svg.end(), path), end; it != end; ++it) {
        quad q{};
        for (int k = 0; k < 4; ++k) {
            q.x[k] = std::stod((*it)[2 * k + 1]);
            q.y[k] = std::stod((*it)[2 * k + 2]);
        }
        found.push_back(q);
    }
    return found;
}

double attribute(const std::string& svg, const std::string& name) {
    const std::smatch m = [&] {
        std::smatch match;
        std::regex_search(svg, match, std::regex(" " + name + R"re(="([\d.]+)")re"));
        return match;
    }();
    REQUIRE(m.size() == 2);
    return std::stod(m[1]);
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("svg: the second axis of the view points up", "[cli][svg]") {
    const std::string svg = cajal::morphology_svg(soma_and_branch(cajal::swc_apical, {0, 100, 0, 1}));
    const auto drawn = quads(svg);
    REQUIRE(drawn.size() == 1);  // the soma is a disc
    const quad& apical = drawn[0];
    // Corners 0 and 3 are at the branch start (y = 0), 1 and 2 at its tip (y = 100).
    CHECK(apical.y[1] < apical.y[0] - 100);
    CHECK(apical.y[2] < apical.y[3] - 100);
}

TEST_CASE("svg: xz and yz views project onto those planes", "[cli][svg]") {
    const morphology m = soma_and_branch(cajal::swc_basal, {0, 0, 200, 1});  // along z only
    cajal::svg_options xy, xz, yz;
    xz.view = cajal::svg_view::xz;
    yz.view = cajal::svg_view::yz;
    // Seen along z the branch is end-on: no quadrilateral at all.
    CHECK(quads(cajal::morphology_svg(m, xy)).empty());
    CHECK_THAT(cajal::morphology_svg(m, xy), Catch::Contains(">x → y ↑</text>"));
    CHECK_THAT(cajal::morphology_svg(m, yz), Catch::Contains(">y → z ↑</text>"));
    for (const auto& opts: {xz, yz}) {
        const auto drawn = quads(cajal::morphology_svg(m, opts));
        REQUIRE(drawn.size() == 1);
        // The box runs from the soma's lower edge (-5) to the tip's (201).
        CHECK(drawn[0].y[0] - drawn[0].y[1] == Approx(opts.max_extent_px * 200 / 206).margin(0.05));
    }
    CHECK(cajal::parse_svg_view("yz") == cajal::svg_view::yz);
    CHECK(cajal::to_string(cajal::svg_view::xz) == "xz");
    CHECK_THROWS_AS(cajal::parse_svg_view("zz"), std::invalid_argument);
}

TEST_CASE("svg: a soma as long as it is wide is drawn as one disc", "[cli][svg]") {
    cajal::svg_options opts;
    opts.max_extent_px = 211;  // 1 px per µm: the box runs from x = -10 (the soma cylinder's end) to 201
    const morphology m = soma_and_branch(cajal::swc_basal, {200, 0, 0, 1});
    const std::string svg = cajal::morphology_svg(m, opts);
    const std::size_t start = svg.find("<g fill=\"" + std::string(cajal::svg_type_colour(cajal::swc_soma)));
    const std::string soma_group = svg.substr(start, svg.find("</g>", start) + 4 - start);
    CHECK_THAT(soma_group, Catch::StartsWith("<g fill=\"#222222\" stroke=\"none\">\n<circle cx=\"30.50\" "));
    CHECK_THAT(soma_group, Catch::EndsWith("r=\"5.00\"/>\n</g>"));
    CHECK(std::count(soma_group.begin(), soma_group.end(), '<') == 3);  // <g>, one <circle>, </g>
}

TEST_CASE("svg: the viewBox holds the whole cell and the longer side has the asked size", "[cli][svg]") {
    cajal::svg_options opts;
    opts.max_extent_px = 500;
    const std::string svg = cajal::morphology_svg(soma_and_branch(cajal::swc_axon, {300, -400, 0, 1}), opts);
    const double width = attribute(svg, "width"), height = attribute(svg, "height");
    CHECK_THAT(svg, Catch::Contains("viewBox=\"0 0 " + std::to_string(int(width)) + " " + std::to_string(int(height))));
    double top = height, bottom = 0, left = width, right = 0;
    const auto extend = [&](double x, double y) {
        left = std::min(left, x);
        right = std::max(right, x);
        top = std::min(top, y);
        bottom = std::max(bottom, y);
    };
    for (const quad& q: quads(svg)) {
        for (int k = 0; k < 4; ++k) extend(q.x[k], q.y[k]);
    }
    static const std::regex circle(R"re(<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"/>)re");
    for (std::sregex_iterator it(svg.begin(), svg.end(), circle), end; it != end; ++it) {
        const double cx = std::stod((*it)[1]), cy = std::stod((*it)[2]), r = std::stod((*it)[3]);
        extend(cx - r, cy - r);
        extend(cx + r, cy + r);
    }
    CHECK(left >= 10);
    CHECK(top >= 10);
    CHECK(right <= width - 10);
    CHECK(bottom <= height - 10);
    // From the soma's top (y = 5) to the axon tip's lower edge (y = -401): 406 µm in 500 px.
    CHECK(bottom - top == Approx(500).margin(0.05));
}

TEST_CASE("svg: legend lists the types present, scale bar has a round length", "[cli][svg]") {
    const std::string svg = cajal::morphology_svg(soma_and_branch(cajal::swc_axon, {0, -1000, 0, 1}));
    CHECK_THAT(svg, Catch::Contains(">soma</text>") && Catch::Contains(">axon</text>"));
    CHECK_THAT(svg, !Catch::Contains("dendrite</text>") && !Catch::Contains(">other</text>"));
    CHECK_THAT(svg, Catch::Contains(">200 µm</text>"));  // a quarter of 1006 µm, rounded down

    const std::string custom = cajal::morphology_svg(soma_and_branch(7, {0, 30, 0, 1}));
    CHECK_THAT(custom, Catch::Contains(">other</text>") && Catch::Contains(std::string(cajal::svg_type_colour(7))));
    CHECK_THAT(custom, Catch::Contains(">5 µm</text>"));  // a quarter of 36 µm
    CHECK(cajal::svg_type_colour(0) == cajal::svg_type_colour(9));
    CHECK(cajal::svg_type_colour(cajal::swc_basal) != cajal::svg_type_colour(cajal::swc_apical));
}

TEST_CASE("svg: the title is escaped, and an empty cell is refused", "[cli][svg]") {
    cajal::svg_options opts;
    opts.title = "a<b & \"c\"";
    const std::string svg = cajal::morphology_svg(soma_and_branch(cajal::swc_basal, {50, 0, 0, 1}), opts);
    CHECK_THAT(svg, Catch::Contains(">a&lt;b &amp; &quot;c&quot;</text>"));
    CHECK_THROWS_AS(cajal::morphology_svg(morphology()), std::invalid_argument);
}

TEST_CASE("svg: files are written whole or not at all", "[cli][svg]") {
    const fs::path dir = fs::temp_directory_path() / ("cajal-atomic-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const fs::path target = dir / "sub" / "out.svg";
    cajal::write_file_atomically(target, "first");
    cajal::write_file_atomically(target, "second");
    CHECK(read_text(target) == "second");
    CHECK(std::distance(fs::directory_iterator(target.parent_path()), fs::directory_iterator()) == 1);

    // A parent that is a regular file cannot hold the output.
    const fs::path blocked = dir / "sub" / "out.svg" / "inner.svg";
    CHECK_THROWS_WITH(cajal::write_file_atomically(blocked, "x"), Catch::StartsWith("cannot write '" + blocked.string() + "'"));
    CHECK(read_text(target) == "second");
    CHECK(std::distance(fs::directory_iterator(target.parent_path()), fs::directory_iterator()) == 1);
    fs::remove_all(dir);
}
