// The run's plot, traces.svg: panels of traces, then the spike raster, over
// one time axis from 0 to tstop, each with its legend on the right.
#include <cajal/io/run_output.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "run_plot.hpp"
#include "xml_text.hpp"

namespace cajal {

namespace {

using namespace run_plot;

constexpr double min_time_tick_spacing = 56;  // px between time ticks
constexpr double min_legend_width = 150;

// Wide enough for the longest legend entry: a line swatch and a name, or a
// population's name and gids.
double legend_width(const std::vector<trace>& traces, const std::vector<plot_population>& populations, bool raster) {
    std::size_t chars = 0;
    for (const trace& tr: traces) chars = std::max(chars, tr.name.size() + 4);  // the swatch is about four characters
    if (raster) {
        std::uint64_t first = 0;
        for (const auto& p: populations) {
            chars = std::max({chars, p.name.size(), gid_text(first, p.count).size()});
            first += p.count;
        }
    }
    return legend_gap + std::max(min_legend_width, double(std::min(chars, max_legend_chars + 4)) * char_width + 10);
}

// From 0 to tstop, or further where a sample or a spike lies (neither should).
time_axis time_axis_of(const std::vector<trace>& traces, const std::vector<spike_record>& spikes, double tstop) {
    time_axis time;
    time.span.add(0);
    time.span.add(tstop);
    for (const trace& tr: traces) {
        for (double t: tr.times) time.span.add(t);
    }
    for (const spike_record& s: spikes) time.span.add(s.time);
    if (!(time.span.span() > 0)) time.span.hi = time.span.lo + 1;
    time.ticks = round_ticks(time.span, static_cast<std::size_t>(plot_width / min_time_tick_spacing));
    return time;
}

} // namespace

std::vector<plot_population> plot_populations(const network& model) {
    std::vector<plot_population> populations;
    for (const auto& p: model.populations) populations.push_back({p.name, p.count});
    for (const auto& s: model.sources) populations.push_back({s.name, s.count});
    return populations;
}

std::string run_plot_svg(const std::vector<trace>& traces, const std::vector<plot_population>& populations,
                         const std::vector<spike_record>& spikes, double tstop, const std::string& title) {
    const time_axis time = time_axis_of(traces, spikes, tstop);
    // Panels one below another: the traces', then the raster.
    const std::vector<trace_panel> panels = trace_panels(traces);
    const bool raster = !spikes.empty();
    std::vector<double> tops;
    double next = title_height;
    for (std::size_t i = 0; i < panels.size(); ++i) {
        tops.push_back(next);
        next += trace_panel_height + panel_gap;
    }
    const double raster_top = next, raster_px = raster ? raster_height(populations) : 0;
    double bottom = next - panel_gap;
    if (raster) bottom = raster_top + raster_px;
    else if (panels.empty()) bottom = title_height + trace_panel_height;   // room to say there is nothing to plot

    const double width = plot_left + plot_width + legend_width(traces, populations, raster);
    const double height = bottom + axis_height;
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0:.0f}" height="{1:.0f}" viewBox="0 0 {0:.0f} {1:.0f}" font-family="sans-serif" font-size="12">)" "\n",
        width, height);
    svg += fmt::format(R"(<rect width="{:.0f}" height="{:.0f}" fill="white"/>)" "\n", width, height);
    svg += fmt::format(R"(<text x="{}" y="24" text-anchor="middle" font-size="15">{}</text>)" "\n", plot_left + plot_width / 2,
                       escape_xml(title));
    if (panels.empty() && !raster) {
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">no probes and no spikes</text>)" "\n", plot_left + plot_width / 2,
                           title_height + trace_panel_height / 2);
    }
    for (std::size_t i = 0; i < panels.size(); ++i) draw_trace_panel(svg, traces, panels[i], time, tops[i], !raster && i + 1 == panels.size());
    if (raster) draw_raster(svg, populations, spikes, time, raster_top, raster_px);
    if (!panels.empty() || raster) {
        svg += fmt::format(R"(<text x="{}" y="{:.0f}" text-anchor="middle">time (ms)</text>)" "\n", plot_left + plot_width / 2, height - 12);
    }
    svg += "</svg>\n";
    return svg;
}

std::string run_plot_svg(const prepared_network& network, const simulation_result& result, const std::string& title) {
    return run_plot_svg(result.traces, plot_populations(network.model()), result.spikes, network.model().settings.tstop, title);
}

} // namespace cajal
