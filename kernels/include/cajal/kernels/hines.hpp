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

// Eliminate row `row` into the row of its parent (backward sweep, leaves first).
CAJAL_HOST_DEVICE void hines_eliminate(std::ptrdiff_t row, std::ptrdiff_t parent, const double* u, double* d, double* b) {
    const double f = u[row] / d[row];
    d[parent] -= f * u[row];
    b[parent] -= f * b[row];
}

// Substitute the parent's solution into row `row` (forward sweep, root first).
CAJAL_HOST_DEVICE void hines_substitute(std::ptrdiff_t row, std::ptrdiff_t parent, const double* u, const double* d, double* b) {
    b[row] = (b[row] - u[row] * b[parent]) / d[row];
}

// Solve one cell occupying rows [first, last) in place: b becomes the solution,
// d is overwritten. The root is row `first`.
CAJAL_HOST_DEVICE void hines_solve_cell(std::ptrdiff_t first, std::ptrdiff_t last, const std::ptrdiff_t* p, const double* u, double* d, double* b) {
    for (std::ptrdiff_t i = last - 1; i > first; --i) hines_eliminate(i, p[i], u, d, b);
    b[first] /= d[first];
    for (std::ptrdiff_t i = first + 1; i < last; ++i) hines_substitute(i, p[i], u, d, b);
}

} // namespace cajal::kernels
