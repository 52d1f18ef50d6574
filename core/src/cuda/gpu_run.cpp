// The CUDA backend's time loop: NEURON's fixed step as the CPU backend takes
// it (cpu_run.cpp), with every per-step array on the device. The host
// only launches kernels; it waits for the device when events are delivered
// (to collect what NET_RECEIVE sent) and when a batch of samples and spikes
// is copied back.
#include "../backend_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <cuda_runtime.h>

#include <cajal/core/gpu.hpp>

#include "../event_requests.hpp"
#include "cable_solver.cuh"
#include "device_image.hpp"
#include "step_kernels.hpp"

namespace cajal {

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

std::string describe(const gpu_info& info) {
    return info.name + " (sm_" + std::to_string(info.compute_major) + std::to_string(info.compute_minor) + ", " +
           std::to_string(info.memory_bytes >> 30) + " GiB)";
}

// Samples are copied back every this many steps, bounded so that the batch
// buffer stays under 64 MiB however many probes there are.
std::size_t batch_steps(std::size_t probes, std::size_t steps) {
    constexpr std::size_t budget = std::size_t{64} << 20;
    const std::size_t by_memory = probes ? std::max<std::size_t>(1, budget / (probes * sizeof(double))) : 4096;
    return std::min({std::size_t{4096}, by_memory, steps + 1});
}

class gpu_runner: public backend_runner {
public:
    gpu_runner(lowered_cell& c, run_result& out, const gpu_info& info): c_(c), out_(out), image_(c), solver_(image_.layout()) {
        const auto& layout = image_.layout();
        std::vector<std::size_t> rows, every;
        std::vector<double> thresholds;
        std::vector<const double*> sources;
        for (const auto& d: c.detectors) {
            rows.push_back(layout.row_of[d.cv]);
            thresholds.push_back(d.threshold);
        }
        for (const auto& p: c.probes) {
            sources.push_back(image_.device_element(p.value));
            every.push_back(p.every);
        }
        batch_ = batch_steps(c.probes.size(), steps_until(c.run.tstop, c.run.dt));
        auto& arena = image_.arena();
        detectors_ = {c.detectors.size(), arena.upload(rows), arena.upload(thresholds), arena.allocate<double>(c.detectors.size())};
        // A detector crosses at most once in two steps.
        spike_capacity_ = static_cast<unsigned>(c.detectors.size() * (batch_ / 2 + 1));
        spikes_ = {spike_capacity_ ? arena.allocate<gpu::spike_record>(spike_capacity_) : nullptr, arena.upload(std::vector<unsigned>{0}),
                   spike_capacity_};
        samples_ = {c.probes.size(), arena.upload(sources), arena.upload(every), arena.allocate<double>(std::max<std::size_t>(1, batch_ * c.probes.size()))};
        every_ = every;
        out_.stats.backend = "gpu";
        out_.stats.device = describe(info);
        out_.stats.memory_bytes = image_.device_bytes() + solver_.device_bytes();
    }

    void start() override {
        const auto start = clock_type::now();
        update_reversals();
        for (std::size_t mi = 0; mi < image_.mechanisms.size(); ++mi) {
            const auto& m = image_.mechanisms[mi];
            if (!m.impl->gpu.initialize) continue;
            m.impl->gpu.initialize(view_at(mi, 0.0));
            collect_requests(mi);
        }
        for (std::size_t mi = 0; mi < image_.mechanisms.size(); ++mi) {
            const auto& m = image_.mechanisms[mi];
            const auto count = c_.mechanisms[mi].connections.size();
            if (!m.impl->gpu.initialize_connections || count == 0) continue;
            m.impl->gpu.initialize_connections(view_at(mi, 0.0), m.connections, count);
            collect_requests(mi);
        }
        update_reversals();
        compute_currents(0.0, false);
        gpu::end_step(detectors_, spikes_, false, 0, 0, image_.v, samples_, 0, 0);
        batch_first_ = 0;
        flush(1);
        batch_first_ = 1;
        out_.stats.initialize_seconds = seconds_since(start);
    }

