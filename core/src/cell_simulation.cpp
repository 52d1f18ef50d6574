// Running a cell group: the choice of backend, and the CPU backend's time loop
// in NEURON's fixed-step order (the GPU's is core/src/cuda/gpu_run.cpp).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include <cajal/core/hines_system.hpp>
#include <cajal/core/simulation.hpp>
#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/hines.hpp>

#include <cajal/core/gpu.hpp>

#include "event_requests.hpp"
#include "gpu_run.hpp"
#include "lowered_cell.hpp"

namespace cajal {

struct cell_simulation::state {
    lowered_cell cell;
    double lower_seconds = 0;
    bool on_gpu = false;
};

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

void sample(const lowered_cell& c, std::size_t step, double t, run_result& out) {
    for (std::size_t k = 0; k < c.probes.size(); ++k) {
        if (step % c.probes[k].every) continue;
        out.traces[k].times.push_back(t);
        out.traces[k].values.push_back(*c.probes[k].value);
    }
}

// The backend a run asks for, resolved against this build and machine: `gpu`
// without a usable device or with a mechanism that has no GPU kernels is an
// error; `automatic` then takes the CPU.
bool resolve_gpu(const lowered_cell& c) {
    if (c.run.backend == backend_kind::cpu) return false;
    const bool required = c.run.backend == backend_kind::gpu;
    if (const auto info = query_gpu(); !info.available) {
        if (required) throw model_error("backend gpu: " + info.name);
        return false;
    }
    for (const auto& m: c.mechanisms) {
        if (m.impl->has_gpu_kernels()) continue;
        if (required) throw model_error("backend gpu: mechanism " + m.impl->info.name + " has no GPU kernels (it was loaded without its CUDA code)");
        return false;
    }
    return true;
}

} // namespace

cell_simulation::cell_simulation(const cell_model& model, const mechanism_catalogue& catalogue):
    cell_simulation(std::vector<cell_model>{model}, catalogue) {}

cell_simulation::cell_simulation(const std::vector<cell_model>& models, const mechanism_catalogue& catalogue):
    state_(std::make_unique<state>()) {
    const auto start = clock_type::now();
    state_->cell = lower_cells(models, catalogue);
    state_->on_gpu = resolve_gpu(state_->cell);
    state_->lower_seconds = seconds_since(start);
}

cell_simulation::~cell_simulation() = default;

run_result cell_simulation::run(const progress_callback& progress) {
    auto& c = state_->cell;
    run_result out;
    out.stats.cvs = c.v.size();
    out.stats.lower_seconds = state_->lower_seconds;
    // The solver's matrix (d, u, b) is three more arrays per CV.
    out.stats.memory_bytes = c.memory_bytes() + 3 * c.v.size() * sizeof(double);
    for (const auto& m: c.mechanisms) out.stats.instances[m.impl->info.name] = m.cv.size();
    for (const auto& p: c.probes) out.traces.push_back({p.name, p.units, {}, {}});
    if (state_->on_gpu) {
        run_on_gpu(c, out, progress);
        return out;
    }

    auto start = clock_type::now();
    const double dt = c.run.dt;
    c.v = c.v_init;
    for (auto& ion: c.ions) {
        if (ion.follows_concentrations) ion.reset_concentrations();
    }
    update_reversals(c);
    for (std::size_t mi = 0; mi < c.mechanisms.size(); ++mi) {
        if (!c.mechanisms[mi].impl->cpu.initialize) continue;
        c.mechanisms[mi].impl->cpu.initialize(view_of(c, mi, 0.0));
        take_requests(c, mi, out.spikes);
    }
    update_reversals(c);
    compute_currents(c, 0.0);  // assigned values (currents, conductances) consistent with the initial state
    sample(c, 0, 0.0, out);
    out.stats.initialize_seconds = seconds_since(start);

    start = clock_type::now();
    hines_system matrix;
    const auto n = c.v.size();
    matrix.parent = c.parent;
    matrix.d.assign(n, 0.0);
    matrix.u.assign(n, 0.0);
    matrix.b.assign(n, 0.0);
    matrix.cell_begin = c.cell_begin;
    std::vector<double> v_before(c.detectors.size());

    // Step count from tstop/dt, rounded so that float error in tstop/dt cannot
    // add or drop a step.
    const auto steps = static_cast<std::size_t>(std::max(0.0, std::floor(c.run.tstop / dt + 1e-9)));
    auto last_report = clock_type::now();
    for (std::size_t step = 1; step <= steps; ++step) {
        const double t = double(step - 1) * dt;
        deliver_events(c, t, out);
        for (std::size_t k = 0; k < c.detectors.size(); ++k) v_before[k] = c.v[c.detectors[k].cv];
        compute_currents(c, t + 0.5 * dt);
        solve_cable(c, matrix);
        const double t_next = double(step) * dt;
        advance_states(c, t_next);
        for (std::size_t k = 0; k < c.detectors.size(); ++k) {
            const auto& d = c.detectors[k];
            const double v1 = c.v[d.cv];
            if (v_before[k] < d.threshold && v1 >= d.threshold) {
                out.spikes.push_back({d.name, kernels::crossing_time(t, v_before[k], t_next, v1, d.threshold)});
            }
        }
        sample(c, step, t_next, out);
        if (progress && (step & 1023) == 0 && seconds_since(last_report) > 0.1) {
            progress(t_next, c.run.tstop);
            last_report = clock_type::now();
        }
    }
    out.stats.steps = steps;
    out.stats.integrate_seconds = seconds_since(start);
    if (progress) progress(double(steps) * dt, c.run.tstop);
    std::stable_sort(out.spikes.begin(), out.spikes.end(), [](const spike& a, const spike& b) { return a.time < b.time; });
    return out;
}

} // namespace cajal
