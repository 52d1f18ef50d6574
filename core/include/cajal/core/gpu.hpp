#pragma once
// The CUDA backend's entry points. Always declared; in a build without CUDA,
// or on a machine without a device, they report that no GPU is available.

#include <string>

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

// Solves every cell on the GPU, one thread per cell; throws std::runtime_error
// when no GPU is usable.
void solve_gpu(hines_system& s);

} // namespace cajal