    // Batches end at `last_step` at the latest, so that its spikes are back
    // when this returns.
    void advance(std::size_t last_step, const progress_callback& progress) override {
        const auto start = clock_type::now();
        const double dt = c_.run.dt;
        const bool cn = c_.run.method == integration_method::crank_nicolson;
        const double cj = (cn ? 2.0 : 1.0) / dt, factor = cn ? 2.0 : 1.0;
        auto last_report = clock_type::now();
        for (std::size_t step = step_ + 1; step <= last_step; ++step) {
            const double t = double(step - 1) * dt, t_next = double(step) * dt;
            deliver_events(t);
            compute_currents(t + 0.5 * dt, true);
            solver_.step(cj, factor, image_.capacitance, image_.axial, image_.i_membrane, image_.g_membrane, image_.v);
            for (std::size_t mi = 0; mi < image_.mechanisms.size(); ++mi) {
                const auto& m = image_.mechanisms[mi];
                if (m.impl->gpu.advance_state) m.impl->gpu.advance_state(view_at(mi, t_next));
            }
            for (std::size_t mi = 0; mi < image_.mechanisms.size(); ++mi) {
                // A mechanism with WATCH costs a wait for the device every step: its requests go to the host queue.
                const auto& m = image_.mechanisms[mi];
                if (!m.impl->gpu.check_watches) continue;
                m.impl->gpu.check_watches(view_at(mi, t_next));
                collect_requests(mi);
            }
            update_reversals();
            gpu::end_step(detectors_, spikes_, true, t, t_next, image_.v, samples_, step, step - batch_first_);
            step_ = step;
            if (step + 1 - batch_first_ == batch_ || step == last_step) {
                flush(step + 1 - batch_first_);
                batch_first_ = step + 1;
            }
            if (progress && (step & 1023) == 0 && seconds_since(last_report) > 0.1) {
                progress(t_next, c_.run.tstop);
                last_report = clock_type::now();
            }
        }
        cuda_check(cudaDeviceSynchronize(), "the time loop");
        out_.stats.steps = step_;
        out_.stats.integrate_seconds += seconds_since(start);
    }

private:
    mechanism_view view_at(std::size_t mi, double t) const {
        auto view = image_.mechanisms[mi].view;
        view.t = t;
        return view;
    }

    void update_reversals() {
        for (const auto& ion: image_.ions) {
            if (ion.follows_concentrations) gpu::update_reversal(image_.rows(), ion.valence, c_.properties.celsius, ion.internal, ion.external, ion.reversal);
        }
    }

    void compute_currents(double t, bool record_detectors) {
        auto detectors = detectors_;
        if (!record_detectors) detectors.count = 0;
        gpu::begin_step(image_.accumulators, image_.num_accumulators, image_.rows(), detectors, image_.v);
        for (std::size_t mi = 0; mi < image_.mechanisms.size(); ++mi) {
            const auto& m = image_.mechanisms[mi];
            if (m.impl->gpu.compute_currents) m.impl->gpu.compute_currents(view_at(mi, t));
        }
    }

    // What the kernel just run for mechanism `mi` sent (net_send, net_move,
    // net_event), handled on the host as the CPU backend does.
    void collect_requests(std::size_t mi) {
        unsigned count = 0;
        cuda_check(cudaMemcpy(&count, image_.request_count, sizeof count, cudaMemcpyDeviceToHost), "copying the event request count");
        if (count == 0) return;
        const auto kept = std::min<std::size_t>(count, c_.requests.size());
        cuda_check(cudaMemcpy(c_.requests.data(), image_.requests, kept * sizeof(event_request), cudaMemcpyDeviceToHost), "copying event requests");
        cuda_check(cudaMemset(image_.request_count, 0, sizeof(unsigned)), "resetting the event request count");
        c_.request_count = count;
        take_requests(c_, mi, out_.spikes);
    }

