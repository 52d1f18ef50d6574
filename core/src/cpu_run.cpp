// The CPU backend's time loop, in NEURON's fixed-step order (see docs/numerics.md).
#include "backend_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include <cajal/core/hines_system.hpp>
#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/hines.hpp>

#include "event_requests.hpp"

namespace cajal {

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

void compute_currents(lowered_cell& c, double t) {
    std::fill(c.i_membrane.begin(), c.i_membrane.end(), 0.0);
    std::fill(c.g_membrane.begin(), c.g_membrane.end(), 0.0);
    for (auto& ion: c.ions) {
        if (!ion.has_writers) continue;  // nothing to clear where no mechanism adds current
        std::fill(ion.current.begin(), ion.current.end(), 0.0);
        std::fill(ion.conductance.begin(), ion.conductance.end(), 0.0);
    }
    for (auto& m: c.mechanisms) {
        if (m.impl->cpu.compute_currents) {
            m.impl->cpu.compute_currents(m.view(c.v.data(), c.i_membrane.data(), c.g_membrane.data(), t, c.run.dt, c.properties.celsius));
        }
    }
}

// Backward Euler (or Crank–Nicolson) step of the cable equation: assemble,
// Hines solve for dv, update v.
void solve_cable(lowered_cell& c, hines_system& m) {
    const bool cn = c.run.method == integration_method::crank_nicolson;
    const double cj = (cn ? 2.0 : 1.0) / c.run.dt;
    const auto n = c.v.size();
    // One pass: a row's parent comes before it, so its coupling can be added as
    // soon as the row itself is assembled.
    for (std::size_t i = 0; i < n; ++i) {
        kernels::assemble_membrane_row(i, cj, c.capacitance.data(), c.i_membrane.data(), c.g_membrane.data(), m.d.data(), m.b.data());
        if (c.parent[i] >= 0) kernels::add_axial_coupling(i, c.parent.data(), c.axial.data(), c.v.data(), m.d.data(), m.u.data(), m.b.data());
    }
    solve_cpu(m);
    const double factor = cn ? 2.0 : 1.0;
    for (std::size_t i = 0; i < n; ++i) kernels::update_voltage(i, factor, m.b.data(), c.v.data());
}

void update_reversals(lowered_cell& c) {
    for (auto& ion: c.ions) {
        if (ion.follows_concentrations) ion.update_reversal(c.properties.celsius);
    }
}

void advance_states(lowered_cell& c, double t) {
    for (auto& m: c.mechanisms) {
        if (m.impl->cpu.advance_state) {
            m.impl->cpu.advance_state(m.view(c.v.data(), c.i_membrane.data(), c.g_membrane.data(), t, c.run.dt, c.properties.celsius));
        }
    }
    update_reversals(c);
}

event_request_buffer request_buffer(lowered_cell& c) { return {c.requests.data(), &c.request_count, static_cast<unsigned>(c.requests.size())}; }

mechanism_view view_of(lowered_cell& c, std::size_t mi, double t) {
    return c.mechanisms[mi].view(c.v.data(), c.i_membrane.data(), c.g_membrane.data(), t, c.run.dt, c.properties.celsius, request_buffer(c));
}

// Events are delivered at the start of the step whose midpoint they do not
// pass (time <= t + dt/2), as NEURON's fixed step delivers them; self-events
// sent meanwhile that fall in the same window follow in the same step.
void deliver_events(lowered_cell& c, double t, run_result& out) {
    const double horizon = t + 0.5 * c.run.dt;
    while (c.events.has_due(horizon)) {
        while (c.events.has_due(horizon)) {
            const auto e = c.events.pop();
            c.mechanisms[e.mechanism].due_events.push_back(e.event);
        }
        for (std::size_t mi = 0; mi < c.mechanisms.size(); ++mi) {
            auto& m = c.mechanisms[mi];
            if (m.due_events.empty()) continue;
            m.impl->cpu.deliver_events(view_of(c, mi, t), m.due_events.data(), m.due_events.size());
            m.due_events.clear();
            take_requests(c, mi, out.spikes);
        }
    }
}

// WATCH conditions that turned true during the step send their self-events
// at its end, delivered from the next step on.
void check_watches(lowered_cell& c, double t, run_result& out) {
    for (std::size_t mi = 0; mi < c.mechanisms.size(); ++mi) {
        if (!c.mechanisms[mi].impl->cpu.check_watches) continue;
        c.mechanisms[mi].impl->cpu.check_watches(view_of(c, mi, t));
        take_requests(c, mi, out.spikes);
    }
}

void sample(const lowered_cell& c, std::size_t step, double t, run_result& out) {
    for (std::size_t k = 0; k < c.probes.size(); ++k) {
        if (step % c.probes[k].every) continue;
        out.traces[k].times.push_back(t);
        out.traces[k].values.push_back(*c.probes[k].value);
    }
}

class cpu_runner: public backend_runner {
public:
    cpu_runner(lowered_cell& c, run_result& out): c_(c), out_(out) {
        // The solver's matrix (d, u, b) is three more arrays per CV.
        out_.stats.memory_bytes = c.memory_bytes() + 3 * c.v.size() * sizeof(double);
        const auto n = c.v.size();
        matrix_.parent = c.parent;
        matrix_.d.assign(n, 0.0);
        matrix_.u.assign(n, 0.0);
        matrix_.b.assign(n, 0.0);
        matrix_.cell_begin = c.cell_begin;
        v_before_.resize(c.detectors.size());
    }

