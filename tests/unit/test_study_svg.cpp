// A study's plots read back: fi.svg's curves sit at the runs' amplitudes and
// rates through its axes, the control distinct, a legend for a few variants
// and a colour bar for many; features.svg shows each variant's change versus
// the control at the step it documents, missing values grey, and a heat map
// with a cell per variant for a grid of two axes.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <optional>
#include <regex>
#include <set>
#include <string>

#include <cajal/analysis/features.hpp>
#include <cajal/io/study_output.hpp>

#include "cli_test_support.hpp"
#include "svg_inspection.hpp"

using namespace cajal;
namespace svg = cajal::test::svg;

namespace {

cajal::study_variant named(std::string name) {
    cajal::study_variant v;
    v.name = std::move(name);
    return v;
}

constexpr const char* grey = "#d4d4d4";

// A study of `count` variants (the control first) under one step protocol of
// 1 s steps, so that a run's rate in Hz is its spike count.
study stepped_study(std::size_t count, std::vector<double> amplitudes) {
    study s;
    s.variants.push_back(named("control"));
    for (std::size_t k = 1; k < count; ++k) s.variants.push_back(named("variant " + std::to_string(k)));
    s.protocols.push_back({"fi", {}, step_protocol{std::move(amplitudes), 0, 1000}});
    s.features = {"Spikecount"};
    return s;
}

// Spikes of variant v at amplitude a: none below 0.1 nA, then rising with a and v.
std::size_t spikes_of(std::size_t v, double a) { return a < 0.1 ? 0 : static_cast<std::size_t>(std::lround(20 * a + 3 * double(v))); }

study_results stepped_results(const study& s) {
    study_results results;
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
        for (double a: std::get<step_protocol>(s.protocols[0].kind).amplitudes) {
            recorded_run r{{v, 0, a, 0, 1000}, {}, {}, {}};
            const std::size_t n = spikes_of(v, a);
            for (std::size_t i = 0; i < n; ++i) r.spikes.push_back(1000.0 * (double(i) + 0.5) / double(n));
            results.runs.push_back(std::move(r));
        }
    }
    return results;
}

// The value at pixel position p on an axis, read off its first and last tick labels.
double value_at(const std::vector<svg::text_element>& ticks, double p, bool vertical) {
    REQUIRE(ticks.size() >= 2);
    const auto& a = ticks.front();
    const auto& b = ticks.back();
    const double pa = vertical ? a.y : a.x, pb = vertical ? b.y : b.x;
    return svg::number(a.text) + (p - pa) / (pb - pa) * (svg::number(b.text) - svg::number(a.text));
}

std::vector<double> numbers(const std::vector<svg::text_element>& labels) {
    std::vector<double> out;
    for (const auto& l: labels) out.push_back(svg::number(l.text));
    return out;
}

std::string attribute(const std::string& element, const std::string& name) {
    std::smatch m;
    REQUIRE(std::regex_search(element, m, std::regex(" " + name + "=\"([^\"]*)\"")));
    return m[1];
}

std::vector<std::pair<double, double>> pairs(const std::string& text, const std::string& pattern) {
    std::vector<std::pair<double, double>> out;
    const std::regex re(pattern);
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
    return out;
}

// The elements `<TAG class="CLS" ...>` of a drawing, each its start tag.
std::vector<std::string> tags(const std::string& text, const std::string& tag, const std::string& cls) {
    std::vector<std::string> out;
    const std::regex re("<" + tag + " class=\"" + cls + "\"[^>]*>");
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.push_back(it->str());
    return out;
}

std::vector<std::string> tags_of_variant(const std::string& text, const std::string& tag, const std::string& cls, std::size_t variant) {
    std::vector<std::string> out;
    for (const auto& t: tags(text, tag, cls)) {
        if (attribute(t, "data-variant") == std::to_string(variant)) out.push_back(t);
    }
    return out;
}

