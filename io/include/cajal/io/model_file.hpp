#pragma once
// Reading a JSON model file (docs/model-format.md): a single cell (`cell`,
// `stimuli`, `probes`) or a network (`cells`, `populations`, ...), read into
// the one model type, a network (a single cell is a network of one). The file
// is read here — its syntax, types and names — and checked by preparing the
// network (core), whose faults come back at their JSON path.

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/core/network.hpp>
#include <cajal/core/prepared_network.hpp>
#include <cajal/mechanisms/catalogue.hpp>
#include <cajal/study/study.hpp>
#include <cajal/support/errors.hpp>

namespace cajal {

// A model file that cannot be simulated. what() is one line,
// "FILE: JSON.PATH: message" (or "FILE:LINE:COLUMN: message" for JSON syntax).
class model_file_error: public input_error {
    using input_error::input_error;
};

class model_paths;

struct model_file {
    std::string name;            // the file as messages name it
    network model;
    bool single_cell = false;    // written as one cell with its stimuli and probes
    // The catalogue given, plus the mechanisms of the model's `nmodl` folders.
    mechanism_catalogue catalogue;
    // What loading the `nmodl` folders did: "FOLDER: compiled N mechanisms" or "... (cached)".
    std::vector<std::string> notes;
    // Loadable but suspicious: "FILE: JSON.PATH: warning: message", or the
    // morphology's own "SWC:LINE: warning: message".
    std::vector<std::string> warnings;
    // A single-cell file's `study` (docs/studies.md): variants of its cell
    // under protocols, run by cajal run in place of the model itself.
    std::optional<cajal::study> study;
    // Where each part of the model came from in the file.
    std::shared_ptr<const model_paths> paths;

    // The model checked and resolved (prepared_network), and its study's
    // variants and protocols checked on the same cell; a fault is a
    // model_file_error "FILE: JSON.PATH: message".
    prepared_network prepare() const;
    // Each study variant's cell and changes, and the protocols, checked.
    void check_study_variants() const;
    // "FILE: JSON.PATH: message" for a fault core found in this file's model.
    std::string locate(const model_error& e) const;
};

// Reads path (a regular file of at most 256 MiB); morphology files and
// `nmodl` folders are found relative to the model's folder. Messages name the
// model file as path is written.
// What the command line changes in a model file as it is read (cajal run):
// values set at JSON paths before the file is checked ("simulation.tstop=200",
// "cell.paint[1].parameters.g=2e-5": the last key may be new, the value is
// JSON or else a string), the study variants to run (names separated by
// commas, or index ranges "3-10" over the variants after the control, which
// always runs), and how many variants a grid may make.
struct model_file_options {
    std::vector<std::string> set;
    std::string variants;             // empty: all
    std::size_t max_variants = 1000;
};

model_file read_model_file(const std::filesystem::path& path, const mechanism_catalogue& catalogue = builtin_catalogue(),
                           const model_file_options& options = {});

// The same from text: name is used in messages, base_dir resolves the
// morphology files and folders.
model_file parse_model_file(std::string_view text, const std::string& name, const std::filesystem::path& base_dir,
                            const mechanism_catalogue& catalogue = builtin_catalogue(), const model_file_options& options = {});

// The backends as `simulation.backend` and `cajal run --backend` name them:
// "cpu", "gpu" and "auto" (backend_kind::automatic).
std::vector<std::string> backend_names();
std::optional<backend_kind> backend_from_name(std::string_view name);

} // namespace cajal
