#pragma once
// Users' mechanisms without rebuilding cajal: every .mod file of a folder is
// compiled into one shared library, cached by content, loaded, and its
// mechanisms added to a catalogue. The library's entry points, and the
// interface version it must report, are in cajal/mechanisms/mechanism_library.hpp;
// the headers it is compiled against are found as docs/nmodl.md says.

#include <cstddef>
#include <filesystem>
#include <string>

#include <cajal/mechanisms/catalogue.hpp>

namespace cajal::nmodl {

struct mod_folder_options {
    // Also compile the mechanisms' CUDA kernels, with the nvcc that built
    // cajal, so that they can run on the GPU. nvcc adds some seconds per
    // folder (once: the library is cached), which a run that never uses a
    // GPU need not pay. Where cajal was built without CUDA or nvcc is not
    // found, the library is C++ only and the report says why.
    bool with_cuda = false;
};

struct folder_load_report {
    std::size_t mechanisms = 0;      // added to the catalogue
    bool from_cache = false;         // the library was already built for these sources
    // Why a library found in the cache was built again ("the cached library
    // cannot be loaded: ...", "... lacks ...", "... reports mechanism
    // interface version N ..."); empty when it was not.
    std::string rebuilt_because;
    bool cuda_kernels = false;       // the mechanisms carry GPU kernels (mechanism_implementation::gpu)
    std::string no_cuda_reason;      // why not, where with_cuda asked for them
    std::filesystem::path library;   // the shared library that was loaded
};

// Compiles (or finds in the cache) and loads the mechanisms of `folder`.
// Errors in a .mod file throw with "file:line:column: message"; a folder
// that is missing or holds no .mod files, or a mechanism already in the
// catalogue, is an input_error. A missing compiler, headers that cannot be
// found, an unwritable cache folder, or a library that, just built, still
// cannot be used, is an environment_error; a compile that fails, an error
// naming the command, the .mod files and the compiler's first lines of
// output (see library_build.hpp).
folder_load_report add_mod_folder(mechanism_catalogue& catalogue, const std::filesystem::path& folder, const mod_folder_options& options = {});

} // namespace cajal::nmodl