    // Events due in the step starting at t, delivered as the CPU backend does.
    void deliver_events(double t) {
        const double horizon = t + 0.5 * c_.run.dt;
        while (c_.events.has_due(horizon)) {
            while (c_.events.has_due(horizon)) {
                const auto e = c_.events.pop();
                c_.mechanisms[e.mechanism].due_events.push_back(e.event);
            }
            for (std::size_t mi = 0; mi < c_.mechanisms.size(); ++mi) {
                auto& due = c_.mechanisms[mi].due_events;
                if (due.empty()) continue;
                if (due.size() > event_capacity_) {
                    event_capacity_ = 2 * due.size();
                    events_ = std::make_unique<device_buffer<mechanism_event>>(std::vector<mechanism_event>(event_capacity_));
                }
                cuda_check(cudaMemcpy(events_->data(), due.data(), due.size() * sizeof(mechanism_event), cudaMemcpyHostToDevice), "copying events");
                image_.mechanisms[mi].impl->gpu.deliver_events(view_at(mi, t), events_->data(), due.size());
                due.clear();
                collect_requests(mi);
            }
        }
    }

    // Copies back the samples of `slots` steps from batch_first_ on, and the spikes found meanwhile.
    void flush(std::size_t slots) {
        const auto probes = c_.probes.size();
        if (probes) {
            values_.resize(slots * probes);
            cuda_check(cudaMemcpy(values_.data(), samples_.values, values_.size() * sizeof(double), cudaMemcpyDeviceToHost), "copying samples");
            for (std::size_t s = 0; s < slots; ++s) {
                const auto step = batch_first_ + s;
                for (std::size_t k = 0; k < probes; ++k) {
                    if (step % every_[k]) continue;
                    out_.traces[k].times.push_back(double(step) * c_.run.dt);
                    out_.traces[k].values.push_back(values_[s * probes + k]);
                }
            }
        }
        if (!spike_capacity_) return;
        unsigned count = 0;
        cuda_check(cudaMemcpy(&count, spikes_.count, sizeof count, cudaMemcpyDeviceToHost), "copying the spike count");
        if (count > spike_capacity_) throw std::runtime_error("GPU spike buffer overflow: " + std::to_string(count) + " crossings in one batch");
        std::vector<gpu::spike_record> found(count);
        if (count) {
            cuda_check(cudaMemcpy(found.data(), spikes_.records, count * sizeof(gpu::spike_record), cudaMemcpyDeviceToHost), "copying spikes");
            cuda_check(cudaMemset(spikes_.count, 0, sizeof(unsigned)), "resetting the spike count");
        }
        // Detectors record in any order; the CPU's is by time, then detector.
        std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return std::tie(a.time, a.detector) < std::tie(b.time, b.detector); });
        for (const auto& s: found) out_.spikes.push_back({c_.detectors[s.detector].name, s.time, c_.detectors[s.detector].cell});
    }

    lowered_cell& c_;
    run_result& out_;
    gpu::device_image image_;
    device_cable_solver solver_;
    gpu::detector_arrays detectors_;
    gpu::spike_buffer spikes_;
    unsigned spike_capacity_ = 0;
    gpu::sample_arrays samples_;
    std::vector<std::size_t> every_;
    std::vector<double> values_;
    std::size_t step_ = 0, batch_ = 1, batch_first_ = 0;   // steps taken; batch size; first step of the batch
    std::unique_ptr<device_buffer<mechanism_event>> events_;
    std::size_t event_capacity_ = 0;
};

} // namespace

std::unique_ptr<backend_runner> make_gpu_runner(lowered_cell& c, run_result& out) {
    const auto info = query_gpu();
    if (!info.available) throw model_error("backend gpu: " + info.name);
    for (const auto& m: c.mechanisms) {
        if (!m.impl->has_gpu_kernels()) throw model_error("backend gpu: mechanism " + m.impl->info.name + " has no GPU kernels");
    }
    return std::make_unique<gpu_runner>(c, out, info);
}

} // namespace cajal
