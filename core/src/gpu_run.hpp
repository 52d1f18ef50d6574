#pragma once
// The CUDA backend's time loop (core/src/cuda/gpu_run.cpp); in a build
// without CUDA it throws model_error.

#include <cajal/core/simulation.hpp>

#include "lowered_cell.hpp"

namespace cajal {

// Steps the lowered cells on the GPU as the CPU backend does, filling `out`
// (whose traces are already named) with samples, spikes and statistics.
// Throws model_error when no GPU is usable or a mechanism has no GPU kernels.
void run_on_gpu(lowered_cell& c, run_result& out, const progress_callback& progress);

} // namespace cajal
