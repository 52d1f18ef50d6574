// make_morphology: what NEURON's Import3d_GUI.instantiate() does with the
// sections a reader formed (see docs/morphology.md, "NEURON-compatible
// sections"): degenerate sections removed, soma contours turned into 3-d
// points, sections created type by type, every value rounded as NEURON stores it.
#include <cajal/morphology/morphology.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

#include "arc_length.hpp"
#include "contour_geometry.hpp"

namespace cajal {

namespace {

// Import3d hands each value to pt3dadd as "%.8g" text, and NEURON keeps 3-d
// points in single precision; rounding the same way reproduces its lengths
// and areas to the last bits.
// (to_chars and from_chars round exactly as printf and strtod do, without
// their locale and format-string overhead, which dominated large files.)
double as_neuron_stores(double v) {
    std::array<char, 32> text{};
    const auto end = std::to_chars(text.data(), text.data() + text.size(), v, std::chars_format::general, 8).ptr;
    double read = 0;
    std::from_chars(text.data(), end, read);
    return static_cast<double>(static_cast<float>(read));
}

point3 stored_point(double x, double y, double z, double d) {
    return {as_neuron_stores(x), as_neuron_stores(y), as_neuron_stores(z), as_neuron_stores(d) / 2};
}

// hoc's Vector.eq: every coordinate within float_epsilon (1e-11).
bool same_place(const reader_point& a, const reader_point& b) {
    constexpr double hoc_epsilon = 1e-11;
    const auto near = [](double u, double v) { return u - v < hoc_epsilon && v - u < hoc_epsilon; };
    return near(a.x, b.x) && near(a.y, b.y) && near(a.z, b.z);
}

std::string what_starts(const reader_section& sec) { return sec.contour ? "soma contour" : "tree"; }

void check_structure(const reconstruction& r) {
    for (std::size_t i = 0; i < r.sections.size(); ++i) {
        const auto& sec = r.sections[i];
        if (sec.parent < -1 || sec.parent >= static_cast<std::ptrdiff_t>(i)) {
            throw std::invalid_argument("reconstruction: section " + std::to_string(i) +
                                        " does not come after its parent " + std::to_string(sec.parent));
        }
        const std::size_t needed = sec.wire ? 2 : 1;
        if (sec.points.size() < needed && !(sec.contour && sec.parent < 0)) {
            throw std::invalid_argument("reconstruction: section " + std::to_string(i) + " has no 3-d point");
        }
        if (sec.contour && (sec.parent >= 0 || sec.points.size() < 3)) {
            throw std::invalid_argument("reconstruction: contour section " + std::to_string(i) +
                                        " must be a root with at least three points");
        }
    }
    // NEURON would make each further root a cell of its own.
    const auto root = [](const reader_section& sec) { return sec.parent < 0; };
    const auto first_root = std::find_if(r.sections.begin(), r.sections.end(), root);
    if (first_root != r.sections.end()) {
        const auto second = std::find_if(first_root + 1, r.sections.end(), root);
        if (second != r.sections.end()) {
            throw morphology_file_error(r.name, second->line,
                                        "a second cell: nothing joins the " + what_starts(*second) +
                                            " starting here to the " + what_starts(*first_root) + " at line " +
                                            std::to_string(first_root->line) +
                                            " (NEURON would make two unconnected cells); expected one cell per file");
        }
    }
    for (const auto& s: r.samples) {
        const bool bad_section = s.section >= r.sections.size();
        if (bad_section || s.point >= static_cast<std::ptrdiff_t>(r.sections[s.section].points.size()) ||
            !(s.x >= 0 && s.x <= 1)) {
            throw std::invalid_argument("reconstruction: sample " + std::to_string(s.id) + " is placed outside its section");
        }
    }
}

// Import3d drops sections left with one point, and two-point sections of zero
// length, attaching their children where they were attached. Roots stay.
// Import3d removes them from the last to the first, each time moving the
// removed section's children to its parent; the result is that every section
// ends up on its nearest kept ancestor, at the parent_x of the outermost removed
// section between them. That is computed here in one pass, parents first.
std::vector<bool> remove_degenerate(std::vector<reader_section>& sections, std::vector<morphology_warning>& warnings) {
    std::vector<bool> removed(sections.size(), false);
    for (std::size_t i = sections.size(); i-- > 0;) {
        const auto& sec = sections[i];
        if (sec.parent < 0) continue;
        const std::size_t from = sec.wire ? 1 : 0;
        const std::size_t kept = sec.points.size() - from;
        if (kept <= 1) {
            warnings.push_back({sec.line, "a section of one point (starting here) is removed, as NEURON's Import3d does; "
                                          "its children attach to its parent"});
            removed[i] = true;
        } else if (kept == 2 && same_place(sec.points[from], sec.points[from + 1])) {
            warnings.push_back({sec.line, "a section of two points at the same place (starting here) is removed, as "
                                          "NEURON's Import3d does; its children attach to its parent"});
            removed[i] = true;
        }
    }
    for (auto& sec: sections) {
        if (sec.parent < 0 || !removed[static_cast<std::size_t>(sec.parent)]) continue;
        const auto& gone = sections[static_cast<std::size_t>(sec.parent)];  // already moved to a kept section
        sec.parent = gone.parent;
        sec.parent_x = gone.parent_x;
    }
    return removed;
}

// The points NEURON receives: a contour's points along its axis; otherwise
// from the wire end on, a lone point becoming three points along x, one
// diameter long, all of its diameter (a cylinder with the area of the sphere).
std::vector<point3> section_points(const reader_section& sec, const std::string& file) {
    std::vector<point3> pts;
    if (sec.contour) {
        try {
            const auto axis = sec.stack.empty() ? detail::contour_axis_points(sec.points)
                                                : detail::contour_stack_points(sec.points, sec.stack);
            for (const auto& p: axis) pts.push_back(stored_point(p.x, p.y, p.z, p.d));
        } catch (const std::invalid_argument& e) {
            throw morphology_file_error(file, sec.line, e.what());
        }
        const auto finite = [](const point3& p) {
            return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z) && std::isfinite(p.radius);
        };
        if (!std::all_of(pts.begin(), pts.end(), finite)) {
            throw morphology_file_error(file, sec.line, "soma contour: its axis runs beyond single precision; "
                                                        "expected coordinates of a cell's size");
        }
        return pts;
    }
    const std::size_t from = sec.wire ? 1 : 0;
    if (sec.points.size() - from == 1) {
        const auto& c = sec.points[from];
        for (double dx: {-c.d / 2, 0.0, c.d / 2}) pts.push_back(stored_point(c.x + dx, c.y, c.z, c.d));
        return pts;
    }
    for (std::size_t k = from; k < sec.points.size(); ++k) {
        const auto& p = sec.points[k];
        pts.push_back(stored_point(p.x, p.y, p.z, p.d));
    }
    return pts;
}

// Where each sample lies: its point on its branch (a lone point: the middle of
// its sphere); where the reader put it otherwise; for a removed section, where
// that section was attached.
std::vector<sample_site> place_samples(const std::vector<reader_sample>& samples,
                                       const std::vector<reader_section>& sections, const std::vector<bool>& removed,
                                       const std::vector<std::ptrdiff_t>& branch_of, const std::vector<branch>& branches) {
    std::vector<sample_site> sites;
    sites.reserve(samples.size());
    for (const auto& s: samples) {
        const auto& sec = sections[s.section];
        if (removed[s.section]) {
            sites.push_back({s.id, static_cast<std::size_t>(branch_of[static_cast<std::size_t>(sec.parent)]), sec.parent_x});
            continue;
        }
        const auto b = static_cast<std::size_t>(branch_of[s.section]);
        const std::size_t from = sec.wire ? 1 : 0;
        if (s.point < 0) {
            sites.push_back({s.id, b, s.x});
        } else if (sec.points.size() - from == 1) {
            sites.push_back({s.id, b, 0.5});
        } else {
            const auto& arc = branches[b].arc;
            const double L = arc.back();
            const double x = L > 0 ? arc[static_cast<std::size_t>(s.point) - from] / L : 0.0;
            sites.push_back({s.id, b, x});
        }
    }
    return sites;
}

} // namespace

