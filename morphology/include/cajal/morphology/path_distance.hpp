#pragma once
// Path distance along a cell, from an origin location to any point: NEURON's
// `distance(x)` after `distance(0, x_origin)` on the origin's section. Built in
// one pass over the branches; each query is then O(1).

#include <cstddef>
#include <vector>

#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/region.hpp>

namespace cajal {

class path_distance {
public:
    // Throws location_error for an origin off the cell.
    path_distance(const morphology& m, location origin);

    // µm along the cell from the origin to relative position x of branch b.
    double at(std::size_t b, double x) const;

    // The distance along branch b as up to two linear pieces over [x0, x1]:
    // distance = start + slope · (x − x0), slope in µm per unit x.
    struct piece {
        double x0 = 0, x1 = 1;
        double start = 0, slope = 0;
    };
    std::vector<piece> pieces(std::size_t b) const;

    const location& origin() const noexcept { return origin_; }

private:
    // Per branch: where along it the distance is smallest (the origin, or
    // where the path to the origin leaves it), and that smallest distance.
    struct branch_distance {
        double nearest_x = 0;
        double nearest = 0;
    };
    std::vector<branch_distance> branches_;
    std::vector<double> lengths_;
    location origin_;
};

} // namespace cajal
