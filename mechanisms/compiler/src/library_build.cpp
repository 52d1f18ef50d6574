// The compile commands of a folder's library and running them (see library_build.hpp).
#include "library_build.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <future>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <cajal/support/errors.hpp>

#include "mechanism_headers.hpp"

namespace cajal::nmodl {

namespace {

namespace fs = std::filesystem;

// Lines of a failed compiler's output quoted in the error.
constexpr int quoted_output_lines = 20;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string first_lines(const std::string& text, int count) {
    std::istringstream in(text);
    std::string out;
    int n = 0;
    for (std::string line; n < count && std::getline(in, line); ++n) out += "  " + line + '\n';
    if (!in.eof() && in.peek() != EOF) out += "  ...\n";
    return out;
}

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c: s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string include_flags(const std::vector<fs::path>& dirs) {
    std::string flags;
    for (const auto& dir: dirs) flags += " -I" + quote(dir.string());
    return flags;
}

compiler_choice choose_compiler(const char* variable, const std::string& built_with) {
    compiler_choice c{built_with, variable, false};
    if (const char* value = std::getenv(variable); value && *value) {
        c.path = value;
        c.from_environment = true;
    }
    return c;
}

// An executable file at `program`, or a program of that name on PATH.
bool program_exists(const std::string& program) {
    const auto executable = [](const fs::path& p) { return ::access(p.c_str(), X_OK) == 0 && !fs::is_directory(p); };
    if (program.find('/') != std::string::npos) return executable(program);
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (!dir.empty() && executable(fs::path(dir) / program)) return true;
    }
    return false;
}

void require_program(const compiler_choice& c, const std::string& what, const std::string& install_hint) {
    if (program_exists(c.path)) return;
    const std::string source = c.from_environment ? " (set by " + c.variable + ")" : " (the one that built cajal)";
    throw environment_error("the " + what + " for .mod folders, " + c.path + source + ", is not an executable on this machine: " + install_hint +
                            ", or set " + c.variable + " to the path of " + (c.from_environment ? "one that exists" : "another"));
}

// The cache folder is created and written here first: its failures are the
// environment's, and name the folder and the variable that moves it.
void write_cache_file(const fs::path& path, const std::string& text) {
    const auto fail = [&](const std::string& reason) {
        throw environment_error(path.parent_path().string() + ": cannot write the cache of compiled .mod folders (" + reason +
                                "); set CAJAL_CACHE_DIR to a writable folder");
    };
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) fail(ec.message());
    std::ofstream out(path, std::ios::binary);
    if (!out) fail("cannot create " + path.filename().string());
    out << text;
    if (!out.flush()) fail("cannot write " + path.filename().string());
}

std::string file_names(const std::vector<fs::path>& files) {
    std::string text;
    for (const auto& f: files) text += (text.empty() ? "" : ", ") + f.filename().string();
    if (!files.empty()) text = files.front().parent_path().string() + ": " + text;
    return text;
}

struct step_result {
    std::string command;
    int status = 0;   // the command's exit status; 0: it succeeded
};

step_result run(const std::string& command, const std::string& log) {
    const int status = std::system((command + " > " + quote(log) + " 2>&1").c_str());
    return {command, status == 0 ? 0 : (status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1)};
}

void check(const step_result& step, const compiler_choice& compiler, const std::string& compiler_name, const library_sources& sources,
           const std::string& log, const std::string& source) {
    if (step.status == 0) return;
    std::string output;
    try {
        output = read_text(log);
    } catch (const std::runtime_error&) {
        output = "(no output)";
    }
    const std::string message = "compiling the mechanisms of " + file_names(sources.mod_files) + " failed: the " + compiler_name + " exited with status " +
                                std::to_string(step.status) + ":\n  " + step.command + "\nfirst lines of its output:\n" +
                                first_lines(output, quoted_output_lines) + "(its whole output: " + log + "; the generated source: " + source + ")";
    if (compiler.from_environment) {
        throw environment_error(message + "\n" + compiler.variable + " chose this compiler: it must compile C++20 (nvcc: C++17)");
    }
    throw std::runtime_error(message + "\nthe generated code should compile: this is a cajal-nmodl bug");
}

} // namespace

std::string library_recipe::fingerprint() const {
    std::string text = cxx + '\n' + nvcc + '\n' + cuda_link + '\n' + libraries + '\n';
    for (const auto& dir: include_dirs) {
        std::vector<fs::path> headers;
        for (const char* part: {"cajal/mechanisms", "cajal/kernels"}) {
            if (!fs::is_directory(dir / part)) continue;
            for (const auto& entry: fs::recursive_directory_iterator(dir / part)) {
                if (entry.is_regular_file() && entry.path().extension() == ".hpp") headers.push_back(entry.path());
            }
        }
        std::sort(headers.begin(), headers.end());
        for (const auto& h: headers) text += h.string() + '\n' + read_text(h);
    }
    return text;
}

