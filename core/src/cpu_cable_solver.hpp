#pragma once
// The CPU backend's cable step (assembly, Hines solve, voltage update).
// Eliminating one cell is a chain of dependent divisions, so a lone cell
// waits on their latency; cells of one shape (the same rows and parents, as
// every member of a population has) are solved side by side instead: up to
// `lanes` consecutive cells form a block whose matrix keeps row j of lane l
// at j * width + l, so that one SIMD instruction treats row j of every lane.
// A block is assembled, solved and its voltages updated before the next,
// while its matrix is in the cache. Each lane performs its own cell's
// operations in the serial order (kernels/cable.hpp, kernels/hines.hpp), so
// the result is bit for bit that of stepping the cells one after another.

#include <cstddef>
#include <vector>

namespace cajal {

// Per CV, in the group's order.
struct cpu_cable_arrays {
    const double* capacitance;   // nF
    const double* axial;         // µS to the parent
    const double* i_membrane;    // nA
    const double* g_membrane;    // µS
    double* v;                   // mV, updated
    double* dv;                  // mV, the solution, where wanted (else null)
};

class cpu_cable_solver {
public:
    static constexpr std::size_t lanes = 16;

    // `parent` per CV (-1 at each cell's root, else an earlier CV of its cell);
    // cell c holds CVs [cell_begin[c], cell_begin[c + 1]).
    cpu_cable_solver(const std::vector<std::ptrdiff_t>& parent, const std::vector<std::size_t>& cell_begin);

    // One implicit step: v += factor · dv, dv solving the system with cj (1/ms).
    void step(const cpu_cable_arrays& a, double cj, double factor);

    std::size_t bytes() const noexcept;

private:
    struct block {
        std::size_t first_cv = 0;   // its first lane's root; lane l's at first_cv + l · rows
        std::size_t width = 0;      // lanes in use
        std::size_t shape = 0;      // index into shapes_
    };

    void step_block(const block& blk, const cpu_cable_arrays& a, double cj, double factor);

    std::vector<std::vector<std::ptrdiff_t>> shapes_;   // per shape, each row's parent row within the cell (-1 at the root)
    std::vector<block> blocks_;
    std::vector<double> d_, u_, b_;                     // one block's matrix
};

} // namespace cajal
