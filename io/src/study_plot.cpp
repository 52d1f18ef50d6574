// The pieces the study's plots share: page, frame, colours and their key.
#include "study_plot.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "colour_map.hpp"
#include "run_plot.hpp"
#include "xml_text.hpp"

namespace cajal::study_plot {

namespace {

// Distinct on white and from the control's black and the missing grey.
constexpr std::array<std::string_view, max_legend_variants> palette = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                                                        "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#e7ba52"};
constexpr double legend_row = 18;
constexpr double key_bar_height = 200;
constexpr double min_key_width = 150;
constexpr double min_colour_tick_spacing = 24;   // px

} // namespace

bool has_legend(const study& s) { return s.variants.size() <= max_legend_variants + 1; }

std::string variant_colour(const study& s, std::size_t variant) {
    if (variant == 0) return std::string(control_colour);
    if (has_legend(s)) return std::string(palette[variant - 1]);
    return colour_map_at(double(variant - 1) / double(s.variants.size() - 2));
}

std::string open_svg(double width, double height, std::string_view title) {
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0:.0f}" height="{1:.0f}" viewBox="0 0 {0:.0f} {1:.0f}" font-family="sans-serif" font-size="12">)" "\n",
        width, height);
    svg += fmt::format(R"(<rect width="{:.0f}" height="{:.0f}" fill="white"/>)" "\n", width, height);
    svg += fmt::format(R"(<text x="{:.1f}" y="24" text-anchor="middle" font-size="15">{}</text>)" "\n", width / 2, escape_xml(title));
    return svg;
}

std::string axis_label(std::string_view text, const axis_ticks& ticks) {
    if (ticks.power == 0) return std::string(text);
    return std::string(text) + " " + power_text(ticks.power);
}

void draw_frame(std::string& svg, const frame& f, const axis_ticks& x_ticks, const axis_ticks& y_ticks, std::string_view x_label,
                std::string_view y_label) {
    const double bottom = f.top + f.height, right = f.left + f.width;
    for (double v: x_ticks.at) {
        const double x = f.x(v);
        svg += fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" stroke="#eee"/>)" "\n", x, f.top, bottom);
        svg += fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" stroke="#444"/>)" "\n", x, bottom, bottom + 5);
        svg += fmt::format(R"(<text class="x-tick" x="{:.2f}" y="{:.2f}" text-anchor="middle">{}</text>)" "\n", x, bottom + 18,
                           tick_text(v, x_ticks));
    }
    for (double v: y_ticks.at) {
        const double y = f.y(v);
        svg += fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{2:.2f}" y2="{1:.2f}" stroke="#eee"/>)" "\n", f.left, y, right);
        svg += fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{2:.2f}" y2="{1:.2f}" stroke="#444"/>)" "\n", f.left - 5, y, f.left);
        svg += fmt::format(R"(<text class="y-tick" x="{:.2f}" y="{:.2f}" text-anchor="end" dy="0.35em">{}</text>)" "\n", f.left - 8, y,
                           tick_text(v, y_ticks));
    }
    svg += fmt::format(R"(<rect x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}" fill="none" stroke="#444"/>)" "\n", f.left, f.top, f.width,
                       f.height);
    if (!x_label.empty()) {
        svg += fmt::format(R"(<text class="x-label" x="{:.2f}" y="{:.2f}" text-anchor="middle">{}</text>)" "\n", f.left + f.width / 2, bottom + 38,
                           escape_xml(axis_label(x_label, x_ticks)));
    }
    const double label_x = f.left - 52, label_y = f.top + f.height / 2;
    svg += fmt::format(R"svg(<text class="y-label" x="{0:.2f}" y="{1:.2f}" text-anchor="middle" transform="rotate(-90 {0:.2f} {1:.2f})">{2}</text>)svg" "\n",
                       label_x, label_y, escape_xml(axis_label(y_label, y_ticks)));
}

