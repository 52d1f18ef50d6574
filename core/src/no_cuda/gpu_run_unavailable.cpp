// The GPU time loop in a build without CUDA: the backend is never chosen
// there, and asking for it says why.
#include "../backend_runner.hpp"

#include <cajal/core/gpu.hpp>

namespace cajal {

std::unique_ptr<backend_runner> make_gpu_runner(lowered_cell&, run_result&) { throw model_error("backend gpu: " + query_gpu().name); }

} // namespace cajal
