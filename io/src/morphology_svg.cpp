#include <cajal/io/morphology_svg.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "colour_map.hpp"
#include "plot_axis.hpp"
#include "units_text.hpp"
#include "xml_text.hpp"

namespace cajal {

svg_view parse_svg_view(std::string_view name) {
    if (name == "xy") return svg_view::xy;
    if (name == "xz") return svg_view::xz;
    if (name == "yz") return svg_view::yz;
    throw std::invalid_argument(fmt::format("unknown view '{}' (expected xy, xz or yz)", name));
}

std::string_view to_string(svg_view view) {
    switch (view) {
        case svg_view::xy: return "xy";
        case svg_view::xz: return "xz";
        case svg_view::yz: return "yz";
    }
    return "xy";
}

namespace {

// Colour classes, in drawing order: later ones are drawn on top.
enum colour_class { other_class, basal_class, apical_class, axon_class, soma_class, class_count };

struct class_style {
    std::string_view colour;
    std::string_view label;
};

constexpr std::array<class_style, class_count> styles{{
    {"#8c8c8c", "other"},
    {"#1f6fb4", "basal dendrite"},
    {"#8e44ad", "apical dendrite"},
    {"#d62728", "axon"},
    {"#222222", "soma"},
}};

// Legend rows, in reading order.
constexpr std::array<colour_class, class_count> legend_order{
    soma_class, axon_class, basal_class, apical_class, other_class};

colour_class class_of(int type) {
    switch (type) {
        case swc_soma: return soma_class;
        case swc_axon: return axon_class;
        case swc_basal: return basal_class;
        case swc_apical: return apical_class;
        default: return other_class;
    }
}

// A point on the drawing plane, in µm, with its radius.
struct plane_point {
    double u = 0, v = 0, r = 0;
};

plane_point project(const point3& p, svg_view view) {
    switch (view) {
        case svg_view::xy: return {p.x, p.y, p.radius};
        case svg_view::xz: return {p.x, p.z, p.radius};
        case svg_view::yz: return {p.y, p.z, p.radius};
    }
    return {p.x, p.y, p.radius};
}

// The largest 1, 2 or 5 times a power of ten not above target (target > 0).
double round_length(double target) {
    const double decade = std::pow(10.0, std::floor(std::log10(target)));
    for (double step: {5.0, 2.0}) {
        if (step * decade <= target) return step * decade;
    }
    return decade;
}


// Layout, in pixels.
constexpr double margin = 20;
constexpr double title_height = 30;
constexpr double legend_gap = 30;
constexpr double legend_row = 22;
constexpr double legend_width = 140;
constexpr double swatch = 12;
constexpr double scale_band = 48;
constexpr double min_half_width = 0.5;  // so that the thinnest branches stay visible
constexpr double char_width = 8;        // rough width of a title character

struct bounds {
    double u0 = std::numeric_limits<double>::infinity(), u1 = -u0;
    double v0 = u0, v1 = -u0;
    void add(const plane_point& p) {
        u0 = std::min(u0, p.u - p.r);
        u1 = std::max(u1, p.u + p.r);
        v0 = std::min(v0, p.v - p.r);
        v1 = std::max(v1, p.v + p.r);
    }
};

// Maps µm on the plane to pixels, the second axis pointing up.
struct placement {
    double scale = 1;          // px per µm
    double left = 0, top = 0;  // where the cell's box starts, px
    bounds box;
    double x(double u) const { return left + (u - box.u0) * scale; }
    double y(double v) const { return top + (box.v1 - v) * scale; }
    double r(double radius) const { return std::max(radius * scale, min_half_width); }
};

// One frustum as a quadrilateral between its end diameters; nothing when it is
// seen end-on (the joint circles cover it).
void draw_frustum(std::string& out, const placement& at, const plane_point& a, const plane_point& b) {
    const double ax = at.x(a.u), ay = at.y(a.v), bx = at.x(b.u), by = at.y(b.v);
    const double length = std::hypot(bx - ax, by - ay);
    if (length < 1e-9) return;
    const double nx = -(by - ay) / length, ny = (bx - ax) / length;
    const double ra = at.r(a.r), rb = at.r(b.r);
    // Written in place: a cell of a million points has two million of these.
    fmt::format_to(std::back_inserter(out), "<path d=\"M{:.2f} {:.2f}L{:.2f} {:.2f}L{:.2f} {:.2f}L{:.2f} {:.2f}Z\"/>\n",
                   ax + nx * ra, ay + ny * ra, bx + nx * rb, by + ny * rb, bx - nx * rb, by - ny * rb,
                   ax - nx * ra, ay - ny * ra);
}

void draw_joint(std::string& out, const placement& at, const plane_point& p) {
    fmt::format_to(std::back_inserter(out), "<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{:.2f}\"/>\n", at.x(p.u),
                   at.y(p.v), at.r(p.r));
}

double distance(const plane_point& a, const plane_point& b) { return std::hypot(b.u - a.u, b.v - a.v); }

plane_point lerp(const plane_point& a, const plane_point& b, double t) {
    return {std::lerp(a.u, b.u, t), std::lerp(a.v, b.v, t), std::lerp(a.r, b.r, t)};
}

// The polyline with `cut` (drawing plane) length taken off its start.
std::vector<plane_point> trim_start(const std::vector<plane_point>& pts, double cut) {
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const double step = distance(pts[i - 1], pts[i]);
        if (step > cut) {
            std::vector<plane_point> rest{lerp(pts[i - 1], pts[i], cut / step)};
            rest.insert(rest.end(), pts.begin() + static_cast<std::ptrdiff_t>(i), pts.end());
            return rest;
        }
        cut -= step;
    }
    return {pts.back()};
}

// A soma branch drawn with round ends that stay within its length, so that a
// NeuroMorpho three-point soma (a cylinder as long as it is wide) appears as the
// sphere it stands for. A soma shorter than its end radii becomes one disc.
std::vector<plane_point> round_soma_ends(std::vector<plane_point> pts) {
    double length = 0, widest = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i > 0) length += distance(pts[i - 1], pts[i]);
        widest = std::max(widest, pts[i].r);
    }
    const double head = pts.front().r, tail = pts.back().r;
    if (length <= head + tail) {
        const plane_point centre = trim_start(pts, head + tail > 0 ? length * head / (head + tail) : 0).front();
        return {{centre.u, centre.v, widest}};
    }
    pts = trim_start(pts, head);
    std::reverse(pts.begin(), pts.end());
    pts = trim_start(pts, tail);
    std::reverse(pts.begin(), pts.end());
    return pts;
}

