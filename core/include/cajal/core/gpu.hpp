#pragma once
// The CUDA backend's entry points. Always declared; in a build without CUDA,
// or on a machine without a device, they report that no GPU is available.

#include <cstddef>
#include <string>
#include <vector>

#include <cajal/core/hines_system.hpp>

namespace cajal {

struct gpu_info {
    bool available = false;
    std::string name;       // device name, or why no device is usable
    int compute_major = 0, compute_minor = 0;
    std::size_t memory_bytes = 0;
};

bool built_with_cuda() noexcept;
gpu_info query_gpu();

// Makes device `index` modulo the number of devices this process's current
// one (with several ranks on a node, each takes the GPU of its local rank);
// nothing where there is no device.
void select_gpu(int index);

// Solves every cell on the GPU, one thread per cell; throws std::runtime_error
// when no GPU is usable.
void solve_gpu(hines_system& s);

// One implicit cable step of a batch of cells on the GPU, as the CPU time loop
// does it (assembly, Hines solve, v += factor * dv), through the device cable
// solver and its row layout; a test hook. Per-CV arrays are in host order
// (cell c is rows [cell_begin[c], cell_begin[c+1]), parents earlier in their
// cell, -1 at roots). Returns v after the step; throws std::runtime_error when
// no GPU is usable.
struct cable_step_problem {
    std::vector<std::ptrdiff_t> parent;
    std::vector<std::size_t> cell_begin;
    std::vector<double> capacitance, axial, i_membrane, g_membrane, v;
    double cj = 1.0;
    double factor = 1.0;
    std::size_t block_min_rows = 2048;          // as gpu_layout_options
    std::size_t interleave_min_cells = 1024;
};
std::vector<double> cable_step_gpu(const cable_step_problem& p);

} // namespace cajal
