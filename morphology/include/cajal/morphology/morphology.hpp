#pragma once
// A neuron's morphology as unbranched branches (NEURON's sections), each a chain
// of frusta between 3-d points, with geometry integrated exactly over the frusta.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <cajal/morphology/morphology_error.hpp>
#include <cajal/morphology/morphology_format.hpp>
#include <cajal/morphology/reconstruction.hpp>
#include <cajal/morphology/swc.hpp>

namespace cajal {

struct point3 {
    double x = 0, y = 0, z = 0;
    double radius = 0;  // µm
};

struct branch {
    std::ptrdiff_t parent = -1;  // index of the parent branch; -1 for the root
    double parent_x = 1;         // where on the parent it attaches (NEURON's parentx)
    int type = 0;                // SWC numbering: soma 1, axon 2, dendrite 3, apical 4
    std::vector<point3> points;  // 3-d points, as NEURON's pt3dadd receives them
    std::vector<double> arc;     // arc length from the branch start at each point (µm); set by morphology()
    std::size_t line = 0;        // line of the branch's first own sample in the file (0: none)
};

// Where a sample of the file (an SWC sample, an ASC point) ended up: a branch
// and a relative position on it.
struct sample_site {
    std::int64_t id = 0;
    std::size_t branch = 0;
    double x = 0;
};

struct morphology_options {
    swc_options swc;  // for SWC files
    // The file's format; when not given, from its extension (.swc, .asc, in
    // any case), else from its content (format_from_content).
    std::optional<morphology_format> format;
};

class morphology {
public:
    morphology() = default;
    morphology(std::vector<branch> branches, std::vector<sample_site> samples, std::vector<morphology_warning> warnings);

    const std::vector<branch>& branches() const noexcept { return branches_; }
    std::size_t num_branches() const noexcept { return branches_.size(); }
    const branch& branch_at(std::size_t b) const { return branches_.at(b); }
    const std::vector<sample_site>& samples() const noexcept { return samples_; }
    // The site of the sample with this id (the first in samples() order), or null.
    const sample_site* find_sample(std::int64_t id) const noexcept;
    const std::vector<morphology_warning>& warnings() const noexcept { return warnings_; }
    // Children of each branch, in branch order.
    const std::vector<std::size_t>& children(std::size_t b) const { return children_.at(b); }

    // Geometry over the relative interval [x0, x1] of branch b (0 <= x0 <= x1 <= 1),
    // integrated exactly over the frusta with the radius interpolated linearly in
    // arc length, as NEURON does for 3-d points.
    double length(std::size_t b) const;                                 // µm
    double area(std::size_t b, double x0 = 0, double x1 = 1) const;     // µm², lateral
    double volume(std::size_t b, double x0 = 0, double x1 = 1) const;   // µm³
    // The diameter averaged over the interval's length (µm), as NEURON's diam
    // of a segment; at x0 for an interval of zero length.
    double mean_diameter(std::size_t b, double x0, double x1) const;
    // Axial resistance for axial resistivity Ra (Ω·cm), in MΩ.
    double axial_resistance(std::size_t b, double Ra, double x0 = 0, double x1 = 1) const;
    double radius_at(std::size_t b, double x) const;                    // µm
    point3 point_at(std::size_t b, double x) const;

private:
    std::vector<branch> branches_;
    std::vector<sample_site> samples_;
    std::vector<std::size_t> samples_by_id_;  // indices into samples_, by id, ties in samples_ order
    std::vector<morphology_warning> warnings_;
    std::vector<std::vector<std::size_t>> children_;
};

// The sections NEURON's Import3d instantiates from a reader's: degenerate ones
// removed, soma contours turned into 3-d points, in type order, with NEURON's
// rounding (see docs/morphology.md). Throws morphology_file_error for a
// second root (NEURON would make a second, unconnected cell of it).
morphology make_morphology(const reconstruction& r);
morphology make_morphology(const swc_file& file);  // make_morphology(swc_reconstruction(file))

// Reads an SWC or Neurolucida ASC file (the format as opts.format says or as
// found) and makes its morphology.
morphology load_morphology(const std::filesystem::path& path, const morphology_options& opts = {});

} // namespace cajal
