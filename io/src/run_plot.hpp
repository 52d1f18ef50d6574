#pragma once
// The pieces of the run's plot (traces.svg): a column of panels over one time
// axis — panels of traces, then the spike raster — with a column of legends
// on their right. Shared by run_output_svg.cpp, trace_panels_svg.cpp and
// spike_raster_svg.cpp.

#include <string>
#include <string_view>
#include <vector>

#include <cajal/io/run_output.hpp>

#include "plot_axis.hpp"

namespace cajal::run_plot {

// Layout, in pixels.
constexpr double plot_left = 90, plot_width = 640;
constexpr double legend_gap = 16;              // between a panel and its legend
constexpr double title_height = 40, panel_gap = 24, axis_height = 52;
constexpr double char_width = 7;               // rough width of a 12 px character
constexpr std::size_t max_legend_chars = 40;   // longer names are cut with "…"

// The shared horizontal axis: time in ms.
struct time_axis {
    value_range span;
    axis_ticks ticks;
    double x(double t) const { return plot_left + (t - span.lo) / span.span() * plot_width; }
};

// A panel's frame and the time grid in it; the time ticks' labels under it
// when `labelled` (the lowest panel).
void draw_frame(std::string& svg, const time_axis& time, double top, double height, bool labelled);

// The label of a panel's vertical axis, rotated, left of its tick labels.
void draw_y_label(std::string& svg, std::string_view text, double top, double height);

// A name as a legend shows it: cut to max_legend_chars with "…", escaped.
std::string legend_text(std::string_view name);

// Traces of one unit, at most max_traces_per_panel of them, in the order given.
constexpr std::size_t max_traces_per_panel = 8;
struct trace_panel {
    std::string units;                // as written for a reader (units_text)
    std::vector<std::size_t> traces;  // indices into the traces
    value_range values;               // shared by every panel of these units
};

// Panels by unit, in order of first appearance; a unit with more traces than
// fit one panel gets several panels of nearly equal size, on one value range.
std::vector<trace_panel> trace_panels(const std::vector<trace>& traces);
constexpr double trace_panel_height = 200;
void draw_trace_panel(std::string& svg, const std::vector<trace>& traces, const trace_panel& panel, const time_axis& time,
                      double top, bool labelled);

// The raster's height for these populations: rows of a few pixels per member
// when they fit, a band of at least one line of text per population.
double raster_height(const std::vector<plot_population>& populations);
// The raster of every spike by gid, a band per population.
void draw_raster(std::string& svg, const std::vector<plot_population>& populations, const std::vector<spike_record>& spikes,
                 const time_axis& time, double top, double height);
// The secondary label of a population's band: its gids, "gid 3" or "gids 0–7".
std::string gid_text(std::uint64_t first, std::uint64_t count);

} // namespace cajal::run_plot
