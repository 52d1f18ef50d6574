// The GPU backend in a build without CUDA: never chosen there, and asking for
// it says why.
#include <cajal/core/gpu.hpp>
#include <cajal/support/errors.hpp>

#include "../backend.hpp"

namespace cajal {

std::unique_ptr<backend> make_gpu_backend(lowered_cell&) { throw environment_error("backend gpu: " + query_gpu().name); }

} // namespace cajal
