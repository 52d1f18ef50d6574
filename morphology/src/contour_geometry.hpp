#pragma once
// Soma contours the way NEURON's Import3d measures them, private to the
// morphology library: their centres (contourcenter, stk_center) for the
// Neurolucida reader, and the 3-d points a soma section gets from them
// (contour2centroid, contourstack2centroid) for make_morphology. The steps and
// their order follow Import3d's, so that the results agree to the last bit
// before NEURON rounds them.

#include <array>
#include <vector>

#include <cajal/morphology/reconstruction.hpp>

namespace cajal::detail {

using point3d = std::array<double, 3>;

// Import3d's contourcenter: the mean of 101 points spaced evenly, by length in
// the xy plane, along the outline from its first point to its last (the
// closing edge is not walked).
point3d contour_center(const std::vector<reader_point>& outline);

// Import3d's stk_center: halfway, by length, along the line through the
// centres of a stack of outlines (main outline first).
point3d stack_center(const std::vector<reader_point>& outline, const std::vector<std::vector<reader_point>>& stack);

// contour2centroid: 3-d points along the outline's principal axis (the major
// axis of the ellipse that best fits it), each as wide as the outline across
// that axis. Throws std::invalid_argument for an outline that spans no length
// along its axis.
std::vector<reader_point> contour_axis_points(const std::vector<reader_point>& outline);

// contourstack2centroid: one point per outline of the stack, at its centre,
// as wide as the circle Import3d fits to it.
std::vector<reader_point> contour_stack_points(const std::vector<reader_point>& outline,
                                               const std::vector<std::vector<reader_point>>& stack);

} // namespace cajal::detail