library_recipe make_recipe(bool with_cuda) {
    library_recipe r;
    r.include_dirs = find_mechanism_headers(this_process_header_search());
    r.cxx_compiler = choose_compiler("CAJAL_NMODL_CXX", CAJAL_NMODL_CXX);
    r.cxx = quote(r.cxx_compiler.path) + " -std=c++20 -O2 -fPIC -shared -fopenmp-simd -fno-math-errno -fno-trapping-math" +
            include_flags(r.include_dirs);
    r.libraries = " -lsleef";
    if (!with_cuda) return r;
#if defined(CAJAL_NMODL_NVCC)
    const auto nvcc = choose_compiler("CAJAL_NMODL_NVCC", CAJAL_NMODL_NVCC);
    if (!program_exists(nvcc.path)) {
        // Not an error: the library is still good for the CPU backend.
        r.no_cuda_reason = "nvcc not found at " + nvcc.path + " (CAJAL_NMODL_NVCC names another)";
        return r;
    }
    r.nvcc_compiler = nvcc;
    // Device code is C++17, as in cajal's own build.
    r.nvcc = quote(nvcc.path) + " -std=c++17 -O2 --expt-relaxed-constexpr -Xcompiler -fPIC" CAJAL_NMODL_NVCC_FLAGS + include_flags(r.include_dirs);
    r.cxx += " -DCAJAL_NMODL_WITH_CUDA";
    // The shared runtime cajal links, so that both use one CUDA context.
    const fs::path cudart = CAJAL_NMODL_CUDART;
    r.cuda_link = quote(cudart.string()) + " -Wl,-rpath," + quote(cudart.parent_path().string());
#else
    r.no_cuda_reason = "cajal was built without CUDA";
#endif
    return r;
}

void build_library(const library_recipe& recipe, const library_sources& sources, const fs::path& library) {
    require_program(recipe.cxx_compiler, "C++ compiler", "install g++ (apt-get install g++)");
    const auto stem = (library.parent_path() / ("build-" + std::to_string(::getpid()))).string();
    const auto cpp = stem + ".cpp", cu = stem + ".cu", output = stem + ".so", commands = stem + ".txt";
    const auto cpp_object = stem + ".o", cu_object = stem + ".cu.o", cpp_log = stem + ".log", cu_log = stem + ".cu.log";
    write_cache_file(cpp, sources.cpp);
    std::string ran;
    if (recipe.nvcc.empty()) {
        const auto step = run(recipe.cxx + " " + quote(cpp) + " -o " + quote(output) + recipe.libraries, cpp_log);
        check(step, recipe.cxx_compiler, "C++ compiler", sources, cpp_log, cpp);
        ran = step.command;
    } else {
        write_cache_file(cu, sources.cuda);
        // nvcc and the C++ compiler take seconds each: run them side by side, then link.
        auto cuda = std::async(std::launch::async, run, recipe.nvcc + " -c " + quote(cu) + " -o " + quote(cu_object), cu_log);
        const auto cpp_step = run(recipe.cxx + " -c " + quote(cpp) + " -o " + quote(cpp_object), cpp_log);
        const auto cuda_step = cuda.get();
        check(cpp_step, recipe.cxx_compiler, "C++ compiler", sources, cpp_log, cpp);
        check(cuda_step, recipe.nvcc_compiler, "CUDA compiler (nvcc)", sources, cu_log, cu);
        const auto link = run(recipe.cxx + " " + quote(cpp_object) + " " + quote(cu_object) + " " + recipe.cuda_link + " -o " + quote(output) + recipe.libraries, cpp_log);
        check(link, recipe.cxx_compiler, "C++ compiler, linking with the CUDA runtime,", sources, cpp_log, cpp);
        ran = cuda_step.command + '\n' + cpp_step.command + '\n' + link.command;
    }
    write_cache_file(commands, "# The commands that built " + library.filename().string() + " (build-PID: the names they had then).\n" + ran + '\n');
    fs::rename(commands, library.parent_path() / "build.txt");
    fs::rename(output, library);
    for (const auto& temporary: {cpp, cu, cpp_object, cu_object, cpp_log, cu_log}) fs::remove(temporary);
}

} // namespace cajal::nmodl
