// What the morphology drawing adds on request: the cell coloured by a value
// along it, with a colour bar (svg_options::colour_by), and marked points with
// labels (svg_options::markers). Synthetic values on a small cell.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <cajal/io/morphology_svg.hpp>
#include <cajal/morphology/morphology.hpp>

#include "svg_inspection.hpp"

namespace {

using cajal::branch_values;
using cajal::morphology;
using cajal::svg_colour_by;
using cajal::svg_marker;
using cajal::svg_options;
namespace svg = cajal::test::svg;

constexpr double no_number = std::numeric_limits<double>::quiet_NaN();
// viridis' ends and middle, and the grey of "no value".
const std::string low = "#440154", middle = "#21918c", high = "#fde725", no_value = "#d4d4d4";

cajal::branch make_branch(std::ptrdiff_t parent, int type, std::vector<cajal::point3> points) {
    cajal::branch b;
    b.parent = parent;
    b.type = type;
    b.points = std::move(points);
    return b;
}

// A soma as long as it is wide (drawn as one disc), a basal dendrite along x
// to 200 µm, and an axon down to -100 µm. At max_extent_px = 211 the drawing
// has 1 px per µm, x = 30.5 + u and y = 25.5 - v.
morphology small_cell() {
    return morphology({make_branch(-1, cajal::swc_soma, {{-5, 0, 0, 5}, {5, 0, 0, 5}}),
                       make_branch(0, cajal::swc_basal, {{0, 0, 0, 1}, {100, 0, 0, 1}, {200, 0, 0, 1}}),
                       make_branch(0, cajal::swc_axon, {{0, 0, 0, 0.5}, {0, -100, 0, 0.5}})},
                      {}, {});
}

svg_options at_one_px_per_um() {
    svg_options opts;
    opts.max_extent_px = 211;   // the box runs from u = -10 to 201 (and v = -100.5 to 5)
    return opts;
}

// The shapes of the group filled with `colour`.
std::string group_of(const std::string& out, const std::string& colour) {
    const std::string open = "<g fill=\"" + colour + "\" stroke=\"none\">";
    const std::size_t at = out.find(open);
    if (at == std::string::npos) return "";
    return out.substr(at, out.find("</g>", at) - at);
}

// The left and right ends of the quadrilaterals in a group, px.
std::pair<double, double> x_extent(const std::string& group) {
    double lo = 1e9, hi = -1e9;
    const std::regex corner(R"re([ML]([-\d.]+) [-\d.]+)re");
    for (std::sregex_iterator it(group.begin(), group.end(), corner), end; it != end; ++it) {
        lo = std::min(lo, std::stod((*it)[1]));
        hi = std::max(hi, std::stod((*it)[1]));
    }
    return {lo, hi};
}

svg_colour_by conductance(std::vector<branch_values> branches) { return {"pas.g", "S/cm2", std::move(branches)}; }

} // namespace

TEST_CASE("svg colour_by: each stretch of a branch has its value's colour, with a colour bar", "[cli][svg]") {
    svg_options opts = at_one_px_per_um();
    // The soma 2e-4; the dendrite's first half 1e-4, its second 3e-4; the axon none.
    opts.colour_by = conductance({{{0.5}, {2e-4}}, {{0.25, 0.75}, {1e-4, 3e-4}}, {}});
    const std::string out = cajal::morphology_svg(small_cell(), opts);

    const std::string first = group_of(out, low), second = group_of(out, high), soma = group_of(out, middle), axon = group_of(out, no_value);
    REQUIRE_FALSE(first.empty());
    REQUIRE_FALSE(second.empty());
    REQUIRE_FALSE(axon.empty());
    // The two halves meet at the dendrite's middle, u = 100 µm.
    CHECK(x_extent(first).first == Approx(30.5).margin(0.01));
    CHECK(x_extent(first).second == Approx(130.5).margin(0.01));
    CHECK(x_extent(second).first == Approx(130.5).margin(0.01));
    CHECK(x_extent(second).second == Approx(230.5).margin(0.01));
    // The soma is one disc in the colour of its value, drawn after the neurites.
    CHECK(svg::count(soma, "<circle") == 1);
    CHECK(svg::count(soma, "<path") == 0);
    CHECK(out.find(soma) > out.find(first));

    // The colour bar replaces the types' legend.
    CHECK_THAT(out, !Catch::Contains(">basal dendrite</text>") && !Catch::Contains(">axon</text>"));
    CHECK_THAT(out, Catch::Contains(">pas.g (×10⁻⁴ S/cm²)</text>"));
    CHECK_THAT(out, Catch::Contains(">no value</text>"));
    CHECK_THAT(out, Catch::Contains("<stop offset=\"0\" stop-color=\"" + low + "\"/>"));
    CHECK_THAT(out, Catch::Contains("<stop offset=\"1\" stop-color=\"" + high + "\"/>"));
    std::vector<double> ticks;
    const std::regex tick(R"re(class="colour-tick">([^<]+)</text>)re");
    for (std::sregex_iterator it(out.begin(), out.end(), tick), end; it != end; ++it) ticks.push_back(svg::number((*it)[1]));
    CHECK(ticks.size() >= 4);
    CHECK(svg::round_ticks(ticks));
    CHECK(ticks.front() >= 1);   // inside the values' range, in units of 1e-4
    CHECK(ticks.back() <= 3);
}

