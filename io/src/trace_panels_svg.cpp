// Panels of traces in the run's plot: traces of one unit share a panel and its
// value range, at most eight to a panel so that each keeps a colour of its own:
// across the plot when there are at most eight traces, else in its panel.
#include "run_plot.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "units_text.hpp"

namespace cajal::run_plot {

namespace {

constexpr std::array<std::string_view, max_traces_per_panel> colours = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                                                        "#9467bd", "#8c564b", "#e377c2", "#17becf"};
constexpr double value_margin = 0.05;    // of the values' span, above and below
constexpr double min_tick_spacing = 28;  // px between value ticks
constexpr double legend_row = 18;

// Indices of the points to draw: all of them when they fit, otherwise the first,
// lowest, highest and last point of each pixel column, in time order.
std::vector<std::size_t> thinned(const trace& tr, const time_axis& time) {
    std::vector<std::size_t> keep;
    const std::size_t n = tr.times.size();
    if (double(n) <= 4 * plot_width) {
        for (std::size_t i = 0; i < n; ++i) keep.push_back(i);
        return keep;
    }
    const auto column = [&](std::size_t i) { return std::floor(time.x(tr.times[i]) - plot_left); };
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i, lo = i, hi = i;
        while (j < n && column(j) == column(i)) {
            if (tr.values[j] < tr.values[lo]) lo = j;
            if (tr.values[j] > tr.values[hi]) hi = j;
            ++j;
        }
        std::array<std::size_t, 4> picks = {i, lo, hi, j - 1};
        std::sort(picks.begin(), picks.end());
        for (std::size_t k = 0; k < picks.size(); ++k) {
            if (k == 0 || picks[k] != picks[k - 1]) keep.push_back(picks[k]);
        }
        i = j;
    }
    return keep;
}

// The vertical axis' label: the units, with the power of ten the tick labels leave out.
std::string value_label(const std::string& text, const axis_ticks& ticks) {
    if (ticks.power != 0) return text.empty() ? power_text(ticks.power) : power_text(ticks.power) + " " + text;
    return text.empty() ? "dimensionless" : text;
}

} // namespace

std::vector<trace_panel> trace_panels(const std::vector<trace>& traces) {
    std::vector<trace_panel> by_units;
    for (std::size_t k = 0; k < traces.size(); ++k) {
        // By units as written, so that "1" and "" (both none) share a panel.
        const std::string units = units_text(traces[k].units);
        auto it = std::find_if(by_units.begin(), by_units.end(), [&](const trace_panel& p) { return p.units == units; });
        if (it == by_units.end()) it = by_units.insert(by_units.end(), trace_panel{units, {}, {}});
        it->traces.push_back(k);
        for (double v: traces[k].values) it->values.add(v);
    }
    std::vector<trace_panel> panels;
    for (const trace_panel& unit: by_units) {
        const std::size_t n = unit.traces.size();
        const std::size_t count = (n + max_traces_per_panel - 1) / max_traces_per_panel;
        for (std::size_t p = 0; p < count; ++p) {
            // Fuller panels first: 20 traces as 7, 7 and 6.
            const auto begin = unit.traces.begin() + static_cast<std::ptrdiff_t>((p * n + count - 1) / count);
            const auto end = unit.traces.begin() + static_cast<std::ptrdiff_t>(((p + 1) * n + count - 1) / count);
            panels.push_back({unit.units, {begin, end}, unit.values});
        }
    }
    return panels;
}

void draw_trace_panel(std::string& svg, const std::vector<trace>& traces, const trace_panel& panel, const time_axis& time,
                      double top, bool labelled) {
    const double height = trace_panel_height, bottom = top + height;
    const value_range values = panel.values.padded(value_margin);
    const auto y_of = [&](double v) { return bottom - (v - values.lo) / values.span() * height; };

    svg += "<g class=\"trace-panel\">\n";
    draw_frame(svg, time, top, height, labelled);
    const axis_ticks ticks = round_ticks(values, static_cast<std::size_t>(height / min_tick_spacing));
    for (double v: ticks.at) {
        const double y = y_of(v);
        svg += fmt::format(R"(<line x1="{0}" y1="{1:.2f}" x2="{2}" y2="{1:.2f}" stroke="#ddd"/>)" "\n", plot_left, y, plot_left + plot_width);
        svg += fmt::format(R"(<line x1="{0}" y1="{1:.2f}" x2="{2}" y2="{1:.2f}" stroke="#444"/>)" "\n", plot_left - 5, y, plot_left);
        svg += fmt::format(R"(<text class="value-tick" x="{}" y="{:.2f}" text-anchor="end" dy="0.35em">{}</text>)" "\n", plot_left - 8, y,
                           tick_text(v, ticks));
    }
    draw_y_label(svg, value_label(panel.units, ticks), top, height);

    const double legend_left = plot_left + plot_width + legend_gap;
    for (std::size_t n = 0; n < panel.traces.size(); ++n) {
        const trace& tr = traces[panel.traces[n]];
        const std::string_view colour = colours[traces.size() <= colours.size() ? panel.traces[n] : n];
        std::string points;
        for (std::size_t i: thinned(tr, time)) {
            if (!std::isfinite(tr.values[i])) continue;
            points += fmt::format("{:.2f},{:.2f} ", time.x(tr.times[i]), y_of(tr.values[i]));
        }
        if (!points.empty()) points.pop_back();
        svg += fmt::format(R"(<polyline fill="none" stroke="{}" stroke-width="1.2" points="{}"/>)" "\n", colour, points);
        const double y = top + 12 + legend_row * double(n);
        svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"/>)" "\n", legend_left, y,
                           legend_left + 20, y, colour);
        svg += fmt::format(R"(<text class="legend" x="{}" y="{}" dy="0.35em">{}</text>)" "\n", legend_left + 26, y, legend_text(tr.name));
    }
    svg += "</g>\n";
}

} // namespace cajal::run_plot
