// The study's f-I curves, fi.svg: a panel per step protocol of each variant's
// firing rate during the step against the step's amplitude, the control in
// black on top of the others, and the key to the variants' colours beside.
#include <cajal/io/study_output.hpp>

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "study_plot.hpp"
#include "xml_text.hpp"

namespace cajal {

namespace {

using namespace study_plot;

constexpr double left_margin = 90, panel_width = 520, panel_height = 300;
constexpr double title_height = 40, panel_title = 26, below_panel = 58;
constexpr double key_gap = 24;
constexpr double min_x_tick_spacing = 60, min_y_tick_spacing = 36;   // px between ticks
constexpr double value_margin = 0.05;                                // of the values' span, each side

double rate_Hz(const recorded_run& r) { return 1000.0 * static_cast<double>(r.spikes_in_step()) / r.run.duration; }

// (amplitude, rate) of each run of a variant under a protocol, by amplitude.
std::vector<std::pair<double, double>> curve_points(const study_results& results, std::size_t variant, std::size_t protocol) {
    std::vector<std::pair<double, double>> points;
    for (const auto& r: results.runs) {
        if (r.run.variant == variant && r.run.protocol == protocol) points.emplace_back(r.run.amplitude, rate_Hz(r));
    }
    std::sort(points.begin(), points.end());
    return points;
}

void draw_curve(std::string& svg, const study& s, const frame& f, std::size_t variant, const std::vector<std::pair<double, double>>& points) {
    const bool control = variant == 0, few = has_legend(s);
    const double width = control ? 2.5 : few ? 1.5 : 1;
    const double radius = control ? 3.5 : few ? 3 : 2;
    const std::string colour = variant_colour(s, variant);
    svg += fmt::format(R"(<g class="curve" data-variant="{}" stroke="{}" fill="{}" stroke-width="{}"{}>)" "\n", variant, colour, colour, width,
                       control || few ? "" : R"( opacity="0.85")");
    std::string line;
    for (const auto& [amp, rate]: points) line += fmt::format("{:.2f},{:.2f} ", f.x(amp), f.y(rate));
    if (!line.empty()) line.pop_back();
    svg += fmt::format(R"(<polyline fill="none" points="{}"/>)" "\n", line);
    for (const auto& [amp, rate]: points) svg += fmt::format(R"(<circle cx="{:.2f}" cy="{:.2f}" r="{}" stroke="none"/>)" "\n", f.x(amp), f.y(rate), radius);
    svg += "</g>\n";
}

void draw_protocol(std::string& svg, const study& s, const study_results& results, std::size_t protocol, double top) {
    const auto& p = s.protocols[protocol];
    const auto& steps = std::get<step_protocol>(p.kind);
    std::vector<std::vector<std::pair<double, double>>> curves;
    value_range amplitudes, rates;
    rates.add(0);
    for (double a: steps.amplitudes) amplitudes.add(a);
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
        curves.push_back(curve_points(results, v, protocol));
        for (const auto& point: curves.back()) rates.add(point.second);
    }
    const frame f{left_margin, top + panel_title, panel_width, panel_height, amplitudes.padded(value_margin), rates.padded(value_margin)};

    svg += "<g class=\"fi-panel\">\n";
    svg += fmt::format(R"(<text class="panel-title" x="{:.2f}" y="{:.2f}">{}: steps of {:g} ms from {:g} ms</text>)" "\n", f.left, top + 16,
                       escape_xml(p.name), steps.duration, steps.delay);
    draw_frame(svg, f, round_ticks(f.xs, static_cast<std::size_t>(panel_width / min_x_tick_spacing)),
               round_ticks(f.ys, static_cast<std::size_t>(panel_height / min_y_tick_spacing)), "stimulus (nA)", "firing rate during the step (Hz)");
    // The control last, so that it lies on top.
    for (std::size_t v = 1; v < s.variants.size(); ++v) draw_curve(svg, s, f, v, curves[v]);
    draw_curve(svg, s, f, 0, curves[0]);
    svg += "</g>\n";
}

} // namespace

std::string study_fi_svg(const study& s, const study_results& results, const std::string& title) {
    std::vector<std::size_t> protocols;
    for (std::size_t p = 0; p < s.protocols.size(); ++p) {
        if (std::holds_alternative<step_protocol>(s.protocols[p].kind)) protocols.push_back(p);
    }
    const double panel_pitch = panel_title + panel_height + below_panel;
    const double key_left = left_margin + panel_width + key_gap;
    const double width = key_left + variant_key_width(s) + 10;
    const double height = title_height + std::max(double(protocols.size()) * panel_pitch, panel_title + variant_key_height(s) + 10);
    std::string svg = open_svg(width, height, title + " — f-I curves");
    for (std::size_t k = 0; k < protocols.size(); ++k) draw_protocol(svg, s, results, protocols[k], title_height + double(k) * panel_pitch);
    draw_variant_key(svg, s, key_left, title_height + panel_title);
    svg += "</svg>\n";
    return svg;
}

} // namespace cajal