// Frusta with round joints and ends.
void draw_branch(std::string& out, const placement& at, const branch& br, svg_view view) {
    std::vector<plane_point> pts;
    for (const point3& p: br.points) pts.push_back(project(p, view));
    if (br.type == swc_soma) pts = round_soma_ends(std::move(pts));
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i > 0) draw_frustum(out, at, pts[i - 1], pts[i]);
        draw_joint(out, at, pts[i]);
    }
}

// Each branch's index at its middle, over the drawing, with a white halo so
// that it reads on any colour.
void draw_branch_labels(std::string& out, const placement& at, const morphology& m, svg_view view) {
    out += "<g font-size=\"10\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"#000000\" "
           "stroke=\"#ffffff\" stroke-width=\"2\" paint-order=\"stroke\">\n";
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const plane_point p = project(m.point_at(b, 0.5), view);
        fmt::format_to(std::back_inserter(out), "<text x=\"{:.2f}\" y=\"{:.2f}\">{}</text>\n", at.x(p.u), at.y(p.v), b);
    }
    out += "</g>\n";
}

// Legend rows for the classes drawn, then which axes the view shows.
void draw_legend(std::string& out, double left, double top, const std::array<bool, class_count>& present,
                 svg_view view) {
    double y = top;
    for (colour_class c: legend_order) {
        if (!present[c]) continue;
        out += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", left,
                           y, swatch, swatch, styles[c].colour);
        out += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\">{}</text>\n", left + swatch + 8, y + swatch - 1,
                           styles[c].label);
        y += legend_row;
    }
    const std::string_view axes = to_string(view);
    out += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" font-size=\"12\" fill=\"#666666\">{} → {} ↑</text>\n", left,
                       y + swatch + 6, axes[0], axes[1]);
}

