#pragma once
// The cable step on the GPU for a batch of cells in the row order of a
// gpu_layout: assembly, Hines solve and voltage update, one kernel launch per
// kind of cell (interleaved, block) per step.

#include <cstddef>

#include "../gpu_layout.hpp"
#include "device_buffer.cuh"

namespace cajal {

class device_cable_solver {
public:
    explicit device_cable_solver(const gpu_layout& layout);    // uploads the schedule, parents, scratch d and b (zeroed)

    // One implicit step on device arrays in device row order, on the default
    // stream, without a host synchronisation: v += factor * dv, where
    // (capacitance·cj + g_membrane + Σ axial) dv − Σ axial dv_neighbour = −i_membrane + Σ axial (v_neighbour − v).
    void step(double cj, double factor, const double* capacitance, const double* axial, const double* i_membrane,
              const double* g_membrane, double* v);

    std::size_t device_bytes() const;    // device memory held: schedule and scratch
    const double* dv() const noexcept { return b_.data(); }   // per row, the last step's solution (0 before any)

private:
    std::size_t num_interleaved_;
    std::size_t num_block_cells_;
    device_buffer<std::ptrdiff_t> parent_;
    device_buffer<std::size_t> interleaved_rows_, group_base_;
    device_buffer<std::size_t> block_row_begin_, block_row_end_, block_level_begin_;
    device_buffer<std::size_t> depth_level_begin_, height_level_begin_, branches_by_height_;
    device_buffer<std::size_t> branch_begin_, branch_rows_, child_begin_, children_;
    device_buffer<double> d_, b_;
};

} // namespace cajal
