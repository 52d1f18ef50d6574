#pragma once
// A network file's connections, their member references resolved. Synapse
// labels and delays are checked by core when the model is prepared.

#include <optional>
#include <vector>

#include <cajal/core/connection_rule.hpp>

#include "model_json.hpp"
#include "network_members.hpp"

namespace cajal::model_io {

// `connections`, after the populations and sources are known: one rule per entry.
std::vector<connection_rule> read_connections(const std::optional<json_value>& section, const network_members& members);

} // namespace cajal::model_io
