// Running a cell group: the choice of backend, and the run in pieces (the
// time loops are cpu_run.cpp and cuda/gpu_run.cpp).
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include <cajal/core/gpu.hpp>
#include <cajal/core/simulation.hpp>

#include "backend_runner.hpp"
#include "lowered_cell.hpp"

namespace cajal {

struct cell_simulation::state {
    lowered_cell cell;
    double lower_seconds = 0;
    bool on_gpu = false;
    run_result out;
    std::unique_ptr<backend_runner> runner;
    std::size_t steps_taken = 0;
    std::size_t spikes_taken = 0;   // out.spikes before this index were returned by take_new_spikes
    std::vector<timed_event> connections;   // per connect(): the mechanism, instance and row its events carry
};

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

bool by_time(const spike& a, const spike& b) { return a.time < b.time; }

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
    start();
    advance_to(state_->cell.run.tstop, progress);
    if (progress) progress(time(), state_->cell.run.tstop);
    return finish();
}

void cell_simulation::start() {
    auto& s = *state_;
    auto& c = s.cell;
    s.out = {};
    s.out.stats.cvs = c.v.size();
    s.out.stats.lower_seconds = s.lower_seconds;
    for (const auto& m: c.mechanisms) s.out.stats.instances[m.impl->info.name] = m.cv.size();
    for (const auto& p: c.probes) s.out.traces.push_back({p.name, p.units, {}, {}});
    c.events = event_queue{};
    for (const auto& e: c.model_events) c.events.push(e);
    s.steps_taken = 0;
    s.spikes_taken = 0;
    s.runner.reset();
    for (auto& m: c.mechanisms) m.reset_connections();
    const auto begin = clock_type::now();
    s.runner = s.on_gpu ? make_gpu_runner(c, s.out) : make_cpu_runner(c, s.out);
    s.out.stats.lower_seconds += seconds_since(begin);   // a copy to the device is part of building the model
    s.runner->start();
}

void cell_simulation::advance_to(double t, const progress_callback& progress) {
    auto& s = *state_;
    if (!s.runner) throw std::logic_error("cell_simulation::advance_to before start");
    const auto last = std::min(steps_until(t, s.cell.run.dt), steps_until(s.cell.run.tstop, s.cell.run.dt));
    if (last <= s.steps_taken) return;
    s.runner->advance(last, progress);
    s.steps_taken = last;
}

double cell_simulation::time() const { return double(state_->steps_taken) * state_->cell.run.dt; }

std::size_t cell_simulation::connect(std::size_t cell, const std::string& label, double weight) {
    auto& s = *state_;
    auto& c = s.cell;
    if (s.runner) throw std::logic_error("cell_simulation::connect after start");
    if (cell >= c.placements.size()) throw model_error("connection to cell " + std::to_string(cell) + ", but the group has " + std::to_string(c.placements.size()));
    const auto it = c.placements[cell].find(label);
    if (it == c.placements[cell].end()) throw model_error("connection to '" + label + "', which no placed point process of cell " + std::to_string(cell) + " is labelled");
    auto& m = c.mechanisms[it->second.mechanism];
    if (!m.impl->info.receives_events) throw model_error("connection to '" + label + "', a " + m.impl->info.name + ", which takes no events");
    timed_event e;
    e.mechanism = it->second.mechanism;
    e.event.instance = static_cast<int>(it->second.instance);
    e.event.connection = m.connect(it->second.instance, weight);
    s.connections.push_back(e);
    return s.connections.size() - 1;
}

void cell_simulation::queue_event(std::size_t connection, double t) {
    auto& s = *state_;
    if (connection >= s.connections.size()) throw std::out_of_range("cell_simulation::queue_event: no connection " + std::to_string(connection));
    if (t < time()) throw model_error("event at " + std::to_string(t) + " ms, before the current time " + std::to_string(time()) + " ms");
    timed_event e = s.connections[connection];
    e.time = t;
    s.cell.events.push(e);
}

std::vector<spike> cell_simulation::take_new_spikes() {
    auto& s = *state_;
    std::vector<spike> fresh(s.out.spikes.begin() + static_cast<std::ptrdiff_t>(s.spikes_taken), s.out.spikes.end());
    s.spikes_taken = s.out.spikes.size();
    std::stable_sort(fresh.begin(), fresh.end(), by_time);
    return fresh;
}

run_result cell_simulation::finish() {
    auto& s = *state_;
    s.runner.reset();
    std::stable_sort(s.out.spikes.begin(), s.out.spikes.end(), by_time);
    return std::move(s.out);
}

} // namespace cajal
