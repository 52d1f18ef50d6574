#pragma once
// The compiler's back end: C++ for the CPU backend and CUDA for the GPU
// backend, from an analyzed mechanism. Both are built from the same
// per-instance functions (host and device), so the two backends run the same
// arithmetic; the C++ loops over instances, the CUDA launches a thread each.

#include <filesystem>
#include <string>
#include <vector>

#include "cajal/nmodl/analysis.hpp"

namespace cajal::nmodl {

struct generated_mechanism {
    std::string name;         // the mechanism's name (SUFFIX or POINT_PROCESS)
    std::string scope;        // its C++ namespace: cajal::nmodl_generated::<scope>
    // Defines <scope>::make_mechanism(); where CAJAL_NMODL_WITH_CUDA is defined
    // it takes the GPU kernels from <scope>::gpu_kernels(), so the CUDA source
    // must then be linked in.
    std::string cpu_source;
    std::string cuda_source;  // defines <scope>::gpu_kernels(), the CUDA launchers
};

generated_mechanism generate(const analyzed_mechanism& mechanism);

// Parses, analyzes and generates one .mod file; throws parse_error or
// semantic_error with file:line:column.
generated_mechanism compile_mod_file(const std::filesystem::path& file);

// A C++ source that adds the given mechanisms to a catalogue:
// `void <function>(cajal::mechanism_catalogue&)`.
std::string catalogue_source(const std::vector<generated_mechanism>& mechanisms, const std::string& function);

// The whole C++ source of a shared library loaded at run time: the mechanisms
// and the C entry points of cajal/mechanisms/mechanism_library.hpp, which use
// nothing of the loading program's but inline code.
std::string library_source(const std::vector<generated_mechanism>& mechanisms);

// The CUDA source beside a catalogue or a library: every mechanism's kernels.
std::string library_cuda_source(const std::vector<generated_mechanism>& mechanisms);

} // namespace cajal::nmodl
