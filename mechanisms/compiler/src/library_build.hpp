#pragma once
// Building a folder's shared library with the compilers that built cajal (see
// folder_loader.hpp): the generated C++, and where CUDA kernels are wanted and
// nvcc is at hand, the generated CUDA, linked to the CUDA runtime cajal uses.

#include <filesystem>
#include <string>

namespace cajal::nmodl {

struct library_recipe {
    std::string cxx;             // compiles the C++ (with -c) and links; inputs and -o follow
    std::string nvcc;            // compiles the CUDA to an object; empty: a C++-only library
    std::string cuda_link;       // what the link adds after the CUDA object
    std::string no_cuda_reason;  // why there is no nvcc, where kernels were wanted

    // Everything the library depends on besides its sources: the commands and
    // the text of the headers the sources include.
    std::string fingerprint() const;
};

// CAJAL_NMODL_CXX and CAJAL_NMODL_NVCC in the environment override the
// build's compilers.
library_recipe make_recipe(bool with_cuda);

// Compiles under private names beside `library` and renames the result into
// place, so that concurrent runs never load a half-written library. Throws
// with the compiler's log where a compiler fails.
void build_library(const library_recipe& recipe, const std::string& cpp_source, const std::string& cuda_source,
                   const std::filesystem::path& library);

} // namespace cajal::nmodl
