#pragma once
// Distances along a cell (NEURON's distance()): the length of the path through
// the branches between two places, as models use to grade densities with
// distance from the soma.

#include <vector>

#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/region.hpp>

namespace cajal {

// How far each end of a branch is from an origin, along the cell (µm).
struct branch_distance {
    double start = 0;  // to x = 0
    double end = 0;    // to x = 1
};

// Per branch, in branch order. Throws location_error for an origin that is
// not on the morphology.
std::vector<branch_distance> path_distances(const morphology& m, const location& origin);

// Between two places on the cell (µm).
double path_distance(const morphology& m, const location& a, const location& b);

} // namespace cajal
