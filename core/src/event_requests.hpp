#pragma once
// What the event requests of a mechanism's kernel (net_send, net_move,
// net_event) do to the simulation: the same for every backend.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "lowered_cell.hpp"

namespace cajal {

// A spike of one of the group's cells, by the index of its sender.
struct local_spike {
    std::size_t cell = 0;
    std::uint32_t sender = 0;
    double time = 0;
};

// Takes the `c.request_count` requests in `c.requests` of the kernel just run
// for mechanism `mi`: self-events join the queue, net_move retimes one,
// net_event is a spike of the point process. Throws std::runtime_error when
// the kernel sent more requests than there was room for.
void take_requests(lowered_cell& c, std::size_t mi, std::vector<local_spike>& spikes);

} // namespace cajal
