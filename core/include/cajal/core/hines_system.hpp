#pragma once
// A batch of independent cells' cable matrices in structure-of-arrays form,
// the unit both backends solve. Cells occupy contiguous row ranges; within a
// cell rows are in Hines order.

#include <cstddef>
#include <vector>

namespace cajal {

struct hines_system {
    std::vector<std::ptrdiff_t> parent;     // global row index of the parent; -1 at a root
    std::vector<double> d;                  // diagonal
    std::vector<double> u;                  // coupling to the parent (symmetric)
    std::vector<double> b;                  // right-hand side; the solution after a solve
    std::vector<std::size_t> cell_begin;    // cell c is rows [cell_begin[c], cell_begin[c+1])

    std::size_t num_rows() const noexcept { return d.size(); }
    std::size_t num_cells() const noexcept { return cell_begin.empty() ? 0 : cell_begin.size() - 1; }
};

// Checks the invariants (sizes agree, parents precede children inside their own
// cell); throws std::invalid_argument naming the first violation.
void validate(const hines_system& s);

// Solves every cell in place on the CPU.
void solve_cpu(hines_system& s);

} // namespace cajal
