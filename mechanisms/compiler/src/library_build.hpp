#pragma once
// Building a folder's shared library with the compilers that built cajal (see
// folder_loader.hpp): the generated C++, and where CUDA kernels are wanted and
// nvcc is at hand, the generated CUDA, linked to the CUDA runtime cajal uses.

#include <filesystem>
#include <string>
#include <vector>

namespace cajal::nmodl {

// A compiler: the build's, or the one an environment variable names.
struct compiler_choice {
    std::string path;
    std::string variable;          // CAJAL_NMODL_CXX or CAJAL_NMODL_NVCC
    bool from_environment = false;
};

struct library_recipe {
    std::vector<std::filesystem::path> include_dirs;  // see mechanism_headers.hpp
    compiler_choice cxx_compiler;
    compiler_choice nvcc_compiler;   // path empty: a C++-only library
    std::string cxx;             // compiles the C++ (with -c) and links; inputs and -o follow
    std::string nvcc;            // compiles the CUDA to an object; empty: a C++-only library
    std::string cuda_link;       // what the link adds after the CUDA object
    std::string libraries;       // what every link ends with (the elementary functions' SLEEF)
    std::string no_cuda_reason;  // why there is no nvcc, where kernels were wanted

    // Everything the library depends on besides its sources: the commands and
    // the text of the mechanism headers the sources include.
    std::string fingerprint() const;
};

// CAJAL_NMODL_CXX and CAJAL_NMODL_NVCC in the environment override the
// build's compilers. Throws environment_error where the headers cannot be
// found (mechanism_headers.hpp).
library_recipe make_recipe(bool with_cuda);

// What the library is built from: the generated sources and, for messages,
// the .mod files they come from.
struct library_sources {
    std::string cpp;
    std::string cuda;   // empty where the recipe has no nvcc
    std::vector<std::filesystem::path> mod_files;
};

// Compiles under private names beside `library` and renames the result into
// place, so that concurrent runs never load a half-written library; writes
// the commands it ran beside it (build.txt). Throws environment_error where
// a compiler is missing or the cache folder cannot be written (naming it and
// CAJAL_CACHE_DIR), and an error naming the command, the .mod files and the
// first lines of the compiler's output where a compile fails:
// environment_error where the compiler came from the environment,
// std::runtime_error (a cajal-nmodl bug) where it is the build's.
void build_library(const library_recipe& recipe, const library_sources& sources, const std::filesystem::path& library);

} // namespace cajal::nmodl
