// Compiling a folder of .mod files into a shared library at run time, cached
// by content, and loading it (see folder_loader.hpp).
#include "cajal/nmodl/folder_loader.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "cajal/nmodl/code_generator.hpp"

namespace cajal::nmodl {

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

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

// CAJAL_NMODL_INCLUDES separates folders with ':', as PATH does.
std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream s(list);
    for (std::string item; std::getline(s, item, ':');) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

fs::path cache_root() {
    if (const char* dir = std::getenv("CAJAL_CACHE_DIR"); dir && *dir) return dir;
    if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir) return fs::path(dir) / "cajal";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "cajal";
    return fs::temp_directory_path() / "cajal-cache";
}

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c: s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// The compile command, without its input and output.
std::string compile_command() {
    const char* cxx = std::getenv("CAJAL_NMODL_CXX");
    std::string command = quote(cxx && *cxx ? cxx : CAJAL_NMODL_CXX) + " -std=c++20 -O2 -fPIC -shared -fopenmp-simd -fno-math-errno -fno-trapping-math";
    for (const auto& dir: split(CAJAL_NMODL_INCLUDES)) command += " -I" + quote(dir);
    return command;
}

// What the library depends on besides its source: the headers it includes.
std::string header_texts() {
    std::string text;
    for (const auto& dir: split(CAJAL_NMODL_INCLUDES)) {
        std::vector<fs::path> headers;
        for (const auto& entry: fs::recursive_directory_iterator(dir)) {
            if (entry.is_regular_file() && entry.path().extension() == ".hpp") headers.push_back(entry.path());
        }
        std::sort(headers.begin(), headers.end());
        for (const auto& h: headers) text += h.string() + '\n' + read_text(h);
    }
    return text;
}

void build_library(const std::string& source, const fs::path& library) {
    fs::create_directories(library.parent_path());
    // Private names, renamed into place at the end: concurrent runs never see a half-written library.
    const auto stem = library.parent_path() / ("build-" + std::to_string(::getpid()));
    const auto source_path = stem.string() + ".cpp", output = stem.string() + ".so", log = stem.string() + ".log";
    {
        std::ofstream out(source_path, std::ios::binary);
        out << source;
        if (!out.flush()) throw std::runtime_error("cannot write " + source_path);
    }
    const auto command = compile_command() + " " + quote(source_path) + " -o " + quote(output) + " > " + quote(log) + " 2>&1";
    if (std::system(command.c_str()) != 0) {
        throw std::runtime_error("the C++ compiler failed on the code generated for the .mod files (a cajal-nmodl bug); see " + log +
                                 " and " + source_path);
    }
    fs::rename(output, library);
    fs::remove(source_path);
    fs::remove(log);
}

} // namespace

folder_load_report add_mod_folder(mechanism_catalogue& catalogue, const fs::path& folder) {
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
    const auto source = library_source(mechanisms);
    const auto key = hex(fnv1a(header_texts(), fnv1a(compile_command(), fnv1a(source))));

    folder_load_report report;
    report.library = cache_root() / "nmodl" / key / "libmechanisms.so";
    report.from_cache = fs::exists(report.library);
    if (!report.from_cache) build_library(source, report.library);

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
