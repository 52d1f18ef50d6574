// Compiling a folder of .mod files into a shared library at run time, cached
// by content, and loading it (see folder_loader.hpp).
#include "cajal/nmodl/folder_loader.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "cajal/nmodl/code_generator.hpp"

#include "library_build.hpp"

namespace cajal::nmodl {

namespace {

namespace fs = std::filesystem;

// FNV-1a: a stable hash (std::hash may differ between runs and builds).
std::uint64_t fnv1a(const std::string& text, std::uint64_t h = 14695981039346656037ull) {
    for (unsigned char c: text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex(std::uint64_t x) {
    std::ostringstream s;
    s << std::hex << x;
    return s.str();
}

fs::path cache_root() {
    if (const char* dir = std::getenv("CAJAL_CACHE_DIR"); dir && *dir) return dir;
    if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir) return fs::path(dir) / "cajal";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "cajal";
    return fs::temp_directory_path() / "cajal-cache";
}

} // namespace

folder_load_report add_mod_folder(mechanism_catalogue& catalogue, const fs::path& folder, const mod_folder_options& options) {
    if (!fs::is_directory(folder)) throw std::runtime_error(folder.string() + ": not a folder");
    std::vector<fs::path> files;
    for (const auto& entry: fs::directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".mod") files.push_back(entry.path());
    }
    if (files.empty()) throw std::runtime_error(folder.string() + ": no .mod files");
    std::sort(files.begin(), files.end());

    std::vector<generated_mechanism> mechanisms;
    for (const auto& f: files) {
        mechanisms.push_back(compile_mod_file(f));
        if (catalogue.contains(mechanisms.back().name)) {
            throw std::runtime_error(f.string() + ": mechanism '" + mechanisms.back().name + "' is already in the catalogue");
        }
    }
    const auto recipe = make_recipe(options.with_cuda);
    const auto source = library_source(mechanisms);
    const auto cuda_source = recipe.nvcc.empty() ? std::string() : library_cuda_source(mechanisms);
    const auto key = hex(fnv1a(recipe.fingerprint(), fnv1a(cuda_source, fnv1a(source))));

    folder_load_report report;
    report.cuda_kernels = !recipe.nvcc.empty();
    report.no_cuda_reason = recipe.no_cuda_reason;
    report.library = cache_root() / "nmodl" / key / "libmechanisms.so";
    report.from_cache = fs::exists(report.library);
    if (!report.from_cache) build_library(recipe, source, cuda_source, report.library);

    // Never unloaded: the catalogue's kernels point into it.
    void* handle = ::dlopen(report.library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw std::runtime_error("cannot load " + report.library.string() + ": " + ::dlerror());
    using entry_point = void (*)(std::vector<mechanism_implementation>&);
    auto entry = reinterpret_cast<entry_point>(::dlsym(handle, library_entry_point));
    if (!entry) throw std::runtime_error(report.library.string() + " lacks " + library_entry_point);
    std::vector<mechanism_implementation> loaded;
    entry(loaded);
    for (auto& m: loaded) catalogue.add(std::move(m));
    report.mechanisms = loaded.size();
    return report;
}

} // namespace cajal::nmodl
