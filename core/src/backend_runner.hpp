#pragma once
// A backend's time loop over a lowered cell group, in pieces: start at t = 0,
// advance step by step, finish. Both backends write into one run_result.

#include <cstddef>
#include <memory>

#include <cajal/core/simulation.hpp>

#include "lowered_cell.hpp"

namespace cajal {

class backend_runner {
public:
    virtual ~backend_runner() = default;
    // Initial state at t = 0 and its sample.
    virtual void start() = 0;
    // Steps until `last_step` (step k ends at k·dt); samples and spikes of
    // those steps are in the result when it returns.
    virtual void advance(std::size_t last_step, const progress_callback& progress) = 0;
};

// The CPU backend (cpu_run.cpp).
std::unique_ptr<backend_runner> make_cpu_runner(lowered_cell& c, run_result& out);

// The CUDA backend (cuda/gpu_run.cpp); throws model_error when no GPU is
// usable, a mechanism has no GPU kernels, or cajal was built without CUDA.
std::unique_ptr<backend_runner> make_gpu_runner(lowered_cell& c, run_result& out);

// Step count from tstop/dt, rounded so that float error cannot add or drop a step.
std::size_t steps_until(double t, double dt);

} // namespace cajal
