// features.svg as rows: a panel per feature, a column per variant in study
// order with a dot at what the plot shows of it (the control's dot black, on
// the dashed line it is compared against), a missing value a grey column.
#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "run_plot.hpp"
#include "study_features_plot.hpp"
#include "study_plot.hpp"
#include "xml_text.hpp"

namespace cajal::study_plot {

namespace {

constexpr double left_margin = 90, panel_width = 640, title_height = 40, note_height = 28;
constexpr double row_title = 20, panel_height = 64, row_gap = 16;
constexpr double key_gap = 24;
constexpr double value_margin = 0.15;             // of the values' span, above and below
constexpr std::size_t value_ticks = 3;
constexpr std::size_t max_named_columns = 40;     // beyond, the columns are numbered
constexpr double min_number_spacing = 50;         // px between numbered columns' ticks
constexpr double name_slant = 40;                 // degrees, of the names under the columns

double row_pitch() { return row_title + panel_height + row_gap; }

// Under the last row: the variants' names, slanted, or their numbers.
double bottom_axis_height(const study& s) {
    if (s.variants.size() > max_named_columns) return 52;
    std::size_t chars = 0;
    for (const auto& v: s.variants) chars = std::max(chars, std::min(v.name.size(), run_plot::max_legend_chars));
    return double(chars) * char_width * std::sin(name_slant * std::numbers::pi / 180) + 24;
}

void draw_row(std::string& svg, const study& s, const compared_feature& c, double top, bool last) {
    const std::size_t n = s.variants.size();
    value_range values;
    for (const auto& v: c.shown) {
        if (v) values.add(*v);
    }
    // The reference: 0 % for a change; otherwise the control's value where it has one.
    const std::optional<double> reference = c.relative ? std::optional<double>(0.0) : c.control;
    if (reference) values.add(*reference);
    value_range columns;
    columns.add(-0.5);
    columns.add(double(n) - 0.5);
    const frame f{left_margin, top + row_title, panel_width, panel_height, columns, values.padded(value_margin)};
    const double column_width = panel_width / double(n);

    svg += fmt::format(R"(<g class="feature-row" data-feature="{}">)" "\n", escape_xml(c.feature));
    svg += fmt::format(R"(<text class="row-title" x="{:.2f}" y="{:.2f}"><tspan font-weight="bold">{}</tspan> — {}</text>)" "\n", f.left, top + 14,
                       escape_xml(c.title(s)), escape_xml(c.shown_text()));
    for (std::size_t k = 0; k < n; ++k) {
        if (c.shown[k]) continue;
        svg += fmt::format(R"(<rect class="missing" data-variant="{}" shape-rendering="crispEdges" x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}" fill="{}"/>)" "\n", k,
                           f.x(double(k) - 0.5), f.top, column_width, f.height, missing_colour);
    }
    axis_ticks numbers;
    if (last && n > max_named_columns) numbers = round_ticks(columns, static_cast<std::size_t>(panel_width / min_number_spacing));
    draw_frame(svg, f, numbers, round_ticks(f.ys, value_ticks), numbers.at.empty() ? "" : "variant, in study order (0: the control)",
               c.relative ? "%" : "value");
    if (reference) {
        svg += fmt::format(R"(<line class="reference" x1="{0:.2f}" y1="{2:.2f}" x2="{1:.2f}" y2="{2:.2f}" stroke="#000" stroke-dasharray="4 3"/>)" "\n",
                           f.left, f.left + f.width, f.y(*reference));
    }
    const bool few = n <= max_named_columns;
    // The control last, on top.
    for (std::size_t i = 1; i <= n; ++i) {
        const std::size_t k = i % n;
        if (!c.shown[k]) continue;
        const double radius = k == 0 ? (few ? 4.5 : 3.5) : (few ? 4 : 2.5);
        svg += fmt::format(R"(<circle class="value" data-variant="{}" cx="{:.2f}" cy="{:.2f}" r="{}" fill="{}"/>)" "\n", k, f.x(double(k)),
                           f.y(*c.shown[k]), radius, variant_colour(s, k));
    }
    if (values.empty()) {
        svg += fmt::format(R"(<text x="{:.2f}" y="{:.2f}" text-anchor="middle" dy="0.35em" fill="#444">no variant has a value</text>)" "\n",
                           f.left + f.width / 2, f.top + f.height / 2);
    }
    if (last && few) {
        for (std::size_t k = 0; k < n; ++k) {
            const double x = f.x(double(k)), y = f.top + f.height + 14;
            svg += fmt::format(R"svg(<text class="variant-name" x="{0:.2f}" y="{1:.2f}" text-anchor="end" transform="rotate(-{2} {0:.2f} {1:.2f})">{3}</text>)svg" "\n",
                               x, y, name_slant, run_plot::legend_text(s.variants[k].name));
        }
    }
    svg += "</g>\n";
}

} // namespace

std::string feature_rows_svg(const study& s, const std::vector<compared_feature>& features, const std::string& title) {
    const double top = title_height + note_height;
    const double key_left = left_margin + panel_width + key_gap;
    const double width = key_left + variant_key_width(s) + 10;
    const double rows_bottom = top + double(features.size()) * row_pitch() - row_gap + bottom_axis_height(s);
    const double height = std::max(rows_bottom, top + variant_key_height(s)) + 10;
    std::string svg = open_svg(width, height, title + " — features against the control");
    svg += fmt::format(R"(<text class="note" x="{:.2f}" y="{:.2f}" fill="#444">a run's features at the largest step at which the control fires; )"
                       R"(grey: no value</text>)" "\n",
                       left_margin, title_height + 8);
    for (std::size_t k = 0; k < features.size(); ++k) draw_row(svg, s, features[k], top + double(k) * row_pitch(), k + 1 == features.size());
    draw_variant_key(svg, s, key_left, top + row_title);
    svg += "</svg>\n";
    return svg;
}

} // namespace cajal::study_plot
