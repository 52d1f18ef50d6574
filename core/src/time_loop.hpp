#pragma once
// The one fixed-step time loop, in NEURON's order (docs/numerics.md), over a
// backend's primitives: every backend is stepped by this code alone. A run
// goes in pieces, as networks need: start at t = 0, advance to a step, queue
// events between pieces, take the spikes found, finish.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <cajal/core/model_error.hpp>

#include "backend.hpp"
#include "event_requests.hpp"
#include "lowered_cell.hpp"

namespace cajal {

class time_loop {
public:
    // `describe_cell(c)` names cell c of the group in messages. Connections
    // are made before the backend is (it copies their rows).
    time_loop(lowered_cell& cells, std::unique_ptr<backend> b, std::function<std::string(std::size_t)> describe_cell);

    // The initial state at t = 0 and its sample; the event queue emptied.
    void start();
    // Steps until step `last` (which ends at last · dt). Throws
    // simulation_error when the state has become non-finite.
    void advance(std::size_t last, const std::function<void(double t, double tstop)>& progress, double tstop);
    std::size_t steps_taken() const noexcept { return step_; }
    double time() const noexcept { return double(step_) * cells_.dt; }
    // An event on a connection (made by connect(), lower.hpp), delivered at
    // the step containing `time` (an earlier time counts as now).
    void queue_event(const timed_event& connection, double time);
    // Spikes found since the last call, in time order.
    std::vector<local_spike> take_new_spikes();
    // Everything recorded: samples per bound probe, and all spikes in time order.
    recording finish(std::vector<local_spike>& spikes);

    const backend& stepping_backend() const noexcept { return *backend_; }

private:
    void compute_currents(double t);
    void deliver_events(double t);
    void drain(std::size_t mechanism);
    void collect();
    void check_finite(double t);

    lowered_cell& cells_;
    std::unique_ptr<backend> backend_;
    std::function<std::string(std::size_t)> describe_cell_;
    std::vector<std::vector<mechanism_event>> due_;   // per mechanism, this step's events
    recording recorded_;
    std::size_t crossings_taken_ = 0;
    std::vector<local_spike> spikes_;         // in time order of discovery
    std::size_t spikes_taken_ = 0;
    std::size_t step_ = 0;
    double finite_at_ = 0;                    // the last time the state was checked and finite
};

// Steps from t = 0 to t (ms), rounded so that float error cannot add or drop a step.
std::size_t steps_until(double t, double dt);

} // namespace cajal
