#pragma once
// A morphology drawn as SVG: every frustum projected onto a plane as a filled
// quadrilateral, coloured by SWC type, with a legend and a scale bar; or
// coloured by a value along the cell, with a colour bar; with marked points.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/morphology/morphology.hpp>

namespace cajal {

// The plane the cell is projected on; the first axis points right, the second up.
enum class svg_view { xy, xz, yz };

// "xy", "xz" or "yz"; throws std::invalid_argument otherwise.
svg_view parse_svg_view(std::string_view name);
std::string_view to_string(svg_view view);

// Values along one branch, at relative positions (0 at its start, 1 at its
// end). Each value holds from halfway to the previous position (or the
// branch's start) to halfway to the next (or its end): for a value per CV,
// give it at the centre of each segment.
struct branch_values {
    std::vector<double> x;       // ascending, in [0, 1]
    std::vector<double> values;  // one per position; NaN where there is none
};

// A value to colour the cell by, instead of its SWC types.
struct svg_colour_by {
    std::string label;                    // what the values are, e.g. "hh.gnabar"
    std::string units;                    // as NMODL writes them ("S/cm2"; "1" or empty: none)
    std::vector<branch_values> branches;  // one per branch, in the morphology's order
};

// A point to mark on the cell, such as where a point process or a probe sits.
struct svg_marker {
    std::size_t branch = 0;
    double x = 0.5;     // relative position on the branch
    std::string label;  // drawn beside the marker; may be empty
};

struct svg_options {
    svg_view view = svg_view::xy;
    std::string title;            // drawn above the cell when not empty
    double max_extent_px = 800;   // the cell's longer side, in pixels
    // Colours the cell by these values (viridis, from the smallest to the
    // largest), with a colour bar in place of the types' legend; what has no
    // value is light grey.
    std::optional<svg_colour_by> colour_by;
    std::vector<svg_marker> markers;  // drawn over the cell, a dot and its label each
    bool label_branches = false;  // each branch's index drawn at its middle (x = 0.5)
};

// Fill colours ("#rrggbb") by SWC type: soma, axon, basal, apical, and one for all others.
std::string_view svg_type_colour(int type);

// The whole SVG document. Throws std::invalid_argument for a morphology without
// branches, and for colour_by or markers that do not fit it (a branch that is
// not there, a position outside [0, 1], positions out of order, as many values
// as positions missing).
std::string morphology_svg(const morphology& m, const svg_options& options = {});

} // namespace cajal
