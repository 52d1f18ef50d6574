#pragma once
// Lowering a rank's cells from a prepared network: each cell's template
// copied into the group's flat arrays, with its CVs and instances offset.

#include <cstdint>
#include <string>
#include <vector>

#include "lowered_cell.hpp"
#include "prepared_network_impl.hpp"

namespace cajal {

// The cells `gids` (ascending, each a cell of the network), their probes and
// detectors bound. Connections are made afterwards (mechanism_instances::connect).
lowered_cell lower_cells(const prepared_network::impl& network, const std::vector<std::uint64_t>& gids);

// A connection into the point process labelled `label` on cell `cell` of the
// group (NEURON's NetCon; prepare checked that it takes events): its events
// carry `weight` and NET_RECEIVE's further arguments, kept per connection.
// Returns the event its spikes queue (time unset).
timed_event connect(lowered_cell& cells, std::size_t cell, const std::string& label, double weight);

} // namespace cajal
