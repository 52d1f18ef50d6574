#pragma once
// What the event requests of a mechanism's kernel (net_send, net_move,
// net_event) do to the simulation: shared by both backends.

#include <cstddef>
#include <vector>

#include <cajal/core/simulation.hpp>

#include "lowered_cell.hpp"

namespace cajal {

// Takes the `c.request_count` requests in `c.requests` of the kernel just run
// for mechanism `mi`: self-events join the queue, net_move retimes one,
// net_event is a spike of the point process, named by its label. Throws when
// the kernel sent more requests than there was room for.
void take_requests(lowered_cell& c, std::size_t mi, std::vector<spike>& spikes);

} // namespace cajal
