#pragma once
// Arc length along a branch's 3-d points. Private to the morphology library.

#include <cmath>
#include <vector>

#include <cajal/morphology/morphology.hpp>

namespace cajal::detail {

// The distance from the first point to each point, summed along the polyline.
inline std::vector<double> arc_lengths(const std::vector<point3>& points) {
    std::vector<double> arc(points.size(), 0.0);
    for (std::size_t i = 1; i < points.size(); ++i) {
        const auto& p = points[i - 1];
        const auto& q = points[i];
        arc[i] = arc[i - 1] + std::hypot(q.x - p.x, q.y - p.y, q.z - p.z);
    }
    return arc;
}

} // namespace cajal::detail