// Feature rows of variant v: Spikecount at each stimulus, from `value`; fI_slope none.
std::vector<feature_row> spikecount_rows(const study& s, const std::function<std::optional<double>(std::size_t, double)>& value) {
    std::vector<feature_row> rows;
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
        for (double a: std::get<step_protocol>(s.protocols[0].kind).amplitudes) rows.push_back({v, 0, a, "Spikecount", value(v, a), {}});
    }
    for (std::size_t v = 0; v < s.variants.size(); ++v) rows.push_back({v, 0, std::nullopt, "fI_slope", std::nullopt, "fewer than two steps fire"});
    return rows;
}

} // namespace

TEST_CASE("fi.svg draws a curve per variant through its runs' amplitudes and rates, on round axes", "[study]") {
    const study s = stepped_study(4, {-0.1, 0.2, 0.5, 1.0});
    const study_results results = stepped_results(s);
    const std::string drawing = study_fi_svg(s, results, "study.json");
    CHECK(svg::well_formed(drawing));

    const auto x_ticks = svg::texts(drawing, "x-tick"), y_ticks = svg::texts(drawing, "y-tick");
    CHECK(svg::round_ticks(numbers(x_ticks)));
    CHECK(svg::round_ticks(numbers(y_ticks)));
    CHECK(svg::strings(svg::texts(drawing, "x-label")) == std::vector<std::string>{"stimulus (nA)"});
    CHECK(svg::strings(svg::texts(drawing, "y-label")) == std::vector<std::string>{"firing rate during the step (Hz)"});

    const auto curves = svg::groups(drawing, "curve");
    REQUIRE(curves.size() == 4);
    std::set<std::string> drawn;
    for (const auto& curve: curves) {
        const std::size_t v = std::stoul(attribute(curve, "data-variant"));
        drawn.insert(attribute(curve, "data-variant"));
        const auto line = pairs(attribute(curve, "points"), R"re(([-\d.]+),([-\d.]+))re");
        const auto markers = pairs(curve, R"re(<circle cx="([-\d.]+)" cy="([-\d.]+)")re");
        CHECK(line == markers);
        REQUIRE(line.size() == 4);
        const std::vector<double> amplitudes = {-0.1, 0.2, 0.5, 1.0};
        for (std::size_t i = 0; i < 4; ++i) {
            INFO("variant " << v << ", " << amplitudes[i] << " nA");
            CHECK(value_at(x_ticks, line[i].first, false) == Approx(amplitudes[i]).margin(1e-3));
            CHECK(value_at(y_ticks, line[i].second, true) == Approx(double(spikes_of(v, amplitudes[i]))).margin(0.05));
        }
    }
    CHECK(drawn == std::set<std::string>{"0", "1", "2", "3"});

    SECTION("the control is black, thicker and drawn last, on top") {
        CHECK(attribute(curves.back(), "data-variant") == "0");
        CHECK(attribute(curves.back(), "stroke") == "#000000");
        std::set<std::string> others;
        for (std::size_t k = 0; k + 1 < curves.size(); ++k) {
            others.insert(attribute(curves[k], "stroke"));
            CHECK(std::stod(attribute(curves[k], "stroke-width")) < std::stod(attribute(curves.back(), "stroke-width")));
        }
        CHECK(others.size() == 3);
        CHECK(others.count("#000000") == 0);
    }
    SECTION("a few variants are named in a legend, in their colours") {
        CHECK(svg::strings(svg::texts(drawing, "legend")) == std::vector<std::string>{"control", "variant 1", "variant 2", "variant 3"});
        CHECK(svg::count(drawing, "class=\"colour-bar\"") == 0);
    }
}

TEST_CASE("fi.svg draws a panel per step protocol", "[study]") {
    study s = stepped_study(3, {0.2, 0.6});
    s.protocols.push_back({"short", {}, step_protocol{{0.2, 0.6}, 0, 1000}});
    s.protocols.push_back({"rheobase", {}, rheobase_protocol{0, 1, 0.01, 0, 100}});
    study_results results = stepped_results(s);
    for (auto r: std::vector<recorded_run>(results.runs)) {
        r.run.protocol = 1;
        results.runs.push_back(r);
    }
    const std::string drawing = study_fi_svg(s, results, "study.json");
    CHECK(svg::well_formed(drawing));
    CHECK(svg::count(drawing, "<g class=\"fi-panel\"") == 2);
    CHECK(svg::groups(drawing, "curve").size() == 2 * 3);
    CHECK(svg::strings(svg::texts(drawing, "panel-title")) == std::vector<std::string>{"fi: steps of 1000 ms from 0 ms", "short: steps of 1000 ms from 0 ms"});
}