morphology make_morphology(const reconstruction& r) {
    check_structure(r);
    std::vector<reader_section> sections = r.sections;
    std::vector<morphology_warning> warnings = r.warnings;
    const auto removed = remove_degenerate(sections, warnings);

    // NEURON creates the sections type by type (ascending), each type in reader order.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (!removed[i]) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sections[a].type < sections[b].type; });
    std::vector<std::ptrdiff_t> branch_of(sections.size(), -1);
    for (std::size_t b = 0; b < order.size(); ++b) branch_of[order[b]] = static_cast<std::ptrdiff_t>(b);

    std::vector<branch> branches(order.size());
    for (std::size_t b = 0; b < order.size(); ++b) {
        const auto& sec = sections[order[b]];
        auto& br = branches[b];
        br.parent = sec.parent < 0 ? -1 : branch_of[static_cast<std::size_t>(sec.parent)];
        br.parent_x = sec.parent < 0 ? 1.0 : sec.parent_x;
        br.type = sec.type;
        br.points = section_points(sec, r.name);
        br.line = sec.line;
        br.arc = detail::arc_lengths(br.points);  // to place the samples; the morphology recomputes it
    }
    auto sites = place_samples(r.samples, sections, removed, branch_of, branches);
    return morphology(std::move(branches), std::move(sites), std::move(warnings));
}

morphology make_morphology(const swc_file& file) { return make_morphology(swc_reconstruction(file)); }

} // namespace cajal
