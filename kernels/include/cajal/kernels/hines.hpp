#pragma once
// Hines elimination of the tree-structured (cable) matrix of one cell.
//
// Row i holds the diagonal d[i], the off-diagonal u[i] coupling CV i with its
// parent p[i] (symmetric: the same value in row p[i], column i), and the
// right-hand side b[i]. CVs are in Hines order (p[i] < i), so eliminating from
// the leaves towards the root and substituting back needs no fill-in: O(n).

#include <cstddef>

#include <cajal/kernels/host_device.hpp>

namespace cajal::kernels {

// Eliminate row i into its parent's row (backward sweep, i from last to first+1).
CAJAL_HOST_DEVICE void hines_eliminate_row(std::ptrdiff_t i, const std::ptrdiff_t* p, const double* u, double* d, double* b) {
    const double f = u[i] / d[i];
    d[p[i]] -= f * u[i];
    b[p[i]] -= f * b[i];
}

// Substitute the parent's solution into row i (forward sweep, i from first+1 on).
CAJAL_HOST_DEVICE void hines_substitute_row(std::ptrdiff_t i, const std::ptrdiff_t* p, const double* u, const double* d, double* b) {
    b[i] = (b[i] - u[i] * b[p[i]]) / d[i];
}

// Solve one cell occupying rows [first, last) in place: b becomes the solution,
// d is overwritten. The root is row `first`.
CAJAL_HOST_DEVICE void hines_solve_cell(std::ptrdiff_t first, std::ptrdiff_t last, const std::ptrdiff_t* p, const double* u, double* d, double* b) {
    for (std::ptrdiff_t i = last - 1; i > first; --i) hines_eliminate_row(i, p, u, d, b);
    b[first] /= d[first];
    for (std::ptrdiff_t i = first + 1; i < last; ++i) hines_substitute_row(i, p, u, d, b);
}

} // namespace cajal::kernels
