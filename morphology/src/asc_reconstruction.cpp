// What Import3d_Neurolucida3 does after parsing (its connect2soma): soma
// contours first; contours whose bounding boxes overlap in xy stacked into one
// soma; each tree joined by a wire to the centre of the soma whose bounding box
// holds its first point, or else of the nearest soma.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "asc_stages.hpp"
#include "contour_geometry.hpp"

namespace cajal::asc_detail {

namespace {

constexpr double hoc_epsilon = 1e-11;  // hoc's comparisons: a > b is a > b + 1e-11

// Import3d's diameter for the wire's starting point at a soma centre.
constexpr double wire_diameter = 0.01;

struct box {
    double x0, y0, z0, x1, y1, z1;
};

box bounding_box(const std::vector<asc_point>& points) {
    box b{points[0].x, points[0].y, points[0].z, points[0].x, points[0].y, points[0].z};
    for (const auto& p: points) {
        b.x0 = std::min(b.x0, p.x);
        b.y0 = std::min(b.y0, p.y);
        b.z0 = std::min(b.z0, p.z);
        b.x1 = std::max(b.x1, p.x);
        b.y1 = std::max(b.y1, p.y);
        b.z1 = std::max(b.z1, p.z);
    }
    return b;
}

bool overlap_in_xy(const box& a, const box& b) {
    return !(a.x0 > b.x1 + hoc_epsilon || b.x0 > a.x1 + hoc_epsilon || a.y0 > b.y1 + hoc_epsilon ||
             b.y0 > a.y1 + hoc_epsilon);
}

std::vector<reader_point> outline_of(const asc_section& sec) {
    std::vector<reader_point> out;
    for (const auto& p: sec.points) out.push_back({p.x, p.y, p.z, p.d});
    return out;
}

// A soma: one contour, or a stack of them (indices into the sections).
struct soma {
    std::size_t main;
    std::vector<std::size_t> stacked;
    detail::point3d centre{};
    // The box a tree's first point must lie in (xy): the contour's, half a µm
    // wider on every side, or the stack's, as it is.
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Import3d's soma_contour_stack: a contour whose xy bounding box overlaps the
// previous contour's joins the stack of the last contour that started one.
std::vector<soma> stack_contours(const std::vector<asc_section>& sections, const std::vector<std::size_t>& contours) {
    std::vector<soma> somas;
    if (contours.empty()) return somas;
    somas.push_back({contours[0], {}});
    box previous = bounding_box(sections[contours[0]].points);
    for (std::size_t k = 1; k < contours.size(); ++k) {
        const box next = bounding_box(sections[contours[k]].points);
        if (overlap_in_xy(previous, next)) {
            somas.back().stacked.push_back(contours[k]);
        } else {
            somas.push_back({contours[k], {}});
        }
        previous = next;
    }
    return somas;
}

// Import3d's connect2soma_2: the soma's centre and the box trees must start in.
// GUIMath.inside compares in single precision (InterViews' Coord).
void place_soma(soma& s, const std::vector<asc_section>& sections) {
    const auto& main = sections[s.main];
    if (s.stacked.empty()) {
        const box b = bounding_box(main.points);
        s.x0 = static_cast<float>(b.x0 - .5);
        s.x1 = static_cast<float>(b.x1 + .5);
        s.y0 = static_cast<float>(b.y0 - .5);
        s.y1 = static_cast<float>(b.y1 + .5);
        s.centre = detail::contour_center(outline_of(main));
        return;
    }
    box all = bounding_box(main.points);
    std::vector<std::vector<reader_point>> stack;
    for (std::size_t k: s.stacked) {
        const box b = bounding_box(sections[k].points);
        all.x0 = std::min(all.x0, b.x0);
        all.y0 = std::min(all.y0, b.y0);
        all.x1 = std::max(all.x1, b.x1);
        all.y1 = std::max(all.y1, b.y1);
        stack.push_back(outline_of(sections[k]));
    }
    s.x0 = static_cast<float>(all.x0);
    s.x1 = static_cast<float>(all.x1);
    s.y0 = static_cast<float>(all.y0);
    s.y1 = static_cast<float>(all.y1);
    s.centre = detail::stack_center(outline_of(main), stack);
}

bool inside(const soma& s, const asc_point& p) {
    const auto x = static_cast<float>(p.x), y = static_cast<float>(p.y);
    return x >= s.x0 && x <= s.x1 && y >= s.y0 && y <= s.y1;
}

// The soma whose centre is nearest (in 3-d) to a point, the first of equals.
std::size_t nearest_soma(const std::vector<soma>& somas, const asc_point& p) {
    std::size_t best = 0;
    double best_distance = 1e9;
    for (std::size_t j = 0; j < somas.size(); ++j) {
        const auto& c = somas[j].centre;
        const double dx = p.x - c[0], dy = p.y - c[1], dz = p.z - c[2];
        const double d = std::sqrt(dx * dx + dy * dy + dz * dz);
        if (d < best_distance - hoc_epsilon) {
            best = j;
            best_distance = d;
        }
    }
    return best;
}

} // namespace

reconstruction asc_reconstruction(parsed_asc parsed, const std::string& name) {
    auto& sections = parsed.sections;
    // Soma contours first, each group in reading order.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (sections[i].contour) order.push_back(i);
    }
    const std::size_t contour_count = order.size();
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (!sections[i].contour) order.push_back(i);
    }
    std::vector<std::size_t> contours(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(contour_count));
    std::vector<soma> somas = stack_contours(sections, contours);
    for (auto& s: somas) place_soma(s, sections);

