#pragma once
// The colour map of values drawn as colours: viridis, perceptually uniform,
// readable in grey and by colour-blind readers.

#include <span>
#include <string>
#include <string_view>

namespace cajal {

// "#rrggbb" at t in [0, 1] (clamped): dark purple at 0, yellow at 1, in 256 steps.
std::string colour_map_at(double t);

// The map's anchors, evenly spaced from 0 to 1; colour_map_at interpolates
// linearly between them, as an SVG gradient through them does.
std::span<const std::string_view> colour_map_anchors();

} // namespace cajal
