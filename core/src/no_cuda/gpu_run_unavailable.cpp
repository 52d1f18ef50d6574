// The GPU time loop in a build without CUDA: resolve_gpu never chooses it,
// so reaching it is a caller's error, reported as such.
#include "../gpu_run.hpp"

#include <cajal/core/gpu.hpp>

namespace cajal {

void run_on_gpu(lowered_cell&, run_result&, const progress_callback&) { throw model_error("backend gpu: " + query_gpu().name); }

} // namespace cajal
