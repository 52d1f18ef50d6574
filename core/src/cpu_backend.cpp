// The CPU backend: the group's host arrays, stepped in place.
#include <algorithm>
#include <cmath>

#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/membrane_current.hpp>
#include <cajal/kernels/waveform.hpp>

#include "backend.hpp"
#include "cpu_cable_solver.hpp"

namespace cajal {

namespace {

class cpu_backend final: public backend {
public:
    explicit cpu_backend(lowered_cell& c): c_(c), cable_(c.parent, c.cell_begin) {
        if (c.step_currents.recorded()) dv_.resize(c.v.size());
        v_before_.resize(c.detectors.size());
        for (const auto& f: c.plays.fields) play_targets_.push_back(&c.mechanisms[f.mechanism].fields[f.field][f.instance]);
    }

    std::string name() const override { return "cpu"; }
    std::string device() const override { return {}; }
    std::size_t memory_bytes() const override { return c_.memory_bytes() + cable_.bytes() + dv_.size() * sizeof(double); }

    void reset_state() override {
        c_.v = c_.v_init;
        for (auto& ion: c_.ions) {
            if (ion.follows_concentrations) ion.reset_concentrations();
        }
    }

    void clear_currents() override {
        std::fill(c_.i_membrane.begin(), c_.i_membrane.end(), 0.0);
        std::fill(c_.g_membrane.begin(), c_.g_membrane.end(), 0.0);
        for (auto& ion: c_.ions) {
            // Where few CVs have writers (hh on somata only, say), only those.
            if (4 * ion.written_cvs.size() < ion.current.size()) {
                for (auto i: ion.written_cvs) ion.current[i] = ion.conductance[i] = 0.0;
            } else if (ion.has_writers()) {
                std::fill(ion.current.begin(), ion.current.end(), 0.0);
                std::fill(ion.conductance.begin(), ion.conductance.end(), 0.0);
            }
        }
        auto& s = c_.step_currents;
        std::fill(s.electrode_current.begin(), s.electrode_current.end(), 0.0);
        std::fill(s.electrode_conductance.begin(), s.electrode_conductance.end(), 0.0);
    }

    void update_reversals() override {
        for (auto& ion: c_.ions) {
            if (ion.follows_concentrations) ion.update_reversal(c_.celsius);
        }
    }

    void play(kernels::play_time when) override {
        const auto& p = c_.plays;
        for (std::size_t i = 0; i < play_targets_.size(); ++i) {
            kernels::play_parameter(i, p.shapes.data(), play_targets_.data(), p.series_times.data(), p.series_values.data(), when);
        }
    }

    void run_mechanism(mechanism_phase phase, std::size_t m, double t) override {
        const auto& kernels = c_.mechanisms[m].impl->cpu;
        const auto view = view_of(m, t);
        switch (phase) {
        case mechanism_phase::initialize: kernels.initialize(view); break;
        case mechanism_phase::compute_currents: kernels.compute_currents(view); break;
        case mechanism_phase::advance_state: kernels.advance_state(view); break;
        case mechanism_phase::check_watches: kernels.check_watches(view); break;
        }
    }

    void initialize_connections(std::size_t m) override {
        const auto& mech = c_.mechanisms[m];
        mech.impl->cpu.initialize_connections(view_of(m, 0.0), mech.connections.data(), mech.connections.size());
    }

    void deliver_events(std::size_t m, const std::vector<mechanism_event>& events, double t) override {
        c_.mechanisms[m].impl->cpu.deliver_events(view_of(m, t), events.data(), events.size());
    }

    void drain_requests() override {}   // kernels wrote into lowered_cell::requests directly

    // Backward Euler (or Crank–Nicolson) step of the cable equation: assemble,
    // Hines solve for dv, update v.
    void solve_cable(double cj, double factor) override {
        cable_.step({c_.capacitance.data(), c_.axial.data(), c_.i_membrane.data(), c_.g_membrane.data(), c_.v.data(), dv_.empty() ? nullptr : dv_.data()},
                    cj, factor);
    }

    void membrane_currents_after_solve(double cj) override {
        const auto a = step_current_view(cj);
        for (std::size_t i = 0; i < c_.v.size(); ++i) kernels::membrane_currents_after_solve(i, a);
    }

    void membrane_currents_at_start() override {
        const auto a = step_current_view(0.0);
        for (std::size_t i = 0; i < c_.v.size(); ++i) kernels::membrane_currents_at_start(i, a);
    }

