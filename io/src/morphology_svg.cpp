#include <cajal/io/morphology_svg.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

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

} // namespace

std::string_view svg_type_colour(int type) { return styles[class_of(type)].colour; }

std::string morphology_svg(const morphology& m, const svg_options& options) {
    if (m.num_branches() == 0) throw std::invalid_argument("cannot draw a morphology without branches");
    if (!(options.max_extent_px > 0)) throw std::invalid_argument("the drawing size must be positive");

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
    const double drawing_w = std::max(cell_w, bar_px + 40);
    const double width = std::max(margin + drawing_w + legend_gap + legend_width + margin,
                                  2 * margin + char_width * static_cast<double>(options.title.size()));
    const double height = at.top - min_half_width + std::max(cell_h, legend_rows * legend_row) + scale_band + margin;

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
        if (!present[static_cast<std::size_t>(c)]) continue;
        out += fmt::format("<g fill=\"{}\" stroke=\"none\">\n", styles[static_cast<std::size_t>(c)].colour);
        for (const branch& br: m.branches()) {
            if (class_of(br.type) == c) draw_branch(out, at, br, options.view);
        }
        out += "</g>\n";
    }
    if (options.label_branches) draw_branch_labels(out, at, m, options.view);
    draw_legend(out, margin + drawing_w + legend_gap, at.top, present, options.view);
    draw_scale_bar(out, margin, at.top + std::max(cell_h, legend_rows * legend_row) + 8, bar_um, at.scale);
    out += "</svg>\n";
    return out;
}

} // namespace cajal
