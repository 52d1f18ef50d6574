#pragma once
// The two layouts of a model file, read into one network: a single cell
// (`cell`, `stimuli`, `probes`) and a network (`cells`, `populations`,
// `sources`, `connections`, `probes`). Both share `nmodl` and `simulation`.

#include <filesystem>

#include <cajal/io/model_file.hpp>

#include "model_json.hpp"
#include "model_paths.hpp"
#include "model_sections.hpp"

namespace cajal::model_io {

// `root` is the file's JSON object; `out.catalogue` holds the catalogue given.
// `--set PATH=VALUE` applied to the parsed file, in order; model_file_error
// "--set SETTING: message" for a path the file does not have.
void apply_overrides(nlohmann::json& doc, const std::vector<std::string>& settings);

void read_single_cell_layout(const json_value& root, const model_source& source, model_file& out, model_paths& paths);
void read_network_layout(const json_value& root, const model_source& source, model_file& out, model_paths& paths);

} // namespace cajal::model_io
