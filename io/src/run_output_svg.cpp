// Traces plotted as SVG: a panel per unit over a shared time axis.
#include <cajal/io/run_output.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "xml_text.hpp"

namespace cajal {

namespace {

constexpr double plot_left = 80, plot_width = 640, legend_width = 200;
constexpr double title_height = 40, panel_height = 220, panel_gap = 30, axis_height = 50;
constexpr std::array<std::string_view, 8> colours = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                                     "#9467bd", "#8c564b", "#e377c2", "#17becf"};


struct range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();

    void add(double x) {
        if (!std::isfinite(x)) return;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    // A range with room to draw: an empty one becomes [0, 1], a point is widened.
    range drawable() const {
        if (lo > hi) return {0, 1};
        if (lo == hi) return {lo - 1, hi + 1};
        return *this;
    }
};

// Ticks at 1, 2 or 5 × 10^k, four to seven over the range, and the decimals to print them with.
struct ticks {
    std::vector<double> at;
    int decimals = 0;
};

ticks nice_ticks(range r) {
    const double rough = (r.hi - r.lo) / 6;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = magnitude;
    for (double m: {2.0, 5.0, 10.0}) {
        if (step >= rough) break;
        step = m * magnitude;
    }
    ticks t;
    t.decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step))));
    for (double k = std::ceil(r.lo / step); k * step <= r.hi + 1e-9 * step; k += 1) t.at.push_back(k * step);
    return t;
}

std::string tick_label(double value, int decimals) {
    std::string s = fmt::format("{:.{}f}", value, decimals);
    if (s.find_first_not_of("-0.") == std::string::npos) return "0";  // no "-0"
    return s;
}

