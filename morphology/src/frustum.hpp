#pragma once
// Geometry of one frustum (truncated cone) of height h between radii r1 and r2,
// all in µm. Private to the morphology library.

#include <cmath>
#include <numbers>

namespace cajal::detail {

// Lateral area along the slant height; a zero-height frustum is the flat
// annulus between its two radii, as NEURON counts it.
inline double frustum_area(double h, double r1, double r2) {
    return std::numbers::pi * (r1 + r2) * std::hypot(h, r2 - r1);
}

inline double frustum_volume(double h, double r1, double r2) {
    return std::numbers::pi * h * (r1 * r1 + r1 * r2 + r2 * r2) / 3.0;
}

// Exact integral of ds / (π r(s)²) for r linear in s: h / (π r1 r2), in 1/µm.
inline double frustum_inverse_cross_section(double h, double r1, double r2) {
    return h / (std::numbers::pi * r1 * r2);
}

} // namespace cajal::detail
