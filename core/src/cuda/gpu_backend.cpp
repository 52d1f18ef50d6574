// The CUDA backend: the group's state on the device in the cable solver's row
// order, stepped by kernels on the default stream. The host waits for the
// device only where it needs results: the requests of kernels that send
// events, a batch of samples and crossings, the non-finite check.
#include "../backend.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <cuda_runtime.h>

#include <cajal/core/gpu.hpp>
#include <cajal/support/errors.hpp>

#include "cable_solver.cuh"
#include "device_image.hpp"
#include "step_kernels.hpp"

namespace cajal {

namespace {

std::string describe(const gpu_info& info) {
    return info.name + " (sm_" + std::to_string(info.compute_major) + std::to_string(info.compute_minor) + ", " +
           std::to_string(info.memory_bytes >> 30) + " GiB)";
}

// Samples are copied back every this many steps, bounded so that the batch
// buffer stays under 64 MiB however many probes there are.
std::size_t batch_steps(std::size_t probes) {
    constexpr std::size_t budget = std::size_t{64} << 20;
    const std::size_t by_memory = probes ? std::max<std::size_t>(1, budget / (probes * sizeof(double))) : 4096;
    return std::min<std::size_t>(4096, by_memory);
}

class gpu_backend final: public backend {
public:
    gpu_backend(lowered_cell& c, const gpu_info& info): c_(c), device_(describe(info)), image_(c), solver_(image_.layout()) {
        const auto& layout = image_.layout();
        std::vector<std::size_t> rows, every;
        std::vector<double> thresholds, scales;
        std::vector<const double*> sources;
        for (const auto& d: c.detectors) {
            rows.push_back(layout.row_of[d.cv]);
            thresholds.push_back(d.threshold);
        }
        for (const auto& p: c.probes) {
            sources.push_back(image_.device_element(p.value));
            every.push_back(p.every);
            scales.push_back(p.scale);
        }
        batch_ = batch_steps(c.probes.size());
        auto& arena = image_.arena();
        detectors_ = {c.detectors.size(), arena.upload(rows), arena.upload(thresholds), arena.allocate<double>(c.detectors.size())};
        // A detector crosses at most once in two steps.
        spike_capacity_ = static_cast<unsigned>(c.detectors.size() * (batch_ / 2 + 1));
        spikes_ = {spike_capacity_ ? arena.allocate<gpu::spike_record>(spike_capacity_) : nullptr, arena.upload(std::vector<unsigned>{0}),
                   spike_capacity_};
        samples_ = {c.probes.size(), arena.upload(sources), arena.upload(every), arena.upload(scales),
                    arena.allocate<double>(std::max<std::size_t>(1, batch_ * c.probes.size()))};
        every_ = every;
        out_.times.resize(c.probes.size());
        out_.values.resize(c.probes.size());
        prepare_scan();
        non_finite_ = arena.upload(std::vector<unsigned long long>{~0ull});
        std::vector<double*> play_targets;
        for (const auto& f: c.plays.fields) play_targets.push_back(image_.device_element(&c.mechanisms[f.mechanism].fields[f.field][f.instance]));
        plays_ = {play_targets.size(), arena.upload(c.plays.shapes), arena.upload(play_targets), arena.upload(c.plays.series_times),
                  arena.upload(c.plays.series_values)};
    }

    std::string name() const override { return "gpu"; }
    std::string device() const override { return device_; }
    std::size_t memory_bytes() const override { return image_.device_bytes() + solver_.device_bytes(); }

    void reset_state() override {
        const auto rows = image_.rows();
        cuda_check(cudaMemcpy(image_.v, image_.v_init, rows * sizeof(double), cudaMemcpyDeviceToDevice), "resetting v");
        for (const auto& ion: image_.ions) {
            if (!ion.follows_concentrations) continue;
            cuda_check(cudaMemcpy(ion.internal, ion.internal_initial, rows * sizeof(double), cudaMemcpyDeviceToDevice), "resetting concentrations");
            cuda_check(cudaMemcpy(ion.external, ion.external_initial, rows * sizeof(double), cudaMemcpyDeviceToDevice), "resetting concentrations");
        }
        for (std::size_t m = 0; m < image_.mechanisms.size(); ++m) {
            const auto& args = c_.mechanisms[m].connection_args;
            if (args.empty()) continue;
            cuda_check(cudaMemcpy(image_.mechanisms[m].view.connection_args, args.data(), args.size() * sizeof(double), cudaMemcpyHostToDevice),
                       "resetting connection rows");
        }
        batch_first_ = 0;
        slots_ = 0;
    }

    void clear_currents() override { gpu::clear_accumulators(image_.accumulators, image_.num_accumulators, image_.rows()); }

    void update_reversals() override {
        for (const auto& ion: image_.ions) {
            if (ion.follows_concentrations) gpu::update_reversal(image_.rows(), ion.valence, c_.celsius, ion.follows, ion.internal, ion.external, ion.reversal);
        }
    }

