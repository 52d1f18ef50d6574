// Folders of .mod files loaded with their CUDA kernels (mod_folder_options::
// with_cuda): where cajal was built with CUDA, nvcc compiles them into the
// folder's library (no GPU needed) and every mechanism carries them; without
// CUDA the library is C++ only and the report says why.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include <cajal/core/gpu.hpp>
#include <cajal/nmodl/folder_loader.hpp>

#include "gpu_kernel_checks.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// A density current and a point process receiving events: every kernel.
void copy_mod_files(const std::filesystem::path& folder) {
    for (const char* file: {"pas.mod", "ExpSyn.mod"}) {
        std::filesystem::copy_file(cajal::test::source_dir() / "mechanisms" / "mod" / file, folder / file);
    }
}

} // namespace

TEST_CASE("a folder loaded with CUDA carries GPU kernels where cajal has CUDA", "[nmodl][cuda]") {
    cajal::test::temp_folder temp;
    copy_mod_files(temp.path);
    nmodl::mod_folder_options options;
    options.with_cuda = true;
    mechanism_catalogue with_cuda, without_cuda;
    const auto report = nmodl::add_mod_folder(with_cuda, temp.path, options);
    const auto plain = nmodl::add_mod_folder(without_cuda, temp.path);
    INFO(report.library << ": " << report.no_cuda_reason);
    REQUIRE(report.mechanisms == 2);
    CHECK(report.cuda_kernels == built_with_cuda());
    CHECK(report.no_cuda_reason.empty() == built_with_cuda());
    CHECK(!plain.cuda_kernels);
    CHECK(plain.no_cuda_reason.empty());
    // A library with kernels and one without are cached apart.
    CHECK((report.library != plain.library) == built_with_cuda());
    for (const auto& name: with_cuda.names()) {
        const auto& m = with_cuda.get(name);
        INFO(name);
        CHECK(!without_cuda.get(name).has_gpu_kernels());
        CHECK(m.has_gpu_kernels() == built_with_cuda());
        if (!built_with_cuda()) continue;
        cajal::test::check_gpu_kernels_mirror_cpu(m);
    }
}

TEST_CASE("a folder asked for CUDA kernels where nvcc is missing is C++ only", "[nmodl][cuda]") {
    cajal::test::temp_folder temp;
    copy_mod_files(temp.path);
    const cajal::test::scoped_env missing("CAJAL_NMODL_NVCC", (temp.path / "no-nvcc").string());
    nmodl::mod_folder_options options;
    options.with_cuda = true;
    mechanism_catalogue catalogue;
    const auto report = nmodl::add_mod_folder(catalogue, temp.path, options);
    CHECK(!report.cuda_kernels);
    CHECK(report.no_cuda_reason == (built_with_cuda() ? "nvcc not found at " + (temp.path / "no-nvcc").string() + " (CAJAL_NMODL_NVCC names another)"
                                                     : "cajal was built without CUDA"));
    for (const auto& name: catalogue.names()) CHECK(!catalogue.get(name).has_gpu_kernels());
}
