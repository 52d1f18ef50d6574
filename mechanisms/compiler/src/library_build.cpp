// The compile commands of a folder's library and running them (see library_build.hpp).
#include "library_build.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <future>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

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

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// CAJAL_NMODL_INCLUDES separates folders with ':', as PATH does.
std::vector<std::string> include_dirs() {
    std::vector<std::string> out;
    std::stringstream s(CAJAL_NMODL_INCLUDES);
    for (std::string item; std::getline(s, item, ':');) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c: s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string include_flags() {
    std::string flags;
    for (const auto& dir: include_dirs()) flags += " -I" + quote(dir);
    return flags;
}

std::string compiler(const char* variable, const char* built_with) {
    const char* value = std::getenv(variable);
    return value && *value ? value : built_with;
}

} // namespace

std::string library_recipe::fingerprint() const {
    std::string text = cxx + '\n' + nvcc + '\n' + cuda_link + '\n';
    for (const auto& dir: include_dirs()) {
        std::vector<fs::path> headers;
        for (const auto& entry: fs::recursive_directory_iterator(dir)) {
            if (entry.is_regular_file() && entry.path().extension() == ".hpp") headers.push_back(entry.path());
        }
        std::sort(headers.begin(), headers.end());
        for (const auto& h: headers) text += h.string() + '\n' + read_text(h);
    }
    return text;
}

library_recipe make_recipe(bool with_cuda) {
    library_recipe r;
    r.cxx = quote(compiler("CAJAL_NMODL_CXX", CAJAL_NMODL_CXX)) + " -std=c++20 -O2 -fPIC -shared -fopenmp-simd -fno-math-errno -fno-trapping-math" +
            include_flags();
    if (!with_cuda) return r;
#if defined(CAJAL_NMODL_NVCC)
    const auto nvcc = compiler("CAJAL_NMODL_NVCC", CAJAL_NMODL_NVCC);
    if (!fs::exists(nvcc)) {
        r.no_cuda_reason = "nvcc not found at " + nvcc;
        return r;
    }
    // Device code is C++17, as in cajal's own build.
    r.nvcc = quote(nvcc) + " -std=c++17 -O2 --expt-relaxed-constexpr -Xcompiler -fPIC" CAJAL_NMODL_NVCC_FLAGS + include_flags();
    r.cxx += " -DCAJAL_NMODL_WITH_CUDA";
    // The shared runtime cajal links, so that both use one CUDA context.
    const fs::path cudart = CAJAL_NMODL_CUDART;
    r.cuda_link = quote(cudart.string()) + " -Wl,-rpath," + quote(cudart.parent_path().string());
#else
    r.no_cuda_reason = "cajal was built without CUDA";
#endif
    return r;
}

void build_library(const library_recipe& recipe, const std::string& cpp_source, const std::string& cuda_source, const fs::path& library) {
    fs::create_directories(library.parent_path());
    const auto stem = (library.parent_path() / ("build-" + std::to_string(::getpid()))).string();
    const auto cpp = stem + ".cpp", cu = stem + ".cu", output = stem + ".so";
    const auto cpp_object = stem + ".o", cu_object = stem + ".cu.o", cpp_log = stem + ".log", cu_log = stem + ".cu.log";
    const auto run = [](const std::string& command, const std::string& log) {
        return std::system((command + " > " + quote(log) + " 2>&1").c_str()) == 0;
    };
    const auto check = [](bool ok, const std::string& compiler_name, const std::string& log, const std::string& source) {
        if (!ok) {
            throw std::runtime_error("the " + compiler_name + " failed on the code generated for the .mod files (a cajal-nmodl bug); see " + log +
                                     " and " + source);
        }
    };
    write_text(cpp, cpp_source);
    if (recipe.nvcc.empty()) {
        check(run(recipe.cxx + " " + quote(cpp) + " -o " + quote(output), cpp_log), "C++ compiler", cpp_log, cpp);
    } else {
        // nvcc and the C++ compiler take seconds each: run them side by side, then link.
        write_text(cu, cuda_source);
        auto cuda = std::async(std::launch::async, run, recipe.nvcc + " -c " + quote(cu) + " -o " + quote(cu_object), cu_log);
        const bool cpp_ok = run(recipe.cxx + " -c " + quote(cpp) + " -o " + quote(cpp_object), cpp_log);
        const bool cuda_ok = cuda.get();
        check(cpp_ok, "C++ compiler", cpp_log, cpp);
        check(cuda_ok, "CUDA compiler", cu_log, cu);
        const auto link = recipe.cxx + " " + quote(cpp_object) + " " + quote(cu_object) + " " + recipe.cuda_link + " -o " + quote(output);
        if (!run(link, cpp_log)) throw std::runtime_error("linking the mechanisms with the CUDA runtime failed; see " + cpp_log);
    }
    fs::rename(output, library);
    for (const auto& temporary: {cpp, cu, cpp_object, cu_object, cpp_log, cu_log}) fs::remove(temporary);
}

} // namespace cajal::nmodl
