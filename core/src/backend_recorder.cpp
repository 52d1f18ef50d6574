#include "backend_recorder.hpp"

#include "number_text.hpp"

namespace cajal {

namespace {

const char* phase_name(mechanism_phase phase) {
    switch (phase) {
    case mechanism_phase::initialize: return "initialize";
    case mechanism_phase::compute_currents: return "compute_currents";
    case mechanism_phase::advance_state: return "advance_state";
    case mechanism_phase::check_watches: return "check_watches";
    }
    return "?";
}

class recording_backend final: public backend {
public:
    recording_backend(std::unique_ptr<backend> inner, const lowered_cell& cells, std::vector<std::string>& calls):
        inner_(std::move(inner)), cells_(cells), calls_(calls) {}

    std::string name() const override { return inner_->name(); }
    std::string device() const override { return inner_->device(); }
    std::size_t memory_bytes() const override { return inner_->memory_bytes(); }

    void reset_state() override {
        say("reset_state");
        inner_->reset_state();
    }
    void clear_currents() override {
        say("clear_currents");
        inner_->clear_currents();
    }
    void update_reversals() override {
        say("update_reversals");
        inner_->update_reversals();
    }
    void play(kernels::play_time when) override {
        say("play t=" + number_text(when.t) + " passed=" + number_text(when.passed) + (when.start ? " start" : ""));
        inner_->play(when);
    }
    void run_mechanism(mechanism_phase phase, std::size_t m, double t) override {
        say(std::string(phase_name(phase)) + " " + mechanism(m) + " t=" + number_text(t));
        inner_->run_mechanism(phase, m, t);
    }
    void initialize_connections(std::size_t m) override {
        say("initialize_connections " + mechanism(m));
        inner_->initialize_connections(m);
    }
    void deliver_events(std::size_t m, const std::vector<mechanism_event>& events, double t) override {
        say("deliver_events " + mechanism(m) + " n=" + std::to_string(events.size()) + " t=" + number_text(t));
        inner_->deliver_events(m, events, t);
    }
    void drain_requests() override {
        say("drain_requests");
        inner_->drain_requests();
    }
    void solve_cable(double cj, double factor) override {
        say("solve_cable cj=" + number_text(cj) + " factor=" + number_text(factor));
        inner_->solve_cable(cj, factor);
    }
    void membrane_currents_after_solve(double cj) override {
        say("membrane_currents_after_solve cj=" + number_text(cj));
        inner_->membrane_currents_after_solve(cj);
    }
    void membrane_currents_at_start() override {
        say("membrane_currents_at_start");
        inner_->membrane_currents_at_start();
    }
    void detect_and_sample(std::size_t step, double t0, double t1) override {
        say("detect_and_sample " + std::to_string(step) + " " + number_text(t0) + " " + number_text(t1));
        inner_->detect_and_sample(step, t0, t1);
    }
    void collect(recording& into) override {
        say("collect");
        inner_->collect(into);
    }
    std::optional<non_finite_value> find_non_finite() override {
        say("find_non_finite");
        return inner_->find_non_finite();
    }

private:
    void say(std::string call) { calls_.push_back(std::move(call)); }
    std::string mechanism(std::size_t m) const { return cells_.mechanisms[m].impl->info.name; }

    std::unique_ptr<backend> inner_;
    const lowered_cell& cells_;
    std::vector<std::string>& calls_;
};

} // namespace

std::unique_ptr<backend> make_recording_backend(std::unique_ptr<backend> inner, const lowered_cell& cells, std::vector<std::string>& calls) {
    return std::make_unique<recording_backend>(std::move(inner), cells, calls);
}

} // namespace cajal