// Indices of the points to draw: all of them when they fit, otherwise the first,
// lowest, highest and last point of each pixel column, in time order.
std::vector<std::size_t> thinned(const trace& tr, range time, double pixels) {
    std::vector<std::size_t> keep;
    const std::size_t n = tr.times.size();
    if (double(n) <= 4 * pixels) {
        for (std::size_t i = 0; i < n; ++i) keep.push_back(i);
        return keep;
    }
    std::size_t i = 0;
    while (i < n) {
        const auto column = std::floor((tr.times[i] - time.lo) / (time.hi - time.lo) * pixels);
        std::size_t j = i, lo = i, hi = i;
        while (j < n && std::floor((tr.times[j] - time.lo) / (time.hi - time.lo) * pixels) == column) {
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

struct panel {
    std::string units;
    std::vector<std::size_t> traces;  // indices, in the order given
};

std::vector<panel> panels_by_units(const std::vector<trace>& traces) {
    std::vector<panel> panels;
    for (std::size_t k = 0; k < traces.size(); ++k) {
        auto it = std::find_if(panels.begin(), panels.end(), [&](const panel& p) { return p.units == traces[k].units; });
        if (it == panels.end()) it = panels.insert(panels.end(), panel{traces[k].units, {}});
        it->traces.push_back(k);
    }
    return panels;
}

void draw_panel(std::string& svg, const std::vector<trace>& traces, const panel& p, range time, double top, bool last) {
    range values;
    for (std::size_t k: p.traces) {
        for (double v: traces[k].values) values.add(v);
    }
    values = values.drawable();
    const double bottom = top + panel_height;
    const auto x_of = [&](double t) { return plot_left + (t - time.lo) / (time.hi - time.lo) * plot_width; };
    const auto y_of = [&](double v) { return bottom - (v - values.lo) / (values.hi - values.lo) * panel_height; };

    svg += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#444"/>)" "\n", plot_left, top, plot_width, panel_height);
    const ticks yt = nice_ticks(values);
    for (double v: yt.at) {
        const double y = y_of(v);
        svg += fmt::format(R"(<line x1="{0}" y1="{1:.2f}" x2="{2}" y2="{1:.2f}" stroke="#ddd"/>)" "\n", plot_left, y, plot_left + plot_width);
        svg += fmt::format(R"(<line x1="{0}" y1="{1:.2f}" x2="{2}" y2="{1:.2f}" stroke="#444"/>)" "\n", plot_left - 5, y, plot_left);
        svg += fmt::format(R"(<text x="{}" y="{:.2f}" text-anchor="end" dominant-baseline="middle">{}</text>)" "\n", plot_left - 8, y,
                           tick_label(v, yt.decimals));
    }
    const ticks xt = nice_ticks(time);
    for (double t: xt.at) {
        const double x = x_of(t);
        svg += fmt::format(R"(<line x1="{0:.2f}" y1="{1}" x2="{0:.2f}" y2="{2}" stroke="#eee"/>)" "\n", x, top, bottom);
        svg += fmt::format(R"(<line x1="{0:.2f}" y1="{1}" x2="{0:.2f}" y2="{2}" stroke="#444"/>)" "\n", x, bottom, bottom + 5);
        if (last) {
            svg += fmt::format(R"(<text x="{:.2f}" y="{}" text-anchor="middle">{}</text>)" "\n", x, bottom + 18, tick_label(t, xt.decimals));
        }
    }
    svg += fmt::format(R"svg(<text x="20" y="{:.2f}" text-anchor="middle" transform="rotate(-90 20 {:.2f})">{}</text>)svg" "\n",
                       top + panel_height / 2, top + panel_height / 2, escape_xml(p.units.empty() ? "(no units)" : p.units));

    for (std::size_t n = 0; n < p.traces.size(); ++n) {
        const std::size_t k = p.traces[n];
        const trace& tr = traces[k];
        const std::string_view colour = colours[k % colours.size()];
        std::string points;
        for (std::size_t i: thinned(tr, time, plot_width)) {
            if (!std::isfinite(tr.values[i])) continue;
            points += fmt::format("{:.2f},{:.2f} ", x_of(tr.times[i]), y_of(tr.values[i]));
        }
        if (!points.empty()) points.pop_back();
        svg += fmt::format(R"(<polyline fill="none" stroke="{}" stroke-width="1.2" points="{}"/>)" "\n", colour, points);
        const double ly = top + 12 + 18 * double(n);
        const double lx = plot_left + plot_width + 15;
        svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"/>)" "\n", lx, ly, lx + 20, ly, colour);
        svg += fmt::format(R"(<text x="{}" y="{}" dominant-baseline="middle">{}</text>)" "\n", lx + 26, ly,
                           escape_xml(fmt::format("{} ({})", tr.name, tr.units)));
    }
}

} // namespace

std::string traces_svg(const std::vector<trace>& traces, const std::string& title) {
    const std::vector<panel> panels = panels_by_units(traces);
    range time;
    for (const auto& tr: traces) {
        for (double t: tr.times) time.add(t);
    }
    time = time.drawable();

    const double n = double(std::max<std::size_t>(panels.size(), 1));
    const double width = plot_left + plot_width + legend_width;
    const double height = title_height + n * panel_height + (n - 1) * panel_gap + axis_height;
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" font-family="sans-serif" font-size="12">)" "\n",
        width, height);
    svg += fmt::format(R"(<rect width="{}" height="{}" fill="white"/>)" "\n", width, height);
    svg += fmt::format(R"(<text x="{}" y="24" text-anchor="middle" font-size="15">{}</text>)" "\n", plot_left + plot_width / 2,
                       escape_xml(title));
    if (panels.empty()) {
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">no probes</text>)" "\n", plot_left + plot_width / 2,
                           title_height + panel_height / 2);
    }
    for (std::size_t i = 0; i < panels.size(); ++i) {
        draw_panel(svg, traces, panels[i], time, title_height + double(i) * (panel_height + panel_gap), i + 1 == panels.size());
    }
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">time (ms)</text>)" "\n", plot_left + plot_width / 2, height - 10);
    svg += "</svg>\n";
    return svg;
}

} // namespace cajal