void draw_scale_bar(std::string& out, double left, double top, double length_um, double scale) {
    const double px = length_um * scale;
    const double y = top + 14;
    out += fmt::format("<g stroke=\"#222222\" stroke-width=\"2\" fill=\"none\">"
                       "<path d=\"M{0:.2f} {1:.2f}V{2:.2f}H{3:.2f}V{1:.2f}\"/></g>\n",
                       left, y - 5, y, left + px);
    out += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"middle\">{:g} µm</text>\n", left + px / 2,
                       y + 20, length_um);
}

// Colouring by a value (svg_options::colour_by) and marked points
// (svg_options::markers): a layer drawn instead of the types' groups, a colour
// bar instead of their legend, and a layer over the cell.

constexpr std::string_view no_value_colour = "#d4d4d4";  // a grey that viridis never reaches
constexpr double bar_width = 16, bar_height = 200, bar_title = 24, bar_tick_spacing = 30;
constexpr double marker_radius = 4, marker_char_width = 6.5, marker_line = 13;

void check_position(double x, const std::string& what) {
    if (!(x >= 0 && x <= 1)) throw std::invalid_argument(fmt::format("{}: position {} is outside [0, 1]", what, x));
}

void check_overlays(const morphology& m, const svg_options& options) {
    if (options.colour_by) {
        const auto& branches = options.colour_by->branches;
        if (branches.size() != m.num_branches()) {
            throw std::invalid_argument(fmt::format("colour_by has values for {} branches; the cell has {}", branches.size(),
                                                    m.num_branches()));
        }
        for (std::size_t b = 0; b < branches.size(); ++b) {
            const std::string what = fmt::format("colour_by, branch {}", b);
            if (branches[b].x.size() != branches[b].values.size()) {
                throw std::invalid_argument(fmt::format("{}: {} positions and {} values", what, branches[b].x.size(), branches[b].values.size()));
            }
            for (std::size_t i = 0; i < branches[b].x.size(); ++i) {
                check_position(branches[b].x[i], what);
                if (i > 0 && branches[b].x[i] < branches[b].x[i - 1]) throw std::invalid_argument(what + ": positions are not ascending");
            }
        }
    }
    for (const svg_marker& marker: options.markers) {
        const std::string what = fmt::format("marker '{}'", marker.label);
        if (marker.branch >= m.num_branches()) {
            throw std::invalid_argument(fmt::format("{}: branch {} is not in the cell ({} branches)", what, marker.branch, m.num_branches()));
        }
        check_position(marker.x, what);
    }
}

// A stretch of a branch with one value.
struct piece {
    double x0 = 0, x1 = 1;
    double value = std::numeric_limits<double>::quiet_NaN();
};

std::vector<piece> pieces_of(const branch_values& along) {
    if (along.x.empty()) return {piece{}};
    std::vector<piece> pieces;
    for (std::size_t i = 0; i < along.x.size(); ++i) {
        const double x0 = i == 0 ? 0 : (along.x[i - 1] + along.x[i]) / 2;
        const double x1 = i + 1 == along.x.size() ? 1 : (along.x[i] + along.x[i + 1]) / 2;
        pieces.push_back({x0, x1, along.values[i]});
    }
    return pieces;
}

// A branch's points as drawn, and where each lies along it (0 to 1): by arc
// length in 3-d, which projection keeps along each frustum; a soma drawn with
// round ends by its drawn length.
struct drawn_branch {
    std::vector<plane_point> pts;
    std::vector<double> at;
};

drawn_branch drawn_points(const branch& br, svg_view view) {
    drawn_branch d;
    for (const point3& p: br.points) d.pts.push_back(project(p, view));
    const bool by_arc = br.type != swc_soma && br.arc.size() == br.points.size() && br.arc.back() > 0;
    if (br.type == swc_soma) d.pts = round_soma_ends(std::move(d.pts));
    double length = 0;
    for (std::size_t i = 0; i < d.pts.size(); ++i) {
        if (i > 0) length += by_arc ? br.arc[i] - br.arc[i - 1] : distance(d.pts[i - 1], d.pts[i]);
        d.at.push_back(length);
    }
    for (double& a: d.at) a = length > 0 ? a / length : 0.5;
    return d;
}