void draw_colour_bar(std::string& svg, std::string_view id, double left, double top, double height, value_range range,
                     const axis_ticks& ticks) {
    svg += fmt::format(R"(<defs><linearGradient id="{}" x1="0" y1="1" x2="0" y2="0">)", id);
    const auto anchors = colour_map_anchors();
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        svg += fmt::format(R"(<stop offset="{:g}" stop-color="{}"/>)", double(i) / double(anchors.size() - 1), anchors[i]);
    }
    svg += "</linearGradient></defs>\n";
    svg += fmt::format(R"svg(<rect x="{:.2f}" y="{:.2f}" width="{}" height="{:.2f}" fill="url(#{})" stroke="#222" stroke-width="0.5"/>)svg" "\n", left, top,
                       colour_bar_width, height, id);
    for (double v: ticks.at) {
        const double y = top + height - (v - range.lo) / range.span() * height;
        svg += fmt::format(R"(<path d="M{0:.2f} {1:.2f}h4" stroke="#222"/><text class="colour-tick" x="{2:.2f}" y="{1:.2f}" dy="0.35em">{3}</text>)" "\n",
                           left + colour_bar_width, y, left + colour_bar_width + 7, tick_text(v, ticks));
    }
}

double variant_key_width(const study& s) {
    std::size_t chars = 0;
    if (has_legend(s)) {
        for (const auto& v: s.variants) chars = std::max(chars, v.name.size() + 5);   // the swatch is about five characters
    } else {
        chars = std::max(s.variants[1].name.size(), s.variants.back().name.size()) + 6;   // "256: " before the name
    }
    return std::max(min_key_width, double(std::min(chars, run_plot::max_legend_chars + 6)) * char_width + 10);
}

double variant_key_height(const study& s) {
    if (has_legend(s)) return legend_row * double(s.variants.size());
    return 8 + legend_row + 24 + key_bar_height + 20 + legend_row;   // as draw_variant_key lays it out
}

void draw_variant_key(std::string& svg, const study& s, double left, double top) {
    const auto entry = [&](std::size_t variant, double y) {
        const double width = variant == 0 ? 2.5 : 1.5;
        const std::string colour = variant_colour(s, variant);
        svg += fmt::format(R"(<line x1="{:.2f}" y1="{:.2f}" x2="{:.2f}" y2="{:.2f}" stroke="{}" stroke-width="{}"/>)", left, y, left + 24, y, colour, width);
        svg += fmt::format(R"(<circle cx="{:.2f}" cy="{:.2f}" r="3" fill="{}"/>)" "\n", left + 12, y, colour);
        svg += fmt::format(R"(<text class="legend" x="{:.2f}" y="{:.2f}" dy="0.35em">{}</text>)" "\n", left + 32, y, run_plot::legend_text(s.variants[variant].name));
    };
    if (has_legend(s)) {
        for (std::size_t v = 0; v < s.variants.size(); ++v) entry(v, top + 8 + legend_row * double(v));
        return;
    }
    entry(0, top + 8);
    svg += "<g class=\"colour-bar\">\n";
    const double bar_top = top + 8 + legend_row + 24;
    svg += fmt::format(R"(<text class="colour-bar-title" x="{:.2f}" y="{:.2f}">variant, in study order</text>)" "\n", left, bar_top - 10);
    value_range numbers;
    numbers.add(1);
    numbers.add(double(s.variants.size() - 1));
    draw_colour_bar(svg, "variant-colours", left, bar_top, key_bar_height, numbers,
                    round_ticks(numbers, static_cast<std::size_t>(key_bar_height / min_colour_tick_spacing)));
    // The ends named: what the numbers count through.
    const double below = bar_top + key_bar_height + 20;
    for (std::size_t k: {std::size_t(1), s.variants.size() - 1}) {
        svg += fmt::format(R"(<text class="colour-bar-end" x="{:.2f}" y="{:.2f}">{}: {}</text>)" "\n", left, below + (k == 1 ? 0 : legend_row), k,
                           run_plot::legend_text(s.variants[k].name));
    }
    svg += "</g>\n";
}

} // namespace cajal::study_plot
