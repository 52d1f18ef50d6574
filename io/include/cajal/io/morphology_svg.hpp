#pragma once
// A morphology drawn as SVG: every frustum projected onto a plane as a filled
// quadrilateral, coloured by SWC type, with a legend and a scale bar.

#include <string>
#include <string_view>

#include <cajal/morphology/morphology.hpp>

namespace cajal {

// The plane the cell is projected on; the first axis points right, the second up.
enum class svg_view { xy, xz, yz };

// "xy", "xz" or "yz"; throws std::invalid_argument otherwise.
svg_view parse_svg_view(std::string_view name);
std::string_view to_string(svg_view view);

struct svg_options {
    svg_view view = svg_view::xy;
    std::string title;            // drawn above the cell when not empty
    double max_extent_px = 800;   // the cell's longer side, in pixels
    bool label_branches = false;  // each branch's index drawn at its middle (x = 0.5)
};

// Fill colours ("#rrggbb") by SWC type: soma, axon, basal, apical, and one for all others.
std::string_view svg_type_colour(int type);

// The whole SVG document. Throws std::invalid_argument for a morphology without branches.
std::string morphology_svg(const morphology& m, const svg_options& options = {});

} // namespace cajal
