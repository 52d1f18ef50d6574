// The run's plot (traces.svg) read back: value ranges with margins, ticks at
// round values, units as a reader writes them, panels of at most eight
// traces, and the spike raster, bounded in size however many spikes there are.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <regex>
#include <set>

#include <cajal/io/run_output.hpp>

#include "svg_inspection.hpp"

namespace {

using cajal::plot_population;
using cajal::spike_record;
using cajal::trace;
namespace svg = cajal::test::svg;

trace sampled(std::string name, std::string units, double tstop, double dt, double (*f)(double)) {
    trace tr{std::move(name), std::move(units), {}, {}};
    for (std::size_t i = 0; double(i) * dt <= tstop + 1e-9; ++i) {
        tr.times.push_back(double(i) * dt);
        tr.values.push_back(f(double(i) * dt));
    }
    return tr;
}

std::string plot(const std::vector<trace>& traces, double tstop) { return cajal::run_plot_svg(traces, {}, {}, tstop, "model.json"); }

std::vector<double> numbers(const std::vector<svg::text_element>& labels) {
    std::vector<double> out;
    for (const auto& l: labels) out.push_back(svg::number(l.text));
    return out;
}

struct frame {
    double top = 0, height = 0;
};

frame frame_of(const std::string& panel) {
    std::smatch m;
    REQUIRE(std::regex_search(panel, m, std::regex(R"re(<rect x="90" y="([\d.]+)" width="640" height="([\d.]+)" fill="none")re")));
    return {std::stod(m[1]), std::stod(m[2])};
}

std::vector<std::pair<double, double>> polyline_points(const std::string& panel) {
    std::smatch m;
    REQUIRE(std::regex_search(panel, m, std::regex(R"re(<polyline [^>]*points="([^"]*)")re")));
    std::vector<std::pair<double, double>> points;
    const std::string list = m[1];
    const std::regex point(R"re(([-\d.]+),([-\d.]+))re");
    for (std::sregex_iterator it(list.begin(), list.end(), point), end; it != end; ++it) points.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
    return points;
}

// The value at pixel row y, read off a panel's value ticks (a linear axis).
double value_at(const std::vector<svg::text_element>& ticks, double y) {
    REQUIRE(ticks.size() >= 2);
    const auto& a = ticks.front();
    const auto& b = ticks.back();
    const double va = svg::number(a.text), vb = svg::number(b.text);
    return va + (y - a.y) / (b.y - a.y) * (vb - va);
}

// Each spike tick of a raster path "M x y v length", as (x, y).
std::vector<std::pair<double, double>> raster_ticks(const std::string& svg) {
    std::vector<std::pair<double, double>> ticks;
    const std::regex path(R"re(<path class="spikes" [^>]*d="([^"]*)")re");
    const std::regex move(R"re(M([\d.]+) ([\d.]+)v[\d.]+)re");
    for (std::sregex_iterator p(svg.begin(), svg.end(), path), end; p != end; ++p) {
        const std::string d = (*p)[1];
        for (std::sregex_iterator it(d.begin(), d.end(), move); it != end; ++it) ticks.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
    }
    return ticks;
}

} // namespace

TEST_CASE("run plot: a flat trace lies inside its panel, between round ticks", "[run][svg]") {
    const std::string out = plot({sampled("v", "mV", 10, 0.5, [](double) { return -65.0; })}, 10);
    const auto panels = svg::groups(out, "trace-panel");
    REQUIRE(panels.size() == 1);
    const frame f = frame_of(panels[0]);
    const auto ticks = svg::texts(panels[0], "value-tick");
    const auto values = numbers(ticks);
    CHECK(ticks.size() >= 4);
    CHECK(ticks.size() <= 7);
    CHECK(svg::round_ticks(values));
    CHECK(ticks.front().text.starts_with("\u2212"));   // a minus sign, not a hyphen
    for (const auto& t: ticks) CHECK((t.y > f.top && t.y < f.top + f.height));
    // The line sits in the middle of the panel, at -65 on the axis.
    for (const auto& [x, y]: polyline_points(panels[0])) {
        CHECK(y == Approx(f.top + f.height / 2).margin(0.01));
        CHECK(value_at(ticks, y) == Approx(-65).margin(1e-6));
    }
}

TEST_CASE("run plot: the values' range has a margin above and below", "[run][svg]") {
    const std::string out = plot({sampled("m", "1", 100, 0.1, [](double t) { return 0.5 + 0.5 * std::sin(t / 10); })}, 100);
    const auto panels = svg::groups(out, "trace-panel");
    REQUIRE(panels.size() == 1);
    const frame f = frame_of(panels[0]);
    const auto points = polyline_points(panels[0]);
    double top = f.top + f.height, bottom = f.top;
    for (const auto& p: points) {
        top = std::min(top, p.second);
        bottom = std::max(bottom, p.second);
    }
    // 5 % of the span on each side: 1/1.1 of the height between the extremes.
    CHECK(top - f.top == Approx(f.height * 0.05 / 1.1).margin(0.5));
    CHECK(f.top + f.height - bottom == Approx(f.height * 0.05 / 1.1).margin(0.5));
    const auto ticks = svg::texts(panels[0], "value-tick");
    CHECK(svg::strings(ticks) == std::vector<std::string>{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"});
    CHECK(svg::round_ticks(numbers(ticks)));
}

TEST_CASE("run plot: units are written for a reader, and none is not '(1)'", "[run][svg]") {
    auto flat = [](double) { return 1.0; };
    const std::string out = plot({sampled("g", "uS", 1, 0.5, flat), sampled("ina", "mA/cm2", 1, 0.5, flat), sampled("m", "1", 1, 0.5, flat),
                                  sampled("h", "", 1, 0.5, flat), sampled("d", "um", 1, 0.5, flat), sampled("t", "degC", 1, 0.5, flat),
                                  sampled("r", "ohm cm", 1, 0.5, flat), sampled("rate", "/ms", 1, 0.5, flat)},
                                 1);
    // "1" and "" both mean none and share a panel.
    CHECK(svg::strings(svg::texts(out, "axis-label")) ==
          std::vector<std::string>{"µS", "mA/cm²", "dimensionless", "µm", "°C", "Ω·cm", "/ms"});
    CHECK(svg::strings(svg::texts(out, "legend")) == std::vector<std::string>{"g", "ina", "m", "h", "d", "t", "r", "rate"});
    CHECK_THAT(out, !Catch::Contains("(1)") && !Catch::Contains(">uS<") && !Catch::Contains("cm2"));
}

TEST_CASE("run plot: tiny values carry their power of ten on the axis", "[run][svg]") {
    const std::string out = plot({sampled("cai", "mM", 10, 1, [](double t) { return 5e-5 + 1e-6 * t; })}, 10);
    CHECK(svg::strings(svg::texts(out, "axis-label")) == std::vector<std::string>{"×10⁻⁵ mM"});
    const auto ticks = numbers(svg::texts(out, "value-tick"));
    REQUIRE(ticks.size() >= 4);
    CHECK(svg::round_ticks(ticks));
    CHECK(ticks.front() >= 4.9);   // 5e-5 minus the margin, in units of 1e-5
    CHECK(ticks.back() <= 6.1);
}

TEST_CASE("run plot: time in ms from 0 to tstop with round ticks", "[run][svg]") {
    for (double tstop: {1.0, 60.0, 150.0, 1000.0, 3.7}) {
        INFO("tstop " << tstop);
        const std::string out = plot({sampled("v", "mV", tstop, tstop / 100, [](double t) { return t; })}, tstop);
        const auto labels = svg::texts(out, "time-tick");
        const auto times = numbers(labels);
        CHECK(times.size() >= 5);
        CHECK(times.size() <= 11);
        CHECK(svg::round_ticks(times));
        CHECK(times.front() == 0);
        CHECK(times.back() <= tstop);
        CHECK(times.back() > tstop - 2 * (times[1] - times[0]));
        // 0 at the panel's left edge, tstop at its right.
        const double px_per_ms = (labels.back().x - labels.front().x) / (times.back() - times.front());
        CHECK(labels.front().x == Approx(90));
        CHECK(labels.front().x + tstop * px_per_ms == Approx(730).margin(0.05));
        CHECK_THAT(out, Catch::Contains(">time (ms)</text>"));
    }
}

TEST_CASE("run plot: more than eight traces of a unit split into panels on one range", "[run][svg]") {
    std::vector<trace> traces;
    for (int k = 0; k < 20; ++k) {
        trace tr{"v" + std::to_string(k), "mV", {0, 1, 2}, {-70, -70 + 5.0 * k, -70}};
        traces.push_back(tr);
    }
    traces.push_back(trace{"i", "nA", {0, 2}, {0, 1}});
    const std::string out = plot(traces, 2);
    const auto panels = svg::groups(out, "trace-panel");
    REQUIRE(panels.size() == 4);   // 20 traces of mV as 7, 7 and 6; then nA
    std::vector<std::size_t> sizes;
    for (const auto& p: panels) sizes.push_back(svg::count(p, "<polyline"));
    CHECK(sizes == std::vector<std::size_t>{7, 7, 6, 1});
    CHECK(svg::strings(svg::texts(panels[2], "legend")) == std::vector<std::string>{"v14", "v15", "v16", "v17", "v18", "v19"});
    // The three mV panels share their ticks, which cover every trace's values.
    const auto ticks = svg::strings(svg::texts(panels[0], "value-tick"));
    CHECK(svg::strings(svg::texts(panels[1], "value-tick")) == ticks);
    CHECK(svg::strings(svg::texts(panels[2], "value-tick")) == ticks);
    const double step = svg::number(ticks[1]) - svg::number(ticks[0]);
    CHECK(svg::number(ticks.front()) - step < -70);
    CHECK(svg::number(ticks.back()) + step > 25);
    // Within a panel no two traces share a colour.
    for (const auto& p: panels) {
        std::set<std::string> colours;
        const std::regex stroke(R"re(<polyline fill="none" stroke="(#[0-9a-f]{6})")re");
        for (std::sregex_iterator it(p.begin(), p.end(), stroke), end; it != end; ++it) colours.insert((*it)[1]);
        CHECK(colours.size() == svg::count(p, "<polyline"));
    }
    // Only the lowest panel labels the time ticks.
    CHECK(svg::texts(panels[0], "time-tick").empty());
    CHECK_FALSE(svg::texts(panels[3], "time-tick").empty());
}

TEST_CASE("run plot: a long name is cut in the legend", "[run][svg]") {
    const std::string name(60, 'n');
    const std::string out = plot({trace{name + "<&>", "mV", {0, 1}, {0, 1}}}, 1);
    CHECK(svg::strings(svg::texts(out, "legend")) == std::vector<std::string>{std::string(39, 'n') + "…"});
    const std::string escaped = plot({trace{"a<b&c", "mV", {0, 1}, {0, 1}}}, 1);
    CHECK(svg::strings(svg::texts(escaped, "legend")) == std::vector<std::string>{"a&lt;b&amp;c"});
}

TEST_CASE("run plot: a long trace is thinned to the extremes of each pixel column", "[run][svg]") {
    trace tr{"v", "mV", {}, {}};
    for (int i = 0; i <= 1000000; ++i) {
        tr.times.push_back(i * 1e-4);
        tr.values.push_back(i == 500000 ? 100 : (i == 700001 ? -100 : std::sin(i * 1e-3)));
    }
    const std::string out = plot({tr}, 100);
    const auto panels = svg::groups(out, "trace-panel");
    REQUIRE(panels.size() == 1);
    const auto points = polyline_points(panels[0]);
    CHECK(points.size() <= 4 * 641);
    CHECK(points.size() >= 2 * 640);
    // The single-sample extremes survive.
    const frame f = frame_of(panels[0]);
    const auto ticks = svg::texts(panels[0], "value-tick");
    double lo = f.top + f.height, hi = f.top;
    for (const auto& p: points) {
        lo = std::min(lo, p.second);
        hi = std::max(hi, p.second);
    }
    CHECK(value_at(ticks, lo) == Approx(100).margin(0.1));
    CHECK(value_at(ticks, hi) == Approx(-100).margin(0.1));
}

TEST_CASE("run plot: spikes as a raster, a row per gid and a band per population", "[run][svg]") {
    const std::vector<plot_population> populations{{"exc", 3}, {"stim", 1}};
    const std::vector<spike_record> spikes{{0, 0, 10}, {2, 0, 20}, {3, 0, 5}, {0, 1, 10}};
    const std::string with_trace = cajal::run_plot_svg({trace{"v", "mV", {0, 40}, {0, 1}}}, populations, spikes, 40, "net.json");
    const auto rasters = svg::groups(with_trace, "raster");
    REQUIRE(rasters.size() == 1);
    CHECK(svg::strings(svg::texts(rasters[0], "population")) == std::vector<std::string>{"exc", "stim"});
    CHECK(svg::strings(svg::texts(rasters[0], "gids")) == std::vector<std::string>{"gids 0–2"});   // stim's band is one line
    CHECK(svg::count(rasters[0], "<path class=\"spikes\"") == 2);   // one per population that spiked
    // Its time axis is the traces' and the lowest, so it labels the times.
    CHECK(svg::texts(svg::groups(with_trace, "trace-panel")[0], "time-tick").empty());
    CHECK_FALSE(svg::texts(rasters[0], "time-tick").empty());

    auto ticks = raster_ticks(with_trace);
    REQUIRE(ticks.size() == 3);   // gid 0's two detectors at 10 ms are one tick
    std::sort(ticks.begin(), ticks.end());
    // By time: gid 3 at 5 ms, gid 0 at 10, gid 2 at 20; x = 90 + t / 40 × 640.
    CHECK(ticks[0].first == Approx(90 + 5 * 16).margin(0.5));
    CHECK(ticks[1].first == Approx(90 + 10 * 16).margin(0.5));
    CHECK(ticks[2].first == Approx(90 + 20 * 16).margin(0.5));
    // Rows from the top in gid order, each gid its own row.
    CHECK(ticks[1].second < ticks[2].second);
    CHECK(ticks[2].second < ticks[0].second);

    // No spikes, no raster.
    const std::string quiet = cajal::run_plot_svg({trace{"v", "mV", {0, 40}, {0, 1}}}, populations, {}, 40, "net.json");
    CHECK(svg::groups(quiet, "raster").empty());
    // Spikes without traces: the raster alone, over 0 to tstop.
    const std::string alone = cajal::run_plot_svg({}, populations, spikes, 40, "net.json");
    CHECK(svg::groups(alone, "raster").size() == 1);
    CHECK(numbers(svg::texts(alone, "time-tick")).back() == 40);
}

TEST_CASE("run plot: 100000 spikes of 100100 gids take a handful of elements", "[run][svg]") {
    const std::vector<plot_population> populations{{"exc", 80000}, {"inh", 20000}, {"drive", 100}};
    std::vector<spike_record> spikes;
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::uint64_t> gid(0, 100099);
    std::uniform_real_distribution<double> time(0, 1000);
    for (int i = 0; i < 100000; ++i) spikes.push_back({gid(rng), 0, time(rng)});
    const std::string out = cajal::run_plot_svg({}, populations, spikes, 1000, "big.json");
    CHECK(svg::count(out, "<path class=\"spikes\"") == 3);
    CHECK(svg::elements(out) < 100);
    CHECK(out.size() < 25 * spikes.size());

    // Spikes that fall on one half pixel are one tick: the path does not grow with them.
    std::vector<spike_record> repeated;
    for (int i = 0; i < 100000; ++i) repeated.push_back({std::uint64_t(i % 4), 0, 500 + 1e-4 * (i % 7)});
    const std::string merged = cajal::run_plot_svg({}, {{"cells", 4}}, repeated, 1000, "repeated.json");
    CHECK(raster_ticks(merged).size() == 4);
    CHECK(merged.size() < 10000);

    // Empty populations keep their bands and leave no gap in the gids.
    std::vector<plot_population> sparse(40, plot_population{"empty", 0});
    sparse.push_back({"cells", 2});
    const std::string bands = cajal::run_plot_svg({}, sparse, {{1, 0, 5}}, 10, "sparse.json");
    CHECK(svg::texts(bands, "population").size() == 41);
    CHECK(raster_ticks(bands).size() == 1);
    CHECK_THAT(bands, !Catch::Contains("nan") && !Catch::Contains("inf"));
    // A spike of no population's gid is left out.
    const std::string stray = cajal::run_plot_svg({}, std::vector<plot_population>(40, plot_population{"empty", 0}), {{7, 0, 5}}, 10, "stray.json");
    CHECK(raster_ticks(stray).empty());
    CHECK_THAT(stray, !Catch::Contains("nan") && !Catch::Contains("inf"));
}

TEST_CASE("run plot: nothing to plot says so", "[run][svg]") {
    const std::string out = cajal::run_plot_svg({}, {{"cell", 1}}, {}, 10, "empty.json");
    CHECK_THAT(out, Catch::Contains(">no probes and no spikes</text>"));
    CHECK(svg::groups(out, "trace-panel").empty());
}

TEST_CASE("run plot: populations in gid order, the cells' then the sources'", "[run][svg]") {
    cajal::network net;
    net.populations.push_back({"pyr", {}, 10, "", {}});
    net.populations.push_back({"inh", {}, 2, "", {}});
    net.sources.push_back({"drive", {}, 3});
    const auto populations = cajal::plot_populations(net);
    REQUIRE(populations.size() == 3);
    CHECK(populations[0].name == "pyr");
    CHECK(populations[1].name == "inh");
    CHECK(populations[2].name == "drive");
    CHECK(populations[2].count == 3);
}