TEST_CASE("with 256 variants fi.svg colours them by the colour map and keeps a compact key", "[study]") {
    const study s = stepped_study(257, {0.2, 0.5, 1.0});
    const std::string drawing = study_fi_svg(s, stepped_results(s), "study.json");
    CHECK(svg::well_formed(drawing));
    const auto curves = svg::groups(drawing, "curve");
    REQUIRE(curves.size() == 257);
    // No legend of 257 lines: the control's, then a colour bar named at its ends.
    CHECK(svg::strings(svg::texts(drawing, "legend")) == std::vector<std::string>{"control"});
    CHECK(svg::count(drawing, "<g class=\"colour-bar\"") == 1);
    CHECK(svg::strings(svg::texts(drawing, "colour-bar-end")) == std::vector<std::string>{"1: variant 1", "256: variant 256"});
    CHECK(svg::round_ticks(numbers(svg::texts(drawing, "colour-tick"))));
    // The colour map's ends at the first and the last variant.
    CHECK(attribute(curves.front(), "stroke") == "#440154");
    CHECK(attribute(curves[curves.size() - 2], "stroke") == "#fde725");
    CHECK(attribute(curves.back(), "stroke") == "#000000");
    CHECK(drawing.size() < 600'000);
}

TEST_CASE("features.svg shows each variant's percent change versus the control at the largest step where the control fires", "[study]") {
    const study s = stepped_study(4, {0.2, 0.5, 1.0});
    // The control fires at 0.2 and 0.5 nA but not at 1 nA (as in depolarisation block).
    study_results results = stepped_results(s);
    for (auto& r: results.runs) {
        if (r.run.variant == 0 && r.run.amplitude == 1.0) r.spikes.clear();
    }
    // Variant 2 has no value at 0.5 nA.
    const auto value = [](std::size_t v, double a) -> std::optional<double> {
        if (v == 2 && a == 0.5) return std::nullopt;
        return 10 * a + double(v);
    };
    const std::string drawing = study_features_svg(s, results, spikecount_rows(s, value), "study.json");
    CHECK(svg::well_formed(drawing));
    const auto rows = svg::groups(drawing, "feature-row");
    REQUIRE(rows.size() == 2);   // Spikecount, fI_slope
    CHECK(attribute(rows[0], "data-feature") == "Spikecount");
    CHECK(rows[0].find("Spikecount, fi at 0.5 nA</tspan> — % change vs control (5)") != std::string::npos);

    const auto y_ticks = svg::texts(rows[0], "y-tick");
    CHECK(svg::round_ticks(numbers(y_ticks)));
    for (const std::size_t v: std::vector<std::size_t>{0, 1, 3}) {
        INFO("variant " << v);
        const auto dots = tags_of_variant(rows[0], "circle", "value", v);
        REQUIRE(dots.size() == 1);
        CHECK(value_at(y_ticks, std::stod(attribute(dots[0], "cy")), true) == Approx(100.0 * double(v) / 5).margin(0.05));
        CHECK(attribute(dots[0], "fill") == (v == 0 ? "#000000" : attribute(svg::groups(study_fi_svg(s, results, ""), "curve")[v - 1], "stroke")));
    }

    SECTION("a missing value is a grey column, never a dot at 0") {
        CHECK(tags_of_variant(rows[0], "circle", "value", 2).empty());
        const auto missing = tags_of_variant(rows[0], "rect", "missing", 2);
        REQUIRE(missing.size() == 1);
        CHECK(attribute(missing[0], "fill") == grey);
        CHECK(tags(rows[0], "rect", "missing").size() == 1);
        // fI_slope has no value anywhere: every column grey, and said so.
        CHECK(tags(rows[1], "rect", "missing").size() == 4);
        CHECK(tags(rows[1], "circle", "value").empty());
        CHECK(rows[1].find("value (the control has none)") != std::string::npos);
    }
    SECTION("a few variants are named under their columns and in the legend") {
        CHECK(svg::strings(svg::texts(drawing, "variant-name")) == std::vector<std::string>{"control", "variant 1", "variant 2", "variant 3"});
        CHECK(svg::strings(svg::texts(drawing, "legend")) == std::vector<std::string>{"control", "variant 1", "variant 2", "variant 3"});
    }
}

TEST_CASE("features.svg shows the values themselves where the control's is 0, never a change from it", "[study]") {
    const study s = stepped_study(3, {0.5});
    const auto value = [](std::size_t v, double) -> std::optional<double> { return double(v); };
    const auto rows = svg::groups(study_features_svg(s, stepped_results(s), spikecount_rows(s, value), "study.json"), "feature-row");
    REQUIRE(!rows.empty());
    CHECK(rows[0].find("value (the control's is 0)") != std::string::npos);
    const auto y_ticks = svg::texts(rows[0], "y-tick");
    for (const std::size_t v: std::vector<std::size_t>{0, 1, 2}) {
        const auto dots = tags_of_variant(rows[0], "circle", "value", v);
        REQUIRE(dots.size() == 1);
        CHECK(value_at(y_ticks, std::stod(attribute(dots[0], "cy")), true) == Approx(double(v)).margin(1e-3));
    }
}

TEST_CASE("features.svg with 256 variants numbers its columns and keeps a compact key", "[study]") {
    const study s = stepped_study(257, {0.5});
    const auto value = [](std::size_t v, double) -> std::optional<double> { return 10 + double(v % 7); };
    const std::string drawing = study_features_svg(s, stepped_results(s), spikecount_rows(s, value), "study.json");
    CHECK(svg::well_formed(drawing));
    CHECK(svg::texts(drawing, "variant-name").empty());
    CHECK(svg::strings(svg::texts(drawing, "legend")) == std::vector<std::string>{"control"});
    CHECK(svg::count(drawing, "<g class=\"colour-bar\"") == 1);
    const auto x_ticks = svg::texts(drawing, "x-tick");
    CHECK(svg::round_ticks(numbers(x_ticks)));
    CHECK(numbers(x_ticks).back() <= 256);
    const auto rows = svg::groups(drawing, "feature-row");
    REQUIRE(rows.size() == 2);
    CHECK(tags(rows[0], "circle", "value").size() == 257);
    // Each column at its variant's number on the numbered axis.
    for (const std::size_t v: std::vector<std::size_t>{0, 100, 256}) {
        const auto dot = tags_of_variant(rows[0], "circle", "value", v);
        REQUIRE(dot.size() == 1);
        CHECK(value_at(x_ticks, std::stod(attribute(dot[0], "cx")), false) == Approx(double(v)).margin(0.01));
    }
}

TEST_CASE("features.svg draws a heat map per feature over a grid of two axes, a cell per variant", "[study]") {
    // The control, one listed variant, then a 16 × 16 grid.
    study s = stepped_study(2, {0.5});
    std::vector<double> scales, shifts;
    for (int k = 0; k < 16; ++k) {
        scales.push_back(0.25 + 0.05 * k);
        shifts.push_back(-8 + k);
    }
    s.grid = study_grid{{{"hh.gnabar (scale)", scales}, {"hh shift (mV)", shifts}}, 2};
    for (std::size_t i = 0; i < 16; ++i) {
        for (std::size_t j = 0; j < 16; ++j) s.variants.push_back(named("g" + std::to_string(i) + "_" + std::to_string(j)));
    }
    const std::size_t missing_variant = 2 + 3 * 16 + 5;
    // The control 100; grid variant (i, j) 100 + i + 16 j, so every change differs.
    const auto value = [&](std::size_t v, double) -> std::optional<double> {
        if (v == missing_variant) return std::nullopt;
        if (v < 2) return 100.0 + double(v);
        return 100.0 + double((v - 2) / 16) + 16.0 * double((v - 2) % 16);
    };
    const std::string drawing = study_features_svg(s, stepped_results(s), spikecount_rows(s, value), "study.json");
    CHECK(svg::well_formed(drawing));
    CHECK(svg::groups(drawing, "feature-row").empty());
    const auto maps = svg::groups(drawing, "heat-map");
    REQUIRE(maps.size() == 2);   // Spikecount, fI_slope
    CHECK(svg::strings(svg::texts(maps[0], "x-label")) == std::vector<std::string>{"hh shift (mV)"});
    CHECK(svg::strings(svg::texts(maps[0], "y-label")) == std::vector<std::string>{"hh.gnabar (scale)"});
    CHECK(svg::texts(drawing, "legend").empty());
    CHECK(drawing.find("the 1 listed variant is in features.csv") != std::string::npos);

    const auto cells = tags(maps[0], "rect", "cell");
    REQUIRE(cells.size() == 256);
    std::set<std::size_t> variants;
    for (const auto& c: cells) variants.insert(std::stoul(attribute(c, "data-variant")));
    CHECK(variants.size() == 256);
    CHECK(*variants.begin() == 2);
    CHECK(*variants.rbegin() == 257);
    // The first axis upwards, the second across.
    const auto at = [&](std::size_t i, std::size_t j) {
        const auto c = tags_of_variant(maps[0], "rect", "cell", 2 + 16 * i + j);
        REQUIRE(c.size() == 1);
        return std::pair{std::stod(attribute(c[0], "x")), std::stod(attribute(c[0], "y"))};
    };
    CHECK(at(0, 1).first > at(0, 0).first);
    CHECK(at(0, 1).second == at(0, 0).second);
    CHECK(at(1, 0).second < at(0, 0).second);
    CHECK(at(1, 0).first == at(0, 0).first);
    // Colours over the values' range: the smallest change dark, the largest yellow, the missing grey.
    const auto fill = [&](std::size_t v) { return attribute(tags_of_variant(maps[0], "rect", "cell", v)[0], "fill"); };
    CHECK(fill(2) == "#440154");
    CHECK(fill(257) == "#fde725");
    CHECK(fill(missing_variant) == grey);
    std::size_t greys = 0;
    for (const auto& c: cells) greys += attribute(c, "fill") == grey;
    CHECK(greys == 1);
    CHECK(svg::round_ticks(numbers(svg::texts(maps[0], "colour-tick"))));
    // fI_slope has no value: every cell grey.
    for (const auto& c: tags(maps[1], "rect", "cell")) CHECK(attribute(c, "fill") == grey);
}

TEST_CASE("cajal run on a study writes fi.svg and features.svg", "[study]") {
    using namespace cajal::test::cli;
    scratch_dir dir("study-plots");
    const fs::path out = dir.path / "result";
    const auto r = cajal_run(quoted(model("study_hh.json")) + " -q -o " + quoted(out));
    REQUIRE(r.status == 0);
    const std::string fi = read_text(out / "fi.svg"), features = read_text(out / "features.svg");
    CHECK(svg::well_formed(fi));
    CHECK(svg::well_formed(features));
    CHECK(svg::groups(fi, "curve").size() == 4);
    CHECK(svg::strings(svg::texts(fi, "legend")) == std::vector<std::string>{"control", "NaV 60%", "Kdr up", "Na shift -5"});
    // Every feature of the protocol's runs, its fI_slope and the rheobase.
    const auto rows = svg::groups(features, "feature-row");
    CHECK(rows.size() == analysis::feature_names().size() + 2);

    SECTION("and runs again into the same folder, replacing it") {
        CHECK(cajal_run(quoted(model("study_hh.json")) + " -q -o " + quoted(out)).status == 0);
        CHECK(entries(out) == std::vector<std::string>{"features.csv", "features.svg", "fi.csv", "fi.svg", "rheobase.csv", "summary.json", "variants.csv"});
    }
}
