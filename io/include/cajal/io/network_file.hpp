#pragma once
// Reading a JSON network model file (docs/model-format.md, "Networks") into a
// network_model. As for single cells, everything the simulation would check
// is checked here first, so that each error names the file and JSON path.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/core/network.hpp>
#include <cajal/io/model_file.hpp>
#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

struct network_file {
    network_model model;
    // The catalogue given, plus the mechanisms of the model's `nmodl` folders.
    mechanism_catalogue catalogue;
    std::vector<std::string> notes;      // what loading the `nmodl` folders did
    std::vector<std::string> warnings;   // "FILE: JSON.PATH: message", or the morphologies' own
};

// Reads path; morphology files are found relative to the model's folder.
// Errors are model_file_error, as read_model_file's.
network_file read_network_file(const std::filesystem::path& path, const mechanism_catalogue& catalogue = builtin_catalogue());

network_file parse_network_file(std::string_view text, const std::string& name, const std::filesystem::path& base_dir,
                                const mechanism_catalogue& catalogue = builtin_catalogue());

// Whether the file holds a network model (a JSON object with `populations`)
// rather than a single cell. False for a file that cannot be read or parsed:
// read_model_file then says why.
bool is_network_file(const std::filesystem::path& path);

// The population a gid belongs to and its index in it: "ring[3]". For
// outputs; gids past the network's last are "gid N".
std::string member_name(const network_model& model, std::uint64_t gid);

} // namespace cajal
