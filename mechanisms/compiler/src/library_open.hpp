#pragma once
// Opening a mechanism library and checking that this cajal can use it: it
// loads, exports the entry points of mechanism_library.hpp, and reports this
// cajal's mechanism_abi_version.

#include <filesystem>
#include <string>
#include <vector>

#include <cajal/mechanisms/mechanism.hpp>

namespace cajal::nmodl {

struct opened_library {
    void* handle = nullptr;   // null where the library cannot be used
    std::string problem;      // then, why: "cannot be loaded: ...", "lacks ...", "reports ... version N ..."
    std::vector<mechanism_implementation> mechanisms;
};

// Never throws for a bad library: a library that fails a check is closed
// again and `problem` says why, so that the caller can rebuild it.
opened_library open_library(const std::filesystem::path& library);

} // namespace cajal::nmodl
