#pragma once
// Reading a JSON model file (docs/model-format.md) into a cell_model. Every
// check that the simulation would otherwise make is made here first, so that
// each error names the file and the JSON path of the offending value.

#include <cajal/support/errors.hpp>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/core/cell_model.hpp>
#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

// A model file that cannot be simulated. what() is one line,
// "FILE: JSON.PATH: message" (or "FILE:LINE:COLUMN: message" for JSON syntax).
class model_file_error: public input_error {
    using input_error::input_error;
};

struct model_file {
    cell_model model;
    // The catalogue given, plus the mechanisms of the model's `nmodl` folders.
    mechanism_catalogue catalogue;
    // What loading the `nmodl` folders did: "FOLDER: compiled N mechanisms" or "... (cached)".
    std::vector<std::string> notes;
    // Loadable but suspicious: "FILE: JSON.PATH: message", or the morphology's
    // own "SWC:LINE: warning: message".
    std::vector<std::string> warnings;
};

// Reads path; the morphology file is found relative to the model's folder.
// Messages name the model file as path is written.
model_file read_model_file(const std::filesystem::path& path, const mechanism_catalogue& catalogue = builtin_catalogue());

// The same from text: name is used in messages, base_dir resolves the
// morphology file.
model_file parse_model_file(std::string_view text, const std::string& name, const std::filesystem::path& base_dir,
                            const mechanism_catalogue& catalogue = builtin_catalogue());

// The backends as `simulation.backend` and `cajal run --backend` name them:
// "cpu", "gpu" and "auto" (backend_kind::automatic).
std::vector<std::string> backend_names();
std::optional<backend_kind> backend_from_name(std::string_view name);

} // namespace cajal