TEST_CASE("svg colour_by: a value per segment, NaN for none, a constant value", "[cli][svg]") {
    svg_options opts = at_one_px_per_um();
    // Three segments on the dendrite at their centres; the middle one has no value.
    opts.colour_by = conductance({{{0.5}, {1}}, {{1.0 / 6, 0.5, 5.0 / 6}, {1, no_number, 1}}, {{0.5}, {1}}});
    const std::string out = cajal::morphology_svg(small_cell(), opts);
    // A single value is the middle of the map; the bar's ticks stay round around it.
    const auto [lo, hi] = x_extent(group_of(out, no_value));
    CHECK(lo == Approx(30.5 + 200.0 / 3).margin(0.01));
    CHECK(hi == Approx(30.5 + 400.0 / 3).margin(0.01));
    CHECK_FALSE(group_of(out, middle).empty());
    CHECK_THAT(out, Catch::Contains(">pas.g (S/cm²)</text>") && Catch::Contains(">no value</text>"));

    opts.colour_by = svg_colour_by{"cm", "1", {{{0.5}, {1}}, {{0.5}, {2}}, {{0.5}, {3}}}};
    const std::string whole = cajal::morphology_svg(small_cell(), opts);
    CHECK_THAT(whole, Catch::Contains(">cm</text>") && !Catch::Contains("no value"));
}

TEST_CASE("svg markers: a dot at each branch and x, labels beside them that do not overlap", "[cli][svg]") {
    svg_options opts = at_one_px_per_um();
    opts.markers = {{0, 0.5, "stim (IClamp)"}, {0, 0.5, "syn <ExpSyn>"}, {1, 1, "probe v_tip"}, {2, 0.5, ""}};
    const std::string out = cajal::morphology_svg(small_cell(), opts);
    const auto dots = svg::groups(out, "markers");
    REQUIRE(dots.size() == 1);
    std::vector<std::pair<double, double>> centres;
    const std::regex circle(R"re(<circle cx="([-\d.]+)" cy="([-\d.]+)")re");
    for (std::sregex_iterator it(dots[0].begin(), dots[0].end(), circle), end; it != end; ++it) {
        centres.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
    }
    using point = std::pair<double, double>;
    CHECK(centres == std::vector<point>{{30.5, 25.5}, {30.5, 25.5}, {230.5, 25.5}, {30.5, 75.5}});

    const auto labels = svg::groups(out, "marker-labels");
    REQUIRE(labels.size() == 1);
    std::vector<std::string> texts;
    std::vector<double> ys;
    const std::regex text(R"re(<text x="([-\d.]+)" y="([-\d.]+)">([^<]*)</text>)re");
    for (std::sregex_iterator it(labels[0].begin(), labels[0].end(), text), end; it != end; ++it) {
        texts.push_back((*it)[3]);
        ys.push_back(std::stod((*it)[2]));
    }
    CHECK(texts == std::vector<std::string>{"stim (IClamp)", "syn &lt;ExpSyn&gt;", "probe v_tip"});
    REQUIRE(ys.size() == 3);
    CHECK(ys[1] - ys[0] >= 13);   // the two at the soma are listed, not drawn over each other
    CHECK(ys[2] == Approx(ys[0]));

    // The drawing widens for a label past the cell's right end.
    opts.markers = {{1, 1, std::string(60, 'x')}};
    const std::string wide = cajal::morphology_svg(small_cell(), opts);
    std::smatch width;
    REQUIRE(std::regex_search(wide, width, std::regex(R"re(width="(\d+)")re")));
    CHECK(std::stod(width[1]) >= 230.5 + 60 * 6.5);
}

TEST_CASE("svg markers: thousands of them at a few places list their labels", "[cli][svg]") {
    svg_options opts = at_one_px_per_um();
    for (int k = 0; k < 3000; ++k) opts.markers.push_back({1, (k % 3) / 2.0, "syn" + std::to_string(k)});
    const std::string out = cajal::morphology_svg(small_cell(), opts);
    const auto labels = svg::groups(out, "marker-labels");
    REQUIRE(labels.size() == 1);
    std::map<std::string, std::set<std::string>> rows_by_x;   // label baselines at each place
    const std::regex text(R"re(<text x="([-\d.]+)" y="([-\d.]+)">)re");
    for (std::sregex_iterator it(labels[0].begin(), labels[0].end(), text), end; it != end; ++it) rows_by_x[(*it)[1]].insert((*it)[2]);
    REQUIRE(rows_by_x.size() == 3);
    for (const auto& [x, rows]: rows_by_x) CHECK(rows.size() == 1000);
}

TEST_CASE("svg colour_by and markers that do not fit the cell are refused", "[cli][svg]") {
    const morphology cell = small_cell();
    const auto refused = [&](const svg_options& opts, const std::string& message) {
        CHECK_THROWS_WITH(cajal::morphology_svg(cell, opts), Catch::Contains(message));
    };
    svg_options opts;
    opts.colour_by = conductance({{}, {}});
    refused(opts, "colour_by has values for 2 branches; the cell has 3");
    opts.colour_by = conductance({{}, {{0.2, 0.1}, {1, 2}}, {}});
    refused(opts, "colour_by, branch 1: positions are not ascending");
    opts.colour_by = conductance({{}, {}, {{1.5}, {1}}});
    refused(opts, "colour_by, branch 2: position 1.5 is outside [0, 1]");
    opts.colour_by = conductance({{{0.5}, {}}, {}, {}});
    refused(opts, "colour_by, branch 0: 1 positions and 0 values");
    opts.colour_by.reset();
    opts.markers = {{3, 0.5, "syn"}};
    refused(opts, "marker 'syn': branch 3 is not in the cell (3 branches)");
    opts.markers = {{1, -0.1, "syn"}};
    refused(opts, "marker 'syn': position -0.1 is outside [0, 1]");
}
