#pragma once
// What the study's plots (fi.svg, features.svg) share: the page, a framed
// panel with round ticks, each variant's colour and the key that names the
// colours — a legend of names for a few variants, a colour bar for many.

#include <cstddef>
#include <string>
#include <string_view>

#include <cajal/study/study.hpp>

#include "plot_axis.hpp"

namespace cajal::study_plot {

constexpr double char_width = 7;                     // rough width of a 12 px character
constexpr std::string_view control_colour = "#000000";
constexpr std::string_view missing_colour = "#d4d4d4";   // a grey that viridis never reaches

// With at most this many variants besides the control, each has a colour of
// its own and a line in the legend; with more, their colours follow the
// colour map in study order and a colour bar stands for the legend.
constexpr std::size_t max_legend_variants = 10;
bool has_legend(const study& s);

// The control black; the others a palette's colours, or the colour map's.
std::string variant_colour(const study& s, std::size_t variant);

// "<svg ...>", a white page and the title centred at the top.
std::string open_svg(double width, double height, std::string_view title);

// A panel's frame and the mapping of values into it, y upwards.
struct frame {
    double left = 0, top = 0, width = 0, height = 0;
    value_range xs, ys;
    double x(double v) const { return left + (v - xs.lo) / xs.span() * width; }
    double y(double v) const { return top + height - (v - ys.lo) / ys.span() * height; }
};

// The frame with a light grid at `ticks`, tick labels (class "x-tick" under
// it, "y-tick" left of it) and the axes' labels. An empty x label leaves the
// x axis unlabelled (its ticks are drawn by the caller).
void draw_frame(std::string& svg, const frame& f, const axis_ticks& x_ticks, const axis_ticks& y_ticks, std::string_view x_label,
                std::string_view y_label);

// The label of an axis with the power of ten its tick labels leave out.
std::string axis_label(std::string_view text, const axis_ticks& ticks);

// A vertical colour bar of the colour map over `range`, lowest at the bottom,
// with its ticks (class "colour-tick") on the right; `id` names its gradient.
void draw_colour_bar(std::string& svg, std::string_view id, double left, double top, double height, value_range range,
                     const axis_ticks& ticks);
constexpr double colour_bar_width = 12;

// The key to the variants' colours, at (left, top): the legend of names
// (class "legend"), or the control's line and a colour bar over the variants'
// numbers in study order, with the first and last named (group "colour-bar").
double variant_key_width(const study& s);
double variant_key_height(const study& s);
void draw_variant_key(std::string& svg, const study& s, double left, double top);

} // namespace cajal::study_plot
