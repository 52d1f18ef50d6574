#pragma once
// Eigen-decomposition of a symmetric 3×3 matrix, private to the morphology
// library. Import3d finds a soma contour's principal axis with NEURON's
// Matrix.symmeig, which calls the Meschach library; an eigenvector's sign
// decides which end of the soma its 3-d points start from, so this takes
// Meschach's steps: Householder reduction to tridiagonal form, then implicit
// symmetric QR sweeps with Wilkinson shifts and Givens rotations.

#include <array>

namespace cajal::detail {

using matrix3 = std::array<std::array<double, 3>, 3>;  // [row][column]

struct symmetric_eigen3 {
    std::array<double, 3> values{};
    matrix3 vectors{};  // column c is the unit eigenvector of values[c]
};

// Throws std::invalid_argument when the QR sweeps do not converge (a matrix
// holding NaN, say).
symmetric_eigen3 symmetric_eigen(const matrix3& a);

} // namespace cajal::detail