    // Each soma in turn takes the trees whose first point lies in its box; a
    // tree in no box goes to the nearest soma, with a warning.
    std::vector<std::ptrdiff_t> joins(sections.size(), -1);  // soma index for each joined root
    std::vector<std::size_t> roots;
    for (std::size_t i: order) {
        if (!sections[i].contour && sections[i].parent < 0) roots.push_back(i);
    }
    if (!somas.empty()) {
        for (std::size_t s = 0; s < somas.size(); ++s) {
            std::vector<std::size_t> outside;
            for (std::size_t r: roots) {
                if (inside(somas[s], sections[r].points.front())) {
                    joins[r] = static_cast<std::ptrdiff_t>(s);
                } else {
                    outside.push_back(r);
                }
            }
            roots = std::move(outside);
        }
        for (std::size_t r: roots) {
            const auto& first = sections[r].points.front();
            joins[r] = static_cast<std::ptrdiff_t>(nearest_soma(somas, first));
            parsed.warnings.push_back({first.line, "the tree starting here begins outside every soma contour's "
                                                   "bounding box; it is joined to the centre of the nearest soma, "
                                                   "as NEURON's Import3d does"});
        }
    }

    // The sections, subsidiary contours left out: they belong to their stack's soma.
    std::vector<std::ptrdiff_t> index_of(sections.size(), -1);
    std::vector<bool> stacked(sections.size(), false);
    for (const auto& s: somas) {
        for (std::size_t k: s.stacked) stacked[k] = true;
    }
    reconstruction out;
    out.name = name;
    for (std::size_t i: order) {
        if (stacked[i]) continue;
        index_of[i] = static_cast<std::ptrdiff_t>(out.sections.size());
        out.sections.emplace_back();
    }
    for (const auto& s: somas) {
        for (std::size_t k: s.stacked) index_of[k] = index_of[s.main];
    }
    for (std::size_t i: order) {
        if (stacked[i]) continue;
        const auto& sec = sections[i];
        const auto at = static_cast<std::size_t>(index_of[i]);
        reader_section& rs = out.sections[at];
        rs.type = sec.type;
        rs.line = sec.line;
        rs.contour = sec.contour;
        const std::size_t own_from = sec.starts_at_parent ? 1 : 0;
        if (sec.parent >= 0) {
            rs.parent = index_of[static_cast<std::size_t>(sec.parent)];
        } else if (joins[i] >= 0) {
            const soma& s = somas[static_cast<std::size_t>(joins[i])];
            rs.parent = index_of[s.main];
            rs.parent_x = 0.5;
            rs.wire = true;
            rs.points.push_back({s.centre[0], s.centre[1], s.centre[2], wire_diameter});
        }
        const std::size_t offset = rs.points.size();
        for (const auto& p: sec.points) rs.points.push_back({p.x, p.y, p.z, p.d});
        for (std::size_t k = own_from; k < sec.points.size(); ++k) {
            const auto point = rs.contour ? std::ptrdiff_t{-1} : static_cast<std::ptrdiff_t>(offset + k);
            out.samples.push_back({static_cast<std::int64_t>(sec.points[k].line), at, point, 0.5});
        }
        if (sec.contour) {
            for (const auto& s: somas) {
                if (s.main != i) continue;
                for (std::size_t k: s.stacked) {
                    rs.stack.push_back(outline_of(sections[k]));
                    for (const auto& p: sections[k].points) {
                        out.samples.push_back({static_cast<std::int64_t>(p.line), at, -1, 0.5});
                    }
                }
            }
        }
    }
    out.warnings = std::move(parsed.warnings);
    return out;
}

} // namespace cajal::asc_detail
