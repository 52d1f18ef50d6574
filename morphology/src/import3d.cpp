// make_morphology: NEURON's Import3d instantiation of the sections that
// import3d_sections() forms (see docs/morphology.md, "NEURON-compatible sections").
#include <cajal/morphology/morphology.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

#include "arc_length.hpp"
#include "import3d_sections.hpp"

namespace cajal {

namespace {

using detail::import3d_section;
using detail::raw_point;

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

bool same_place(const raw_point& a, const raw_point& b) { return a.x == b.x && a.y == b.y && a.z == b.z; }

// Import3d drops sections left with one point, and two-point sections of zero
// length, attaching their children where they were attached. The root stays.
// Import3d removes them from the last to the first, each time moving the
// removed section's children to its parent; the result is that every section
// ends up on its nearest kept ancestor, at the parent_x of the outermost removed
// section between them. That is computed here in one pass, parents first.
std::vector<bool> remove_degenerate(std::vector<import3d_section>& sections, const swc_file& file,
                                    std::vector<swc_warning>& warnings) {
    std::vector<bool> removed(sections.size(), false);
    for (std::size_t i = sections.size(); i-- > 1;) {
        const auto& sec = sections[i];
        const std::size_t kept = sec.raw.size() - (sec.wire ? 1 : 0);
        const std::size_t line = file.samples[sec.first].line;
        if (kept <= 1) {
            warnings.push_back({line, "a section of one point (starting here) is removed, as NEURON's Import3d does; "
                                      "its children attach to its parent"});
            removed[i] = true;
        } else if (kept == 2 && same_place(sec.raw[sec.raw.size() - 2], sec.raw.back())) {
            warnings.push_back({line, "a section of two points at the same place (starting here) is removed, as "
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

// The points NEURON receives: from the wire end on; a lone point becomes three
// points along x, one diameter long, all of its diameter (a cylinder with the
// area of the sphere).
std::vector<point3> section_points(const import3d_section& sec) {
    std::vector<point3> pts;
    const std::size_t from = sec.wire ? 1 : 0;
    if (sec.raw.size() - from == 1) {
        const auto& c = sec.raw[from];
        for (double dx: {-c.d / 2, 0.0, c.d / 2}) pts.push_back(stored_point(c.x + dx, c.y, c.z, c.d));
        return pts;
    }
    for (std::size_t k = from; k < sec.raw.size(); ++k) {
        const auto& p = sec.raw[k];
        pts.push_back(stored_point(p.x, p.y, p.z, p.d));
    }
    return pts;
}

double relative_position(const branch& br, std::size_t point) {
    const double L = br.arc.back();
    return L > 0 ? br.arc[point] / L : 0.0;
}

// Where each sample lies: its point on its branch; the centre of a sphere soma
// (NeuroMorpho's outer two samples at its ends); for a removed section, where
// that section was attached.
std::vector<sample_site> place_samples(const swc_file& file, const detail::import3d_layout& layout,
                                       const std::vector<bool>& removed, const std::vector<std::ptrdiff_t>& branch_of,
                                       const std::vector<branch>& branches) {
    std::vector<sample_site> sites;
    sites.reserve(file.samples.size());
    for (std::size_t k = 0; k < file.samples.size(); ++k) {
        const auto id = file.samples[k].id;
        const std::size_t s = layout.sample_section[k];
        const auto& sec = layout.sections[s];
        if (removed[s]) {
            sites.push_back({id, static_cast<std::size_t>(branch_of[static_cast<std::size_t>(sec.parent)]), sec.parent_x});
            continue;
        }
        const auto b = static_cast<std::size_t>(branch_of[s]);
        const std::size_t from = sec.wire ? 1 : 0;
        if (layout.neuromorpho_soma && s == 0) {
            sites.push_back({id, b, k == 0 ? 0.5 : (k == 1 ? 0.0 : 1.0)});
        } else if (sec.raw.size() - from == 1) {
            sites.push_back({id, b, 0.5});
        } else {
            const std::size_t raw_index = k - sec.first + sec.own_offset();
            sites.push_back({id, b, relative_position(branches[b], raw_index - from)});
        }
    }
    return sites;
}

} // namespace

morphology make_morphology(const swc_file& file) {
    auto layout = detail::import3d_sections(file);
    auto& sections = layout.sections;
    std::vector<swc_warning> warnings = file.warnings;
    const auto removed = remove_degenerate(sections, file, warnings);

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
        br.points = section_points(sec);
        br.line = file.samples[sec.first].line;
        br.arc = detail::arc_lengths(br.points);  // to place the samples; the morphology recomputes it
    }
    auto sites = place_samples(file, layout, removed, branch_of, branches);
    return morphology(std::move(branches), std::move(sites), std::move(warnings));
}

morphology load_morphology(const std::filesystem::path& path, const morphology_options& opts) {
    return make_morphology(read_swc(path, opts.swc));
}

} // namespace cajal
