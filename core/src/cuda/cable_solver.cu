#include "cable_solver.cuh"

#include <climits>
#include <stdexcept>

#include <cajal/kernels/cable_step.hpp>

namespace cajal {

namespace {

// A multiple of the warp size, so that each warp is one interleaved group.
constexpr unsigned interleaved_threads = 128;
constexpr unsigned block_threads = 256;
static_assert(interleaved_threads % kernels::interleave_width == 0);

__global__ void __launch_bounds__(interleaved_threads) interleaved_step(kernels::interleaved_schedule s, kernels::cable_step_arrays a) {
    const std::size_t k = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (k < s.num_cells) kernels::interleaved_cell_step(k, s, a);
}

// One block per cell. The level bounds are the same for every thread of the
// block, so every thread reaches every barrier.
__global__ void __launch_bounds__(block_threads) block_step(kernels::block_schedule s, kernels::cable_step_arrays a) {
    const std::size_t cell = blockIdx.x, thread = threadIdx.x, threads = blockDim.x;
    kernels::block_assemble(cell, thread, threads, s, a);
    __syncthreads();
    const std::size_t first = s.level_begin[cell], last = s.level_begin[cell + 1];
    for (std::size_t level = first; level < last; ++level) {
        kernels::block_eliminate_level(level, thread, threads, s, a);
        __syncthreads();
    }
    for (std::size_t level = first; level < last; ++level) {
        kernels::block_substitute_level(level, thread, threads, s, a);
        __syncthreads();
    }
}

template <typename T>
std::size_t bytes(const device_buffer<T>& buffer) {
    return buffer.size() * sizeof(T);
}

} // namespace

device_cable_solver::device_cable_solver(const gpu_layout& l)
    : num_interleaved_(l.interleaved_cells.size()), num_block_cells_(l.block_cells.size()), parent_(l.parent),
      interleaved_rows_(l.interleaved_rows), group_base_(l.group_base), block_row_begin_(l.block_row_begin),
      block_row_end_(l.block_row_end), block_level_begin_(l.block_level_begin), depth_level_begin_(l.depth_level_begin),
      height_level_begin_(l.height_level_begin), branches_by_height_(l.branches_by_height), branch_begin_(l.branch_begin),
      branch_rows_(l.branch_rows), child_begin_(l.child_begin), children_(l.children), d_(std::vector<double>(l.num_rows, 0.0)),
      b_(std::vector<double>(l.num_rows, 0.0)) {
    // Grids are one-dimensional: at most 2^31 - 1 blocks.
    if (num_block_cells_ > INT_MAX || num_interleaved_ / interleaved_threads >= INT_MAX)
        throw std::invalid_argument("device_cable_solver: too many cells for one launch");
}

void device_cable_solver::step(double cj, double factor, const double* capacitance, const double* axial, const double* i_membrane,
                               const double* g_membrane, double* v) {
    const kernels::cable_step_arrays a{cj, factor, capacitance, axial, i_membrane, g_membrane, v, d_.data(), b_.data()};
    if (num_interleaved_ > 0) {
        const kernels::interleaved_schedule s{num_interleaved_, interleaved_rows_.data(), group_base_.data(), parent_.data()};
        const auto grid = static_cast<unsigned>((num_interleaved_ + interleaved_threads - 1) / interleaved_threads);
        interleaved_step<<<grid, interleaved_threads>>>(s, a);
        cuda_check(cudaGetLastError(), "interleaved cable step launch");
    }
    if (num_block_cells_ > 0) {
        const kernels::block_schedule s{block_row_begin_.data(),    block_row_end_.data(),    block_level_begin_.data(),
                                        depth_level_begin_.data(),  height_level_begin_.data(), branches_by_height_.data(),
                                        branch_begin_.data(),       branch_rows_.data(),      child_begin_.data(),
                                        children_.data(),           parent_.data()};
        block_step<<<static_cast<unsigned>(num_block_cells_), block_threads>>>(s, a);
        cuda_check(cudaGetLastError(), "block cable step launch");
    }
}

std::size_t device_cable_solver::device_bytes() const {
    return bytes(parent_) + bytes(interleaved_rows_) + bytes(group_base_) + bytes(block_row_begin_) + bytes(block_row_end_) +
           bytes(block_level_begin_) + bytes(depth_level_begin_) + bytes(height_level_begin_) + bytes(branches_by_height_) +
           bytes(branch_begin_) + bytes(branch_rows_) + bytes(child_begin_) + bytes(children_) + bytes(d_) + bytes(b_);
}

} // namespace cajal