    void detect_and_sample(std::size_t step, double t0, double t1) override {
        if (out_.times.size() != c_.probes.size()) {
            out_.times.resize(c_.probes.size());
            out_.values.resize(c_.probes.size());
        }
        for (std::size_t k = 0; k < c_.detectors.size(); ++k) {
            const auto& d = c_.detectors[k];
            const double v1 = c_.v[d.cv];
            if (step > 0 && v_before_[k] < d.threshold && v1 >= d.threshold) {
                out_.crossings.push_back({k, kernels::crossing_time(t0, v_before_[k], t1, v1, d.threshold)});
            }
            v_before_[k] = v1;
        }
        for (std::size_t k = 0; k < c_.probes.size(); ++k) {
            if (step % c_.probes[k].every) continue;
            out_.times[k].push_back(double(step) * c_.dt);
            out_.values[k].push_back(*c_.probes[k].value * c_.probes[k].scale);
        }
    }

    void collect(recording& into) override {
        into.crossings.insert(into.crossings.end(), out_.crossings.begin(), out_.crossings.end());
        into.times.resize(out_.times.size());
        into.values.resize(out_.values.size());
        for (std::size_t k = 0; k < out_.times.size(); ++k) {
            into.times[k].insert(into.times[k].end(), out_.times[k].begin(), out_.times[k].end());
            into.values[k].insert(into.values[k].end(), out_.values[k].begin(), out_.values[k].end());
            out_.times[k].clear();
            out_.values[k].clear();
        }
        out_.crossings.clear();
    }

    std::optional<non_finite_value> find_non_finite() override {
        using array = non_finite_value::array;
        if (auto i = first_non_finite(c_.v)) return non_finite_value{array::voltage, 0, 0, *i, c_.v[*i]};
        for (std::size_t k = 0; k < c_.ions.size(); ++k) {
            const auto& ion = c_.ions[k];
            if (!ion.follows_concentrations) continue;
            if (auto i = first_non_finite(ion.internal)) return non_finite_value{array::ion_internal, k, 0, *i, ion.internal[*i]};
            if (auto i = first_non_finite(ion.external)) return non_finite_value{array::ion_external, k, 0, *i, ion.external[*i]};
        }
        for (std::size_t m = 0; m < c_.mechanisms.size(); ++m) {
            const auto& fields = c_.mechanisms[m].fields;
            const auto& info = c_.mechanisms[m].impl->info;
            // The states: parameters are checked when set, and an assigned value may be infinite by design (a time constant, say).
            for (std::size_t f = info.parameters.size(); f < info.parameters.size() + info.states.size(); ++f) {
                if (auto i = first_non_finite(fields[f])) return non_finite_value{array::field, m, f, *i, fields[f][*i]};
            }
        }
        return std::nullopt;
    }

private:
    static std::optional<std::size_t> first_non_finite(const std::vector<double>& values) {
        const auto it = std::find_if(values.begin(), values.end(), [](double x) { return !std::isfinite(x); });
        if (it == values.end()) return std::nullopt;
        return static_cast<std::size_t>(it - values.begin());
    }

    mechanism_view view_of(std::size_t m, double t) {
        auto view = c_.mechanisms[m].view(c_.v.data(), c_.i_membrane.data(), c_.g_membrane.data(), t, c_.dt, c_.celsius,
                                          {c_.requests.data(), &c_.request_count, static_cast<unsigned>(c_.requests.size())});
        if (c_.step_currents.recorded()) {
            view.electrode_current = c_.step_currents.electrode_current.data();
            view.electrode_conductance = c_.step_currents.electrode_conductance.data();
        }
        return view;
    }

    // dv: the solve's solution in CV order.
    kernels::membrane_current_arrays step_current_view(double cj) {
        auto& s = c_.step_currents;
        return {cj, c_.capacitance.data(), c_.i_membrane.data(), c_.g_membrane.data(), s.electrode_current.data(), s.electrode_conductance.data(),
                dv_.data(), s.capacitive.data(), s.membrane.data()};
    }

    lowered_cell& c_;
    cpu_cable_solver cable_;
    std::vector<double> dv_;              // per CV, where step currents are recorded
    std::vector<double> v_before_;
    std::vector<double*> play_targets_;   // per played parameter, its instance field
    recording out_;
};

} // namespace

std::unique_ptr<backend> make_cpu_backend(lowered_cell& c) { return std::make_unique<cpu_backend>(c); }

} // namespace cajal
