#pragma once
// Pending events of a cell group, earliest first; among events at the same
// time, the one queued first. Self-events (net_send) join while the run goes
// on, and net_move retimes an instance's pending self-event.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <cajal/mechanisms/mechanism_view.hpp>

namespace cajal {

struct timed_event {
    double time = 0;
    std::size_t mechanism = 0;   // index into lowered_cell::mechanisms
    mechanism_event event;       // event.time == time
    bool self = false;           // sent by the mechanism itself (net_send)
    std::uint64_t sequence = 0;  // order of queueing, set by the queue
};

class event_queue {
public:
    void push(timed_event e);
    bool has_due(double horizon) const { return !heap_.empty() && heap_.front().time <= horizon; }
    timed_event pop();
    // The latest queued self-event of this instance moves to `time`; false when there is none.
    bool retime_self_event(std::size_t mechanism, int instance, double time);
    std::size_t size() const { return heap_.size(); }

private:
    std::vector<timed_event> heap_;
    std::uint64_t next_sequence_ = 0;
};

} // namespace cajal
