// The model file's `nmodl` section: folders of .mod files compiled into the catalogue.
#include <fmt/core.h>

#include <cajal/core/gpu.hpp>
#include <cajal/nmodl/folder_loader.hpp>

#include "model_sections.hpp"

namespace cajal::model_io {

namespace {

std::string describe(const nmodl::folder_load_report& report) {
    std::string what = report.cuda_kernels ? " with CUDA kernels" : "";
    if (!report.no_cuda_reason.empty()) what = " (no CUDA kernels: " + report.no_cuda_reason + ")";
    const std::string rebuilt = report.rebuilt_because.empty() ? "" : " (rebuilt: " + report.rebuilt_because + ")";
    return fmt::format("{} {} mechanism{}{}{}{}", report.from_cache ? "loaded" : "compiled", report.mechanisms,
                       report.mechanisms == 1 ? "" : "s", what, report.from_cache ? " (cached)" : "", rebuilt);
}

} // namespace

void read_nmodl_folders(const std::optional<json_value>& section, const model_source& source,
                        mechanism_catalogue& catalogue, std::vector<std::string>& notes) {
    if (!section) return;
    // GPU kernels only where a GPU is usable: nvcc's seconds per folder (paid
    // once, then cached) buy nothing on a machine that cannot run them.
    const auto folders = section->elements();
    nmodl::mod_folder_options options;
    options.with_cuda = !folders.empty() && query_gpu().available;
    for (const auto& entry: folders) {
        const std::filesystem::path folder = source.base_dir / entry.string();
        try {
            const auto report = nmodl::add_mod_folder(catalogue, folder, options);
            notes.push_back(folder.string() + ": " + describe(report));
        } catch (const input_error& e) {
            source.fail_reading(entry, e.what(), folder);   // the folder or a .mod file in it; environment and internal faults pass as they are
        }
    }
}

} // namespace cajal::model_io