plane_point point_along(const drawn_branch& d, double x) {
    const auto k = static_cast<std::size_t>(std::lower_bound(d.at.begin(), d.at.end(), x) - d.at.begin());
    if (k == 0) return d.pts.front();
    if (k == d.pts.size()) return d.pts.back();
    const double step = d.at[k] - d.at[k - 1];
    return lerp(d.pts[k - 1], d.pts[k], step > 0 ? (x - d.at[k - 1]) / step : 0);
}

// One piece's frusta, with joints at the branch's own points and ends; none
// where a piece is cut from the next, so that a colour does not spill over.
void draw_piece(std::string& out, const placement& at, const drawn_branch& d, const piece& p) {
    if (d.pts.size() == 1) {
        if (p.x0 <= 0.5 && (0.5 < p.x1 || p.x1 == 1)) draw_joint(out, at, d.pts[0]);
        return;
    }
    if (!(p.x1 > p.x0)) return;
    std::vector<plane_point> pts{point_along(d, p.x0)};
    std::vector<bool> joint{p.x0 == 0};
    for (std::size_t k = 0; k < d.pts.size(); ++k) {
        if (d.at[k] > p.x0 && d.at[k] < p.x1) {
            pts.push_back(d.pts[k]);
            joint.push_back(true);
        }
    }
    pts.push_back(point_along(d, p.x1));
    joint.push_back(p.x1 == 1);
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i > 0) draw_frustum(out, at, pts[i - 1], pts[i]);
        if (joint[i]) draw_joint(out, at, pts[i]);
    }
}

// The colour bar's scale: the values' range and its ticks, and what it needs.
struct colour_scale {
    value_range range;
    axis_ticks ticks;
    bool any_missing = false;  // some of the cell has no value: the legend says which grey that is
    std::string title;
    double width = 0, height = 0;
};

colour_scale make_colour_scale(const svg_colour_by& colour_by) {
    colour_scale s;
    value_range values;
    for (const branch_values& along: colour_by.branches) {
        if (along.x.empty()) s.any_missing = true;
        for (double v: along.values) {
            values.add(v);
            if (!std::isfinite(v)) s.any_missing = true;
        }
    }
    s.range = values.padded(0);
    s.ticks = round_ticks(s.range, static_cast<std::size_t>(bar_height / bar_tick_spacing));
    const std::string units = units_text(colour_by.units);
    const std::string scale = s.ticks.power != 0 ? power_text(s.ticks.power) + (units.empty() ? "" : " " + units) : units;
    s.title = scale.empty() ? colour_by.label : fmt::format("{} ({})", colour_by.label, scale);
    std::size_t tick_chars = 0;
    for (double v: s.ticks.at) tick_chars = std::max(tick_chars, tick_text(v, s.ticks).size());
    s.width = std::max({legend_width, char_width * double(s.title.size()), bar_width + 10 + char_width * double(tick_chars)});
    s.height = bar_title + bar_height + 12 + (s.any_missing ? legend_row : 0) + legend_row;
    return s;
}

std::string_view piece_colour(const colour_scale& scale, double value, std::string& buffer) {
    if (!std::isfinite(value)) return no_value_colour;
    buffer = colour_map_at((value - scale.range.lo) / scale.range.span());
    return buffer;
}

// The cell in the colours of its values, one group per colour, the soma on top.
void draw_coloured_cell(std::string& out, const morphology& m, const placement& at, svg_view view, const svg_colour_by& colour_by,
                        const colour_scale& scale) {
    std::array<std::map<std::string, std::string>, 2> layers;  // neurites, soma
    std::string buffer;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const branch& br = m.branch_at(b);
        const drawn_branch d = drawn_points(br, view);
        auto& layer = layers[br.type == swc_soma ? 1 : 0];
        for (const piece& p: pieces_of(colour_by.branches[b])) draw_piece(layer[std::string(piece_colour(scale, p.value, buffer))], at, d, p);
    }
    for (const auto& layer: layers) {
        for (const auto& [colour, shapes]: layer) {
            if (!shapes.empty()) out += fmt::format("<g fill=\"{}\" stroke=\"none\">\n{}</g>\n", colour, shapes);
        }
    }
}