    void play(kernels::play_time when) override { gpu::play(plays_, when); }

    void run_mechanism(mechanism_phase phase, std::size_t m, double t) override {
        const auto& kernels = image_.mechanisms[m].impl->gpu;
        const auto view = view_at(m, t);
        switch (phase) {
        case mechanism_phase::initialize: kernels.initialize(view); break;
        case mechanism_phase::compute_currents: kernels.compute_currents(view); break;
        case mechanism_phase::advance_state: kernels.advance_state(view); break;
        case mechanism_phase::check_watches: kernels.check_watches(view); break;
        }
    }

    void initialize_connections(std::size_t m) override {
        const auto& d = image_.mechanisms[m];
        d.impl->gpu.initialize_connections(view_at(m, 0.0), d.connections, c_.mechanisms[m].connections.size());
    }

    void deliver_events(std::size_t m, const std::vector<mechanism_event>& events, double t) override {
        if (events.size() > event_capacity_) {
            event_capacity_ = 2 * events.size();
            events_ = std::make_unique<device_buffer<mechanism_event>>(std::vector<mechanism_event>(event_capacity_));
        }
        cuda_check(cudaMemcpy(events_->data(), events.data(), events.size() * sizeof(mechanism_event), cudaMemcpyHostToDevice), "copying events");
        image_.mechanisms[m].impl->gpu.deliver_events(view_at(m, t), events_->data(), events.size());
    }

    void drain_requests() override {
        unsigned count = 0;
        cuda_check(cudaMemcpy(&count, image_.request_count, sizeof count, cudaMemcpyDeviceToHost), "copying the event request count");
        c_.request_count = count;
        if (count == 0) return;
        const auto kept = std::min<std::size_t>(count, c_.requests.size());
        cuda_check(cudaMemcpy(c_.requests.data(), image_.requests, kept * sizeof(event_request), cudaMemcpyDeviceToHost), "copying event requests");
        cuda_check(cudaMemset(image_.request_count, 0, sizeof(unsigned)), "resetting the event request count");
    }

    void solve_cable(double cj, double factor) override {
        solver_.step(cj, factor, image_.capacitance, image_.axial, image_.i_membrane, image_.g_membrane, image_.v);
    }

    void membrane_currents_after_solve(double cj) override { gpu::membrane_currents(image_.rows(), step_current_view(cj), false); }

    void membrane_currents_at_start() override { gpu::membrane_currents(image_.rows(), step_current_view(0.0), true); }

    void detect_and_sample(std::size_t step, double t0, double t1) override {
        if (slots_ == 0) batch_first_ = step;
        gpu::end_step(detectors_, spikes_, step > 0, t0, t1, image_.v, samples_, step, slots_);
        if (++slots_ == batch_) flush();
    }

    void collect(recording& into) override {
        flush();
        into.crossings.insert(into.crossings.end(), out_.crossings.begin(), out_.crossings.end());
        out_.crossings.clear();
        into.times.resize(out_.times.size());
        into.values.resize(out_.values.size());
        for (std::size_t k = 0; k < out_.times.size(); ++k) {
            into.times[k].insert(into.times[k].end(), out_.times[k].begin(), out_.times[k].end());
            into.values[k].insert(into.values[k].end(), out_.values[k].begin(), out_.values[k].end());
            out_.times[k].clear();
            out_.values[k].clear();
        }
    }

    std::optional<non_finite_value> find_non_finite() override {
        gpu::find_non_finite(scan_arrays_, scanned_.size(), longest_, non_finite_);
        unsigned long long code = 0;
        cuda_check(cudaMemcpy(&code, non_finite_, sizeof code, cudaMemcpyDeviceToHost), "copying the non-finite check");
        if (code == ~0ull) return std::nullopt;
        const auto& where = scanned_[code >> 40];
        const std::size_t element = code & ((1ull << 40) - 1);
        double value = 0;
        cuda_check(cudaMemcpy(&value, where.device + element, sizeof value, cudaMemcpyDeviceToHost), "copying a non-finite value");
        const unsigned long long reset = ~0ull;
        cuda_check(cudaMemcpy(non_finite_, &reset, sizeof reset, cudaMemcpyHostToDevice), "resetting the non-finite check");
        non_finite_value bad = where.what;
        bad.element = where.rows ? image_.host_row()[element] : image_.mechanisms[bad.owner].host_instance[element];
        bad.value = value;
        return bad;
    }

private:
    // A device array the non-finite check scans, and what it holds.
    struct scanned {
        const double* device = nullptr;
        non_finite_value what;   // element and value unset
        bool rows = true;        // per row (else per device instance of what.owner)
    };