    void start() override {
        const auto start = clock_type::now();
        auto& c = c_;
        c.v = c.v_init;
        for (auto& ion: c.ions) {
            if (ion.follows_concentrations) ion.reset_concentrations();
        }
        update_reversals(c);
        for (std::size_t mi = 0; mi < c.mechanisms.size(); ++mi) {
            if (!c.mechanisms[mi].impl->cpu.initialize) continue;
            c.mechanisms[mi].impl->cpu.initialize(view_of(c, mi, 0.0));
            take_requests(c, mi, out_.spikes);
        }
        // NET_RECEIVE's INITIAL, per connection, after the mechanisms' own (NEURON's order).
        for (std::size_t mi = 0; mi < c.mechanisms.size(); ++mi) {
            const auto& m = c.mechanisms[mi];
            if (!m.impl->cpu.initialize_connections || m.connections.empty()) continue;
            m.impl->cpu.initialize_connections(view_of(c, mi, 0.0), m.connections.data(), m.connections.size());
            take_requests(c, mi, out_.spikes);
        }
        update_reversals(c);
        compute_currents(c, 0.0);  // assigned values (currents, conductances) consistent with the initial state
        sample(c, 0, 0.0, out_);
        out_.stats.initialize_seconds = seconds_since(start);
    }

    void advance(std::size_t last_step, const progress_callback& progress) override {
        const auto start = clock_type::now();
        auto& c = c_;
        const double dt = c.run.dt;
        auto last_report = clock_type::now();
        for (; step_ < last_step; ++step_) {
            const auto step = step_ + 1;
            const double t = double(step - 1) * dt;
            deliver_events(c, t, out_);
            for (std::size_t k = 0; k < c.detectors.size(); ++k) v_before_[k] = c.v[c.detectors[k].cv];
            compute_currents(c, t + 0.5 * dt);
            solve_cable(c, matrix_);
            const double t_next = double(step) * dt;
            advance_states(c, t_next);
            check_watches(c, t_next, out_);
            for (std::size_t k = 0; k < c.detectors.size(); ++k) {
                const auto& d = c.detectors[k];
                const double v1 = c.v[d.cv];
                if (v_before_[k] < d.threshold && v1 >= d.threshold) {
                    out_.spikes.push_back({d.name, kernels::crossing_time(t, v_before_[k], t_next, v1, d.threshold), d.cell});
                }
            }
            sample(c, step, t_next, out_);
            if (progress && (step & 1023) == 0 && seconds_since(last_report) > 0.1) {
                progress(t_next, c.run.tstop);
                last_report = clock_type::now();
            }
        }
        out_.stats.steps = step_;
        out_.stats.integrate_seconds += seconds_since(start);
    }

private:
    lowered_cell& c_;
    run_result& out_;
    hines_system matrix_;
    std::vector<double> v_before_;
    std::size_t step_ = 0;   // steps taken
};

} // namespace

std::unique_ptr<backend_runner> make_cpu_runner(lowered_cell& c, run_result& out) { return std::make_unique<cpu_runner>(c, out); }

std::size_t steps_until(double t, double dt) { return static_cast<std::size_t>(std::max(0.0, std::floor(t / dt + 1e-9))); }

} // namespace cajal
