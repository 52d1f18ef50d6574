// features.svg for a grid of two axes: a heat map per feature, a cell per
// variant of the grid — the first axis upwards, the second across — coloured
// by the colour map over that feature's values, a missing value grey.
#include <cmath>

#include <fmt/format.h>

#include "colour_map.hpp"
#include "study_features_plot.hpp"
#include "study_plot.hpp"
#include "xml_text.hpp"

namespace cajal::study_plot {

namespace {

constexpr std::size_t panels_per_row = 3;
constexpr double margin = 20, title_height = 40, note_height = 28;
constexpr double panel_width = 340, panel_height = 300;
constexpr double map_left = 84, map_top = 44, map_size = 180;   // within a panel
constexpr double bar_gap = 12;
constexpr std::size_t colour_ticks = 6;
constexpr double min_x_label_spacing = 36, min_y_label_spacing = 16;   // px between an axis' value labels
constexpr double swatch = 10;

// An axis value as written, with a minus sign.
std::string value_text(double v) {
    const std::string digits = fmt::format("{:g}", std::abs(v));
    return v < 0 ? "\u2212" + digits : digits;
}

// Every stride-th label, so that labels `min_spacing` apart fit cells `cell` wide.
std::size_t label_stride(double cell, double min_spacing) { return static_cast<std::size_t>(std::ceil(min_spacing / cell)); }

void draw_heat_map(std::string& svg, const study& s, const compared_feature& c, std::size_t index, double left, double top) {
    const study_grid& grid = *s.grid;
    const auto& rows = grid.axes[0].values;
    const auto& columns = grid.axes[1].values;
    const double cell_w = map_size / double(columns.size()), cell_h = map_size / double(rows.size());
    const double x0 = left + map_left, y0 = top + map_top, bottom = y0 + map_size;
    const auto variant = [&](std::size_t i, std::size_t j) { return grid.first + i * columns.size() + j; };

    value_range values;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = 0; j < columns.size(); ++j) {
            if (const auto& v = c.shown[variant(i, j)]) values.add(*v);
        }
    }
    const value_range range = values.padded(0);

    svg += fmt::format(R"(<g class="heat-map" data-feature="{}">)" "\n", escape_xml(c.feature));
    svg += fmt::format(R"(<text class="map-title" x="{:.2f}" y="{:.2f}" font-weight="bold">{}</text>)" "\n", left + 20, top + 14, escape_xml(c.title(s)));
    svg += fmt::format(R"(<text class="map-subtitle" x="{:.2f}" y="{:.2f}">{}</text>)" "\n", left + 20, top + 30, escape_xml(c.shown_text()));
    bool missing = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = 0; j < columns.size(); ++j) {
            const auto& v = c.shown[variant(i, j)];
            missing = missing || !v;
            const std::string fill = v ? colour_map_at((*v - range.lo) / range.span()) : std::string(missing_colour);
            svg += fmt::format(R"(<rect class="cell" data-variant="{}" shape-rendering="crispEdges" x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}" fill="{}"/>)" "\n",
                               variant(i, j), x0 + double(j) * cell_w, bottom - double(i + 1) * cell_h, cell_w, cell_h, fill);
        }
    }
    svg += fmt::format(R"(<rect x="{:.2f}" y="{:.2f}" width="{}" height="{}" fill="none" stroke="#444"/>)" "\n", x0, y0, map_size, map_size);
    for (std::size_t j = 0; j < columns.size(); j += label_stride(cell_w, min_x_label_spacing)) {
        svg += fmt::format(R"(<text class="x-tick" x="{:.2f}" y="{:.2f}" text-anchor="middle">{}</text>)" "\n", x0 + (double(j) + 0.5) * cell_w,
                           bottom + 16, value_text(columns[j]));
    }
    for (std::size_t i = 0; i < rows.size(); i += label_stride(cell_h, min_y_label_spacing)) {
        svg += fmt::format(R"(<text class="y-tick" x="{:.2f}" y="{:.2f}" text-anchor="end" dy="0.35em">{}</text>)" "\n", x0 - 6,
                           bottom - (double(i) + 0.5) * cell_h, value_text(rows[i]));
    }
    svg += fmt::format(R"(<text class="x-label" x="{:.2f}" y="{:.2f}" text-anchor="middle">{}</text>)" "\n", x0 + map_size / 2, bottom + 36,
                       escape_xml(grid.axes[1].label));
    const double label_x = x0 - 52, label_y = y0 + map_size / 2;
    svg += fmt::format(R"svg(<text class="y-label" x="{0:.2f}" y="{1:.2f}" text-anchor="middle" transform="rotate(-90 {0:.2f} {1:.2f})">{2}</text>)svg" "\n",
                       label_x, label_y, escape_xml(grid.axes[0].label));

    const double bar_left = x0 + map_size + bar_gap;
    if (values.empty()) {
        svg += fmt::format(R"(<text x="{:.2f}" y="{:.2f}" text-anchor="middle" dy="0.35em" fill="#444">no variant has a value</text>)" "\n",
                           x0 + map_size / 2, y0 + map_size / 2);
    } else {
        draw_colour_bar(svg, fmt::format("heat-map-{}", index), bar_left, y0, map_size, range, round_ticks(range, colour_ticks));
    }
    if (missing) {
        svg += fmt::format(R"(<rect class="missing-swatch" x="{:.2f}" y="{:.2f}" width="{}" height="{}" fill="{}"/>)" "\n", bar_left, bottom + 8,
                           swatch, swatch, missing_colour);
        svg += fmt::format(R"(<text x="{:.2f}" y="{:.2f}" font-size="10">no value</text>)" "\n", bar_left + swatch + 4, bottom + 8 + swatch - 1);
    }
    svg += "</g>\n";
}

} // namespace

std::string feature_heat_maps_svg(const study& s, const std::vector<compared_feature>& features, const std::string& title) {
    const study_grid& grid = *s.grid;
    const std::size_t panel_rows = (features.size() + panels_per_row - 1) / panels_per_row;
    const double width = 2 * margin + double(panels_per_row) * panel_width;
    const double height = title_height + note_height + double(panel_rows) * panel_height + margin;
    std::string svg = open_svg(width, height, title + " — features against the control");
    const std::size_t listed = grid.first - 1;   // variants before the grid's, the control aside
    std::string note = fmt::format("a cell per variant of the grid ({} × {}); a run's features at the largest step at which the control fires; grey: no value",
                                   grid.axes[0].values.size(), grid.axes[1].values.size());
    if (listed > 0) note += fmt::format("; the {} listed variant{} in features.csv", listed, listed == 1 ? " is" : "s are");
    svg += fmt::format(R"(<text class="note" x="{:.2f}" y="{:.2f}" fill="#444">{}</text>)" "\n", margin, title_height + 8, escape_xml(note));
    for (std::size_t k = 0; k < features.size(); ++k) {
        const double left = margin + double(k % panels_per_row) * panel_width;
        const double top = title_height + note_height + double(k / panels_per_row) * panel_height;
        draw_heat_map(svg, s, features[k], k, left, top);
    }
    svg += "</svg>\n";
    return svg;
}

} // namespace cajal::study_plot
