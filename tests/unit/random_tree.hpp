#pragma once
// Random cable-like tree matrices for solver tests: diagonally dominant, as the
// cable equation's matrices are (capacitive term on the diagonal).

#include <random>

#include <cajal/core/hines_system.hpp>

namespace cajal::test {

inline void append_random_cell(hines_system& s, std::size_t rows, std::mt19937& rng) {
    std::uniform_real_distribution<double> coupling(0.1, 10.0), cap(0.01, 1.0), rhs(-1.0, 1.0);
    const auto first = s.num_rows();
    if (s.cell_begin.empty()) s.cell_begin.push_back(0);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto row = first + i;
        std::ptrdiff_t p = -1;
        if (i > 0) {
            // Mostly chains (unbranched cable) with occasional branch points.
            std::uniform_int_distribution<std::size_t> pick(first, row - 1);
            p = static_cast<std::ptrdiff_t>(std::bernoulli_distribution(0.8)(rng) ? row - 1 : pick(rng));
        }
        s.parent.push_back(p);
        s.u.push_back(p < 0 ? 0.0 : -coupling(rng));
        s.d.push_back(cap(rng));
        s.b.push_back(rhs(rng));
    }
    // Each coupling adds its conductance to both rows' diagonals.
    for (std::size_t i = first + 1; i < first + rows; ++i) {
        s.d[i] -= s.u[i];
        s.d[static_cast<std::size_t>(s.parent[i])] -= s.u[i];
    }
    s.cell_begin.push_back(s.num_rows());
}

} // namespace cajal::test
