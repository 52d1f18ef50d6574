// Compiling a folder of .mod files into a shared library at run time, cached
// by content, and loading it (see folder_loader.hpp).
#include "cajal/nmodl/folder_loader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <cajal/support/errors.hpp>

#include "cajal/nmodl/code_generator.hpp"

#include "library_build.hpp"
#include "library_open.hpp"

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
    if (!fs::is_directory(folder)) throw input_error(folder.string() + ": not a folder");
    library_sources sources;
    for (const auto& entry: fs::directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".mod") sources.mod_files.push_back(entry.path());
    }
    if (sources.mod_files.empty()) throw input_error(folder.string() + ": no .mod files");
    std::sort(sources.mod_files.begin(), sources.mod_files.end());

    std::vector<generated_mechanism> mechanisms;
    for (const auto& f: sources.mod_files) {
        mechanisms.push_back(compile_mod_file(f));
        if (catalogue.contains(mechanisms.back().name)) {
            throw input_error(f.string() + ": mechanism '" + mechanisms.back().name + "' is already in the catalogue");
        }
    }
    const auto recipe = make_recipe(options.with_cuda);
    sources.cpp = library_source(mechanisms);
    if (!recipe.nvcc.empty()) sources.cuda = library_cuda_source(mechanisms);
    const auto key = hex(fnv1a(recipe.fingerprint(), fnv1a(sources.cuda, fnv1a(sources.cpp))));

    folder_load_report report;
    report.cuda_kernels = !recipe.nvcc.empty();
    report.no_cuda_reason = recipe.no_cuda_reason;
    report.library = cache_root() / "nmodl" / key / "libmechanisms.so";
    opened_library opened;
    if (fs::exists(report.library)) {
        opened = open_library(report.library);
        report.from_cache = opened.handle != nullptr;
        if (!opened.handle) report.rebuilt_because = "the cached library " + opened.problem;
    }
    if (!opened.handle) {
        build_library(recipe, sources, report.library);
        opened = open_library(report.library);
        if (!opened.handle) {
            std::string dirs;
            for (const auto& d: recipe.include_dirs) dirs += (dirs.empty() ? "" : ", ") + d.string();
            throw environment_error(report.library.string() + ", just built from " + folder.string() + ", " + opened.problem +
                                    ": it was compiled against the headers in " + dirs +
                                    ", which must be this cajal's own (set CAJAL_NMODL_INCLUDE to the include folder of its installation)");
        }
    }
    for (auto& m: opened.mechanisms) catalogue.add(std::move(m));
    report.mechanisms = opened.mechanisms.size();
    return report;
}

} // namespace cajal::nmodl
