// Finding the mechanism headers at run time (see mechanism_headers.hpp).
#include "mechanism_headers.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <sstream>
#include <system_error>

#include <cajal/support/errors.hpp>

namespace cajal::nmodl {

namespace {

namespace fs = std::filesystem;

// Two headers that every compile needs, one from each folder of the source
// tree; mechanism_library.hpp also tells an older cajal's headers apart.
const char* const required_headers[] = {"cajal/mechanisms/mechanism_library.hpp", "cajal/kernels/host_device.hpp"};

bool holds_headers(const std::vector<fs::path>& dirs) {
    for (const char* header: required_headers) {
        bool found = false;
        for (const auto& dir: dirs) {
            std::error_code ec;
            found = found || fs::is_regular_file(dir / header, ec);
        }
        if (!found) return false;
    }
    return true;
}

std::vector<fs::path> split_path_list(const std::string& text) {
    std::vector<fs::path> out;
    std::stringstream s(text);
    for (std::string item; std::getline(s, item, ':');) {
        if (!item.empty()) out.emplace_back(item);
    }
    return out;
}

std::string join(const std::vector<fs::path>& dirs) {
    std::string text;
    for (const auto& d: dirs) text += (text.empty() ? "" : ", ") + d.string();
    return text;
}

// The binary that holds this function: a shared libcajal_nmodl, or the
// executable it is linked into (whose path dladdr may give as argv[0], so it
// is taken from /proc/self/exe instead).
void this_binary() {}

} // namespace

header_search this_process_header_search() {
    header_search search;
    if (const char* value = std::getenv("CAJAL_NMODL_INCLUDE")) search.variable = value;
    std::error_code ec;
    const auto executable = fs::read_symlink("/proc/self/exe", ec);
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&this_binary), &info) && info.dli_fname) {
        const fs::path library = info.dli_fname;
        if (library.is_absolute() && library != executable) search.binaries.push_back(library);
    }
    if (!ec) search.binaries.push_back(executable);
    search.build_tree = split_path_list(CAJAL_NMODL_SOURCE_INCLUDES);
    return search;
}

std::vector<fs::path> find_mechanism_headers(const header_search& search) {
    if (!search.variable.empty()) {
        const auto dirs = split_path_list(search.variable);
        if (holds_headers(dirs)) return dirs;
        throw environment_error("CAJAL_NMODL_INCLUDE is '" + search.variable + "', but " + required_headers[0] + " and " + required_headers[1] +
                                " are not both under it: set it to the include folder of this cajal's installation");
    }
    std::vector<fs::path> looked_at;
    for (const auto& binary: search.binaries) {
        const auto dir = binary.parent_path().parent_path() / "include";
        if (holds_headers({dir})) return {dir};
        looked_at.push_back(dir);
    }
    if (holds_headers(search.build_tree)) return search.build_tree;
    for (const auto& d: search.build_tree) looked_at.push_back(d);
    throw environment_error("cannot find cajal's mechanism headers (" + std::string(required_headers[0]) + ") to compile .mod files against; looked in " +
                            join(looked_at) + ": install cajal (cmake --install), or set CAJAL_NMODL_INCLUDE to the include folder of its installation");
}

} // namespace cajal::nmodl
