#pragma once
// The readers of a network file's own sections: spike sources and connections.
// Cell templates, probes and the simulation settings reuse the single-cell
// readers (model_sections.hpp).

#include <optional>
#include <vector>

#include <cajal/core/network.hpp>
#include <cajal/mechanisms/catalogue.hpp>

#include "model_json.hpp"
#include "network_members.hpp"

namespace cajal::model_io {

// One entry of `sources`: its kind (`regular`, `poisson` or `times`), checked.
spike_source_spec read_spike_source(const json_object& entry);

// `connections`, after the populations and sources are known: every rule
// checked, its ranges resolved, its synapse placed on the targets' cell and
// taking events, its delays no shorter than dt.
std::vector<connection_rule> read_connections(const std::optional<json_value>& section, const network_members& members,
                                              const network_model& model, const mechanism_catalogue& catalogue);

} // namespace cajal::model_io