    void prepare_scan() {
        using array = non_finite_value::array;
        scanned_.push_back({image_.v, {array::voltage, 0, 0, 0, 0}, true});
        for (std::size_t k = 0; k < image_.ions.size(); ++k) {
            const auto& ion = image_.ions[k];
            if (!ion.follows_concentrations) continue;
            scanned_.push_back({ion.internal, {array::ion_internal, k, 0, 0, 0}, true});
            scanned_.push_back({ion.external, {array::ion_external, k, 0, 0, 0}, true});
        }
        std::vector<gpu::scanned_array> arrays;
        for (const auto& s: scanned_) arrays.push_back({s.device, image_.rows()});
        for (std::size_t m = 0; m < image_.mechanisms.size(); ++m) {
            const auto& info = image_.mechanisms[m].impl->info;
            const auto& view = image_.mechanisms[m].view;
            std::vector<double*> fields(info.num_instance_fields());
            if (!fields.empty()) cuda_check(cudaMemcpy(fields.data(), view.fields, fields.size() * sizeof(double*), cudaMemcpyDeviceToHost), "reading field pointers");
            for (std::size_t f = info.parameters.size(); f < info.parameters.size() + info.states.size(); ++f) {
                scanned_.push_back({fields[f], {array::field, m, f, 0, 0}, false});
                arrays.push_back({fields[f], view.width});
            }
        }
        for (const auto& a: arrays) longest_ = std::max(longest_, a.size);
        scan_arrays_ = image_.arena().upload(arrays);
    }

    // dv is the solver's right-hand side after the solve.
    kernels::membrane_current_arrays step_current_view(double cj) const {
        return {cj, image_.capacitance, image_.i_membrane, image_.g_membrane, image_.electrode_current, image_.electrode_conductance, solver_.dv(),
                image_.capacitive_current, image_.membrane_current};
    }

    mechanism_view view_at(std::size_t m, double t) const {
        auto view = image_.mechanisms[m].view;
        view.t = t;
        return view;
    }

    // Copies back the samples of the batch and the crossings found meanwhile.
    void flush() {
        const auto probes = c_.probes.size();
        if (probes && slots_) {
            values_.resize(slots_ * probes);
            cuda_check(cudaMemcpy(values_.data(), samples_.values, values_.size() * sizeof(double), cudaMemcpyDeviceToHost), "copying samples");
            for (std::size_t s = 0; s < slots_; ++s) {
                const auto step = batch_first_ + s;
                for (std::size_t k = 0; k < probes; ++k) {
                    if (step % every_[k]) continue;
                    out_.times[k].push_back(double(step) * c_.dt);
                    out_.values[k].push_back(values_[s * probes + k]);
                }
            }
        }
        slots_ = 0;
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
        for (const auto& s: found) out_.crossings.push_back({s.detector, s.time});
    }

    lowered_cell& c_;
    std::string device_;
    gpu::device_image image_;
    device_cable_solver solver_;
    gpu::detector_arrays detectors_;
    gpu::spike_buffer spikes_;
    unsigned spike_capacity_ = 0;
    gpu::sample_arrays samples_;
    gpu::play_arrays plays_;
    std::vector<std::size_t> every_;
    std::vector<double> values_;
    std::size_t batch_ = 1, batch_first_ = 0, slots_ = 0;   // batch size; first step of the batch; steps in it
    recording out_;
    std::unique_ptr<device_buffer<mechanism_event>> events_;
    std::size_t event_capacity_ = 0;
    std::vector<scanned> scanned_;
    const gpu::scanned_array* scan_arrays_ = nullptr;
    std::size_t longest_ = 0;
    unsigned long long* non_finite_ = nullptr;
};

// The GPU kernels a mechanism has must be those its CPU kernels are: the time
// loop decides what runs from the mechanism's kernels, the same for both backends.
bool same_phases(const mechanism_kernels& a, const mechanism_kernels& b) {
    return !a.initialize == !b.initialize && !a.compute_currents == !b.compute_currents && !a.advance_state == !b.advance_state &&
           !a.deliver_events == !b.deliver_events && !a.initialize_connections == !b.initialize_connections && !a.check_watches == !b.check_watches;
}

} // namespace

std::unique_ptr<backend> make_gpu_backend(lowered_cell& c) {
    const auto info = query_gpu();
    if (!info.available) throw environment_error("backend gpu: " + info.name);
    for (const auto& m: c.mechanisms) {
        if (!m.impl->has_gpu_kernels()) {
            throw environment_error("backend gpu: mechanism " + m.impl->info.name +
                                    " has no GPU kernels (its folder was compiled without nvcc: see CAJAL_NMODL_NVCC in docs/nmodl.md)");
        }
        if (!same_phases(m.impl->cpu, m.impl->gpu)) throw std::logic_error("mechanism " + m.impl->info.name + " has different kernels for the CPU and the GPU");
    }
    return std::make_unique<gpu_backend>(c, info);
}

} // namespace cajal
