// The model file's `nmodl` section: folders of .mod files compiled into the catalogue.
#include <fmt/core.h>

#include <cajal/nmodl/folder_loader.hpp>

#include "model_sections.hpp"

namespace cajal::model_io {

void read_nmodl_folders(const std::optional<json_value>& section, const std::filesystem::path& base_dir, model_file& result) {
    if (!section) return;
    for (const auto& entry: section->elements()) {
        const std::filesystem::path folder = base_dir / entry.string();
        try {
            const auto report = nmodl::add_mod_folder(result.catalogue, folder);
            result.notes.push_back(fmt::format("{}: {} {} mechanism{}{}", folder.string(), report.from_cache ? "loaded" : "compiled",
                                               report.mechanisms, report.mechanisms == 1 ? "" : "s",
                                               report.from_cache ? " (cached)" : ""));
        } catch (const std::exception& e) {
            entry.fail(e.what());
        }
    }
}

} // namespace cajal::model_io
