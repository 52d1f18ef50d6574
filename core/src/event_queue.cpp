#include "event_queue.hpp"

#include <algorithm>

namespace cajal {

namespace {

// std::*_heap keep the largest first; this puts the earliest first.
bool later(const timed_event& a, const timed_event& b) {
    return a.time != b.time ? a.time > b.time : a.sequence > b.sequence;
}

} // namespace

void event_queue::push(timed_event e) {
    e.sequence = next_sequence_++;
    e.event.time = e.time;
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), later);
}

timed_event event_queue::pop() {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    auto e = heap_.back();
    heap_.pop_back();
    return e;
}

bool event_queue::retime_self_event(std::size_t mechanism, int instance, double time) {
    timed_event* latest = nullptr;
    for (auto& e: heap_) {
        if (e.mechanism != mechanism || e.event.instance != instance || !e.self) continue;
        if (!latest || e.sequence > latest->sequence) latest = &e;
    }
    if (!latest) return false;
    latest->time = time;
    latest->event.time = time;
    std::make_heap(heap_.begin(), heap_.end(), later);
    return true;
}

} // namespace cajal