// The colour bar, smallest value at the bottom, with round ticks; then the
// grey of "no value" when some of the cell has none, and the view's axes.
void draw_colour_bar(std::string& out, double left, double top, const colour_scale& scale, svg_view view) {
    out += "<defs><linearGradient id=\"colour-by\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">";
    const auto anchors = colour_map_anchors();
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        out += fmt::format("<stop offset=\"{:g}\" stop-color=\"{}\"/>", double(i) / double(anchors.size() - 1), anchors[i]);
    }
    out += "</linearGradient></defs>\n";
    out += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" class=\"colour-by-title\">{}</text>\n", left, top + 12, escape_xml(scale.title));
    const double bar_top = top + bar_title, bar_bottom = bar_top + bar_height;
    out += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{}\" height=\"{}\" fill=\"url(#colour-by)\" stroke=\"#222222\" stroke-width=\"0.5\"/>\n",
                       left, bar_top, bar_width, bar_height);
    for (double v: scale.ticks.at) {
        const double y = bar_bottom - (v - scale.range.lo) / scale.range.span() * bar_height;
        out += fmt::format("<path d=\"M{0:.2f} {1:.2f}h4\" stroke=\"#222222\"/><text x=\"{2:.2f}\" y=\"{1:.2f}\" font-size=\"12\" "
                           "dy=\"0.35em\" class=\"colour-tick\">{3}</text>\n",
                           left + bar_width, y, left + bar_width + 7, tick_text(v, scale.ticks));
    }
    double y = bar_bottom + 12;
    if (scale.any_missing) {
        out += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", left, y, swatch, swatch, no_value_colour);
        out += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\">no value</text>\n", left + swatch + 8, y + swatch - 1);
        y += legend_row;
    }
    draw_legend(out, left, y, {}, view);
}

// A marker and where its label goes: right of the marker; labels of markers
// at one place listed downwards, and a label moved down past others in its way.
struct placed_marker {
    double x = 0, y = 0;              // the marker, px
    double label_x = 0, label_y = 0;  // the label's baseline start, px
    const std::string* label = nullptr;
    double label_width() const { return marker_char_width * double(label->size()); }
    double right() const { return label_x + label_width(); }
};

bool overlaps(const placed_marker& a, const placed_marker& b) {
    return a.label_x < b.right() && b.label_x < a.right() && std::abs(a.label_y - b.label_y) < marker_line;
}

std::vector<placed_marker> place_markers(const morphology& m, const placement& at, const svg_options& options) {
    // Moves past labels in the way are few, so that thousands of markers cost
    // no more than a few passes over the labels each.
    constexpr int max_moves = 8;
    std::vector<placed_marker> placed;
    std::map<std::pair<long, long>, int> labels_at;  // labels so far per marker pixel
    for (const svg_marker& marker: options.markers) {
        const plane_point p = project(m.point_at(marker.branch, marker.x), options.view);
        const double x = at.x(p.u), y = at.y(p.v);
        placed_marker pm{x, y, x + marker_radius + 3, y - 2, &marker.label};
        if (!marker.label.empty()) {
            pm.label_y += marker_line * labels_at[{std::lround(x), std::lround(y)}]++;
            const auto clash = [&] {
                return std::any_of(placed.begin(), placed.end(), [&](const placed_marker& o) { return !o.label->empty() && overlaps(pm, o); });
            };
            for (int move = 0; move < max_moves && clash(); ++move) pm.label_y += marker_line;
        }
        placed.push_back(pm);
    }
    return placed;
}

// White dots ringed in black show on every colour of the cell; labels have a
// white halo for the same reason.
void draw_markers(std::string& out, const std::vector<placed_marker>& markers) {
    if (markers.empty()) return;
    out += "<g class=\"markers\" fill=\"#ffffff\" stroke=\"#222222\" stroke-width=\"1.5\">\n";
    for (const placed_marker& pm: markers) out += fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{}\"/>\n", pm.x, pm.y, marker_radius);
    out += "</g>\n<g class=\"marker-labels\" font-size=\"11\" fill=\"#222222\" stroke=\"#ffffff\" stroke-width=\"3\" "
           "stroke-linejoin=\"round\" paint-order=\"stroke\">\n";
    for (const placed_marker& pm: markers) {
        if (!pm.label->empty()) out += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\">{}</text>\n", pm.label_x, pm.label_y, escape_xml(*pm.label));
    }
    out += "</g>\n";
}

} // namespace

