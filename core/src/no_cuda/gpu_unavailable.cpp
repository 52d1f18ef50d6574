// The CUDA backend's entry points in a build without CUDA.
#include <cajal/core/gpu.hpp>

#include <stdexcept>

namespace cajal {

bool built_with_cuda() noexcept { return false; }

gpu_info query_gpu() { return {false, "this build of cajal has no CUDA backend (configured with CAJAL_CUDA=OFF or without nvcc)"}; }

void select_gpu(int) {}

void solve_gpu(hines_system&) { throw std::runtime_error(query_gpu().name); }

std::vector<double> cable_step_gpu(const cable_step_problem&) { throw std::runtime_error(query_gpu().name); }

} // namespace cajal
