#pragma once
// Arc length along a branch's 3-d points. Private to the morphology library.

#include <cmath>
#include <vector>

#include <cajal/morphology/morphology.hpp>

namespace cajal::detail {

// One coordinate's step between consecutive points. NEURON keeps 3-d points
// in single precision and subtracts them in single precision; where both
// values are single-precision numbers (every point Import3d makes), so is
// their difference here, and NEURON's lengths come out to the last bit.
inline double coordinate_step(double from, double to) {
    const auto f = static_cast<float>(from), t = static_cast<float>(to);
    if (static_cast<double>(f) == from && static_cast<double>(t) == to) return static_cast<double>(t - f);
    return to - from;
}

// The distance from the first point to each point, summed along the polyline.
inline std::vector<double> arc_lengths(const std::vector<point3>& points) {
    std::vector<double> arc(points.size(), 0.0);
    for (std::size_t i = 1; i < points.size(); ++i) {
        const auto& p = points[i - 1];
        const auto& q = points[i];
        const double dx = coordinate_step(p.x, q.x), dy = coordinate_step(p.y, q.y), dz = coordinate_step(p.z, q.z);
        arc[i] = arc[i - 1] + std::sqrt(dx * dx + dy * dy + dz * dz);
    }
    return arc;
}

} // namespace cajal::detail