std::string_view svg_type_colour(int type) { return styles[class_of(type)].colour; }

std::string morphology_svg(const morphology& m, const svg_options& options) {
    if (m.num_branches() == 0) throw std::invalid_argument("cannot draw a morphology without branches");
    if (!(options.max_extent_px > 0)) throw std::invalid_argument("the drawing size must be positive");
    check_overlays(m, options);

    placement at;
    std::array<bool, class_count> present{};
    for (const branch& br: m.branches()) {
        present[class_of(br.type)] = true;
        for (const point3& p: br.points) at.box.add(project(p, options.view));
    }
    // A cell seen edge-on, or a single point, still gets a box of some size.
    const double extent = std::max({at.box.u1 - at.box.u0, at.box.v1 - at.box.v0, 1e-3});
    at.scale = options.max_extent_px / extent;
    const double cell_w = (at.box.u1 - at.box.u0) * at.scale + 2 * min_half_width;
    const double cell_h = (at.box.v1 - at.box.v0) * at.scale + 2 * min_half_width;
    at.left = margin + min_half_width;
    at.top = margin + (options.title.empty() ? 0 : title_height) + min_half_width;

    const double bar_um = round_length(extent / 4);
    const double bar_px = bar_um * at.scale;
    // One row per class drawn, and one for the axes.
    const double legend_rows = static_cast<double>(std::count(present.begin(), present.end(), true)) + 1;
    // Colouring by a value puts a colour bar where the types' legend goes.
    const std::optional<colour_scale> scale =
        options.colour_by ? std::optional(make_colour_scale(*options.colour_by)) : std::nullopt;
    const double legend_w = scale ? scale->width : legend_width;
    double content_h = std::max(cell_h, scale ? scale->height : legend_rows * legend_row);
    double drawing_w = std::max(cell_w, bar_px + 40);
    const std::vector<placed_marker> markers = place_markers(m, at, options);
    for (const placed_marker& pm: markers) {
        drawing_w = std::max(drawing_w, pm.right() - margin);
        content_h = std::max(content_h, pm.label_y + 4 - at.top);
    }
    const double width = std::max(margin + drawing_w + legend_gap + legend_w + margin,
                                  2 * margin + char_width * static_cast<double>(options.title.size()));
    const double height = at.top - min_half_width + content_h + scale_band + margin;

    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
        "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"14\" "
        "fill=\"#222222\">\n",
        std::ceil(width), std::ceil(height));
    if (!options.title.empty()) out += fmt::format("<title>{}</title>\n", escape_xml(options.title));
    out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    if (!options.title.empty()) {
        out += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" font-size=\"16\" font-weight=\"bold\">{}</text>\n",
                           margin, margin + 16, escape_xml(options.title));
    }
    for (int c = 0; c < class_count; ++c) {
        if (!present[static_cast<std::size_t>(c)] || scale) continue;
        out += fmt::format("<g fill=\"{}\" stroke=\"none\">\n", styles[static_cast<std::size_t>(c)].colour);
        for (const branch& br: m.branches()) {
            if (class_of(br.type) == c) draw_branch(out, at, br, options.view);
        }
        out += "</g>\n";
    }
    if (scale) draw_coloured_cell(out, m, at, options.view, *options.colour_by, *scale);
    draw_markers(out, markers);
    if (options.label_branches) draw_branch_labels(out, at, m, options.view);
    if (scale) {
        draw_colour_bar(out, margin + drawing_w + legend_gap, at.top, *scale, options.view);
    } else {
        draw_legend(out, margin + drawing_w + legend_gap, at.top, present, options.view);
    }
    draw_scale_bar(out, margin, at.top + content_h + 8, bar_um, at.scale);
    out += "</svg>\n";
    return out;
}

} // namespace cajal
