// The code generated from every .mod file of ../shared/data/mod that cajal
// compiles builds: its CUDA with nvcc (needs no GPU), so every build with the
// CUDA backend checks the GPU output, and its C++ with the build's C++
// compiler (-fsyntax-only), which does not need NEURON as the run-time loading
// tests do. One compiler call per folder; files cajal refuses are left out
// (the NEURON comparison checks that they are refused cleanly).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/nmodl/code_generator.hpp>
#include <cajal/nmodl/parser.hpp>

#include "test_support.hpp"

namespace nmodl = cajal::nmodl;

namespace {

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c: s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    REQUIRE(out.flush());
}

std::string include_flags() {
    return " -I" + quote(CAJAL_MECHANISMS_INCLUDE) + " -I" + quote(CAJAL_KERNELS_INCLUDE);
}

// The mechanisms cajal compiles from one folder, split into groups with
// distinct names: two files of a folder may define the same mechanism
// (nrn-examples' cachan.mod and release_camchan.mod), and one source cannot
// hold both.
struct compiled_folder {
    std::vector<std::vector<nmodl::generated_mechanism>> groups;
    std::vector<std::string> refused;   // file: error
    std::size_t compiled = 0;
};

compiled_folder compile_folder(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry: std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() == ".mod") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    compiled_folder out;
    for (const auto& file: files) {
        nmodl::generated_mechanism g;
        try {
            g = nmodl::compile_mod_file(file);
        } catch (const nmodl::parse_error& e) {
            out.refused.push_back(e.what());
            continue;
        } catch (const nmodl::semantic_error& e) {
            out.refused.push_back(e.what());
            continue;
        }
        const auto has_name = [&](const std::vector<nmodl::generated_mechanism>& group) {
            return std::any_of(group.begin(), group.end(), [&](const auto& m) { return m.name == g.name; });
        };
        auto group = std::find_if_not(out.groups.begin(), out.groups.end(), has_name);
        if (group == out.groups.end()) group = out.groups.emplace(group);
        group->push_back(std::move(g));
        ++out.compiled;
    }
    return out;
}

// The folder under ../shared/data/mod, or empty when absent (the caller skips).
std::filesystem::path mod_folder(const std::string& name) {
    const auto shared = cajal::test::shared_data();
    if (!shared || !std::filesystem::is_directory(*shared / "mod" / name)) return {};
    return *shared / "mod" / name;
}

void check_cuda_compiles(const std::string& name) {
#ifndef CAJAL_NVCC
    (void)name;
    CAJAL_SKIP_NO_GPU("this build has no CUDA compiler");
#else
    const auto folder = mod_folder(name);
    if (folder.empty()) CAJAL_SKIP("../shared/data/mod/" + name + " is absent");
    const auto compiled = compile_folder(folder);
    for (const auto& r: compiled.refused) UNSCOPED_INFO("left out: " << r);
    REQUIRE(compiled.compiled > 0);
    cajal::test::temp_folder temp;
    for (std::size_t k = 0; k < compiled.groups.size(); ++k) {
        std::string source;
        for (const auto& m: compiled.groups[k]) source += m.cuda_source + '\n';
        const auto stem = temp.path / (name + "_" + std::to_string(k));
        write_text(stem.string() + ".cu", source);
        std::string command = quote(CAJAL_NVCC) + " -std=c++17 -arch=sm_90 -c " + quote(stem.string() + ".cu") + " -o " +
                              quote(stem.string() + ".o") + include_flags();
        if (!std::string(CAJAL_NVCC_HOST_COMPILER).empty()) command += " -ccbin " + quote(CAJAL_NVCC_HOST_COMPILER);
        const auto result = cajal::test::run_command(command + " 2>&1");
        INFO(command << "\n" << result.out);
        CHECK(result.status == 0);
    }
#endif
}

void check_cpp_compiles(const std::string& name) {
    const auto folder = mod_folder(name);
    if (folder.empty()) CAJAL_SKIP("../shared/data/mod/" + name + " is absent");
    const auto compiled = compile_folder(folder);
    REQUIRE(compiled.compiled > 0);
    cajal::test::temp_folder temp;
    for (std::size_t k = 0; k < compiled.groups.size(); ++k) {
        const auto path = temp.path / (name + "_" + std::to_string(k) + ".cpp");
        write_text(path, nmodl::library_source(compiled.groups[k]));
        const std::string command = quote(CAJAL_CXX) + " -std=c++20 -fsyntax-only " + quote(path.string()) + include_flags();
        const auto result = cajal::test::run_command(command + " 2>&1");
        INFO(command << "\n" << result.out);
        CHECK(result.status == 0);
    }
}

} // namespace

TEST_CASE("nmodl cuda: the CUDA of hay2011 compiles with nvcc", "[nmodl][cuda]") { check_cuda_compiles("hay2011"); }
TEST_CASE("nmodl cuda: the CUDA of traub2005 compiles with nvcc", "[nmodl][cuda]") { check_cuda_compiles("traub2005"); }
TEST_CASE("nmodl cuda: the CUDA of nrn-examples compiles with nvcc", "[nmodl][cuda]") { check_cuda_compiles("nrn-examples"); }

TEST_CASE("nmodl cuda: the C++ of hay2011 compiles", "[nmodl][cuda]") { check_cpp_compiles("hay2011"); }
TEST_CASE("nmodl cuda: the C++ of traub2005 compiles", "[nmodl][cuda]") { check_cpp_compiles("traub2005"); }
TEST_CASE("nmodl cuda: the C++ of nrn-examples compiles", "[nmodl][cuda]") { check_cpp_compiles("nrn-examples"); }
