// Opening and checking a mechanism library (see library_open.hpp).
#include "library_open.hpp"

#include <dlfcn.h>

#include <cajal/mechanisms/mechanism_library.hpp>

// The sink the loader passes to cajal_mechanism_library_add: context is the
// vector of mechanisms being collected.
extern "C" {
static void cajal_collect_mechanism(void* context, const cajal::mechanism_implementation* mechanism) {
    static_cast<std::vector<cajal::mechanism_implementation>*>(context)->push_back(*mechanism);
}
}

namespace cajal::nmodl {

opened_library open_library(const std::filesystem::path& library) {
    opened_library out;
    void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        out.problem = std::string("cannot be loaded: ") + (why ? why : "dlopen failed");
        return out;
    }
    const auto fail = [&](const std::string& problem) {
        ::dlclose(handle);
        out.problem = problem;
        return out;
    };
    auto version = reinterpret_cast<cajal_mechanism_abi_version_function>(::dlsym(handle, mechanism_abi_version_symbol));
    auto add = reinterpret_cast<cajal_mechanism_library_add_function>(::dlsym(handle, mechanism_library_add_symbol));
    if (!version) return fail(std::string("lacks ") + mechanism_abi_version_symbol + " (made by an older cajal)");
    if (!add) return fail(std::string("lacks ") + mechanism_library_add_symbol);
    if (const int v = version(); v != mechanism_abi_version) {
        return fail("reports mechanism interface version " + std::to_string(v) + ", where this cajal has version " +
                    std::to_string(mechanism_abi_version));
    }
    add(&cajal_collect_mechanism, &out.mechanisms);
    // Never closed from here on: the catalogue's kernels point into it.
    out.handle = handle;
    return out;
}

} // namespace cajal::nmodl
