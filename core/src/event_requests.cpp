#include "event_requests.hpp"

#include <stdexcept>
#include <string>

namespace cajal {

void take_requests(lowered_cell& c, std::size_t mi, std::vector<local_spike>& spikes) {
    if (c.request_count > c.requests.size()) {
        c.request_count = 0;
        throw std::runtime_error(c.mechanisms[mi].impl->info.name + " sent more events in one step than cajal has room for (" +
                                 std::to_string(c.requests.size()) + ")");
    }
    for (unsigned k = 0; k < c.request_count; ++k) {
        const auto& r = c.requests[k];
        if (r.kind == event_request_kind::spike) {
            const auto& source = c.point_senders.at({mi, static_cast<std::size_t>(r.instance)});
            spikes.push_back({source.cell, source.sender, r.time});
        } else if (r.kind == event_request_kind::move) {
            c.events.retime_self_event(mi, r.instance, r.time);
        } else {
            timed_event e;
            e.time = r.time;
            e.mechanism = mi;
            e.self = true;
            e.event.instance = r.instance;
            e.event.connection = r.connection;
            e.event.flag = r.flag;
            c.events.push(e);
        }
    }
    c.request_count = 0;
}

} // namespace cajal
