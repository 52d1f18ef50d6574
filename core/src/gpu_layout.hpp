#pragma once
// Where a batch of cells' rows live on the GPU, and the schedule of the cable
// solver over them (see kernels/cable_step.hpp).
//
// Device rows hold first the block cells, in batch order, each contiguous with
// its rows in host order; then the interleaved cells, sorted by size
// (descending, stable) into groups of up to 32 lanes. Every block cell and
// every group starts at a multiple of 32 rows. Rows that belong to no CV are
// padding: the solver never touches them.

#include <cstddef>
#include <vector>

namespace cajal {

struct gpu_layout_options {
    std::size_t block_min_rows = 2048;          // a cell this large is a block cell
    std::size_t interleave_min_cells = 1024;    // with fewer cells in the batch, every cell is a block cell
};

struct gpu_layout {
    std::size_t num_rows = 0;                   // device rows, padding included
    std::vector<std::size_t> row_of;            // host row -> device row
    std::vector<std::ptrdiff_t> parent;         // per device row: the parent's device row; -1 at roots and padding

    // Interleaved cells: cell k (in sorted order) is lane k % 32 of group k / 32;
    // a group of width w (32, or fewer in the last group) puts local row j of
    // lane l at device row group_base + j * w + l.
    std::vector<std::size_t> interleaved_cells; // batch index of each interleaved cell, in sorted order
    std::vector<std::size_t> interleaved_rows;  // its number of rows
    std::vector<std::size_t> group_base;        // first device row of each group

    // Block cells: see kernels::block_schedule for the meaning of each array.
    std::vector<std::size_t> block_cells;       // batch index of each block cell
    std::vector<std::size_t> block_row_begin, block_row_end;
    std::vector<std::size_t> block_level_begin; // size block_cells.size() + 1
    std::vector<std::size_t> depth_level_begin, height_level_begin, branches_by_height;
    std::vector<std::size_t> branch_begin, branch_rows;
    std::vector<std::size_t> child_begin;       // size (end of the block cells' rows) + 1
    std::vector<std::size_t> children;
};

// Throws std::invalid_argument unless cell_begin runs from 0 to parent.size()
// with non-empty cells, and each row's parent is an earlier row of its cell
// (-1 at exactly the first row of each cell).
gpu_layout make_gpu_layout(const std::vector<std::ptrdiff_t>& parent, const std::vector<std::size_t>& cell_begin,
                           const gpu_layout_options& options = {});

// A per-CV array in device row order, padding rows set to `padding`.
template <typename T>
std::vector<T> to_device_order(const gpu_layout& l, const std::vector<T>& host, T padding) {
    std::vector<T> device(l.num_rows, padding);
    for (std::size_t i = 0; i < host.size(); ++i) device[l.row_of[i]] = host[i];
    return device;
}

// A per-CV array back in host row order.
template <typename T>
std::vector<T> to_host_order(const gpu_layout& l, const std::vector<T>& device) {
    std::vector<T> host(l.row_of.size());
    for (std::size_t i = 0; i < host.size(); ++i) host[i] = device[l.row_of[i]];
    return host;
}

} // namespace cajal
