// The one time loop (see time_loop.hpp and docs/numerics.md).
#include "time_loop.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "number_text.hpp"

namespace cajal {

namespace {

using clock_type = std::chrono::steady_clock;

// The state is checked for NaN and infinity every this many steps and at the
// end of every piece of a run, before its spikes leave the group.
constexpr std::size_t finite_check_interval = 128;

bool can_send(const mechanism_instances& m) { return m.impl->info.receives_events; }

std::string array_name(const lowered_cell& c, const non_finite_value& bad) {
    switch (bad.where) {
    case non_finite_value::array::voltage: return "v";
    case non_finite_value::array::ion_internal: return c.ions[bad.owner].name + "i";
    case non_finite_value::array::ion_external: return c.ions[bad.owner].name + "o";
    case non_finite_value::array::field: break;
    }
    const auto& info = c.mechanisms[bad.owner].impl->info;
    std::size_t k = 0;
    for (const auto* group: {&info.parameters, &info.states, &info.assigned}) {
        for (const auto& f: *group) {
            if (k++ == bad.field) return info.name + "." + f.name;
        }
    }
    return info.name;
}

} // namespace

std::size_t steps_until(double t, double dt) { return static_cast<std::size_t>(std::max(0.0, std::floor(t / dt + 1e-9))); }

time_loop::time_loop(lowered_cell& cells, std::unique_ptr<backend> b, std::function<std::string(std::size_t)> describe_cell):
    cells_(cells), backend_(std::move(b)), describe_cell_(std::move(describe_cell)), due_(cells.mechanisms.size()) {}

void time_loop::queue_event(const timed_event& connection, double t) {
    timed_event e = connection;
    e.time = std::max(t, time());   // rounding must not put an event before the current step
    cells_.events.push(e);
}

void time_loop::drain(std::size_t mechanism) {
    backend_->drain_requests();
    take_requests(cells_, mechanism, spikes_);
}

// NEURON's current phase: the ions first (reversal potentials from the
// concentrations), then every mechanism in order.
void time_loop::compute_currents(double t) {
    backend_->clear_currents();
    backend_->update_reversals();
    for (std::size_t m = 0; m < cells_.mechanisms.size(); ++m) {
        if (cells_.mechanisms[m].impl->cpu.compute_currents) backend_->run_mechanism(mechanism_phase::compute_currents, m, t);
    }
}

// Events are delivered at the start of the step whose midpoint they do not
// pass (time <= t + dt/2), as NEURON's fixed step delivers them; self-events
// sent meanwhile that fall in the same window follow in the same step.
void time_loop::deliver_events(double t) {
    const double horizon = t + 0.5 * cells_.dt;
    while (cells_.events.has_due(horizon)) {
        while (cells_.events.has_due(horizon)) {
            const auto e = cells_.events.pop();
            due_[e.mechanism].push_back(e.event);
        }
        for (std::size_t m = 0; m < due_.size(); ++m) {
            if (due_[m].empty()) continue;
            backend_->deliver_events(m, due_[m], t);
            due_[m].clear();
            drain(m);
        }
    }
}

void time_loop::start() {
    cells_.events = event_queue{};
    for (auto& m: cells_.mechanisms) m.reset_connections();
    recorded_ = {};
    crossings_taken_ = 0;
    spikes_.clear();
    spikes_taken_ = 0;
    step_ = 0;
    finite_at_ = 0;
    backend_->reset_state();
    // NEURON's finitialize delivers Vector.play's events at t <= 0 before INITIAL.
    if (!cells_.plays.empty()) backend_->play({0.0, 0.0, true});
    backend_->update_reversals();
    for (std::size_t m = 0; m < cells_.mechanisms.size(); ++m) {
        if (!cells_.mechanisms[m].impl->cpu.initialize) continue;
        backend_->run_mechanism(mechanism_phase::initialize, m, 0.0);
        if (can_send(cells_.mechanisms[m])) drain(m);
    }
    // NET_RECEIVE's INITIAL, per connection, after the mechanisms' own (NEURON's order).
    for (std::size_t m = 0; m < cells_.mechanisms.size(); ++m) {
        const auto& mech = cells_.mechanisms[m];
        if (!mech.impl->cpu.initialize_connections || mech.connections.empty()) continue;
        backend_->initialize_connections(m);
        drain(m);
    }
    compute_currents(0.0);   // assigned values (currents, conductances) consistent with the initial state
    if (cells_.step_currents.recorded()) backend_->membrane_currents_at_start();
    backend_->detect_and_sample(0, 0.0, 0.0);
}

void time_loop::advance(std::size_t last, const std::function<void(double t, double tstop)>& progress, double tstop) {
    const double dt = cells_.dt;
    const bool cn = cells_.method == integration_method::crank_nicolson;
    const double cj = (cn ? 2.0 : 1.0) / dt, factor = cn ? 2.0 : 1.0;
    auto last_report = clock_type::now();
    for (std::size_t step = step_ + 1; step <= last; ++step) {
        const double t = double(step - 1) * dt, t_next = double(step) * dt;
        const double middle = t + 0.5 * dt;
        deliver_events(t);
        // Played parameters as NEURON's fixed step sets them: at the middle of
        // the step for the currents, at its end for the states, both times
        // with the series' points up to the middle passed (docs/numerics.md).
        if (!cells_.plays.empty()) backend_->play({middle, middle, false});
        compute_currents(middle);
        backend_->solve_cable(cj, factor);
        if (cells_.step_currents.recorded()) backend_->membrane_currents_after_solve(cj);
        if (!cells_.plays.empty()) backend_->play({t_next, middle, false});
        for (std::size_t m = 0; m < cells_.mechanisms.size(); ++m) {
            if (cells_.mechanisms[m].impl->cpu.advance_state) backend_->run_mechanism(mechanism_phase::advance_state, m, t_next);
        }
        // WATCH conditions that turned true during the step send their self-events at its end.
        for (std::size_t m = 0; m < cells_.mechanisms.size(); ++m) {
            if (!cells_.mechanisms[m].impl->cpu.check_watches) continue;
            backend_->run_mechanism(mechanism_phase::check_watches, m, t_next);
            drain(m);
        }
        backend_->detect_and_sample(step, t, t_next);
        step_ = step;
        if (step % finite_check_interval == 0) check_finite(t_next);
        if (progress && (step & 1023) == 0 && std::chrono::duration<double>(clock_type::now() - last_report).count() > 0.1) {
            progress(t_next, tstop);
            last_report = clock_type::now();
        }
    }
    collect();
    check_finite(time());
}

void time_loop::collect() {
    backend_->collect(recorded_);
    const auto& found = recorded_.crossings;
    for (; crossings_taken_ < found.size(); ++crossings_taken_) {
        const auto& d = cells_.detectors[found[crossings_taken_].detector];
        spikes_.push_back({d.cell, d.sender, found[crossings_taken_].time});
    }
}

void time_loop::check_finite(double t) {
    if (t == finite_at_ && t > 0) return;
    const auto bad = backend_->find_non_finite();
    if (!bad) {
        finite_at_ = t;
        return;
    }
    const std::size_t cv = bad->where == non_finite_value::array::field ? static_cast<std::size_t>(cells_.mechanisms[bad->owner].cv[bad->element])
                                                                          : bad->element;
    const auto cell = cells_.cell_of(cv);
    const auto& node = cells_.node[cv];
    throw simulation_error("the simulation diverged: " + describe_cell_(cell) + ": " + array_name(cells_, *bad) + " is " + number_text(bad->value) +
                           " at branch " + std::to_string(node.branch) + ", x = " + number_text(node.x) + " (found at t = " + number_text(t) +
                           " ms; finite at " + number_text(finite_at_) + " ms); try a smaller dt or check the model's parameters",
                           cells_.gids.at(cell));
}

std::vector<local_spike> time_loop::take_new_spikes() {
    std::vector<local_spike> fresh(spikes_.begin() + static_cast<std::ptrdiff_t>(spikes_taken_), spikes_.end());
    spikes_taken_ = spikes_.size();
    std::stable_sort(fresh.begin(), fresh.end(), [](const local_spike& a, const local_spike& b) { return a.time < b.time; });
    return fresh;
}

recording time_loop::finish(std::vector<local_spike>& spikes) {
    collect();
    spikes = spikes_;
    std::stable_sort(spikes.begin(), spikes.end(), [](const local_spike& a, const local_spike& b) { return a.time < b.time; });
    return std::move(recorded_);
}

} // namespace cajal
