#pragma once
// Running one cell on the CPU backend: lowering a cell_model to flat arrays and
// stepping it as NEURON's fixed step does (see docs/numerics.md).

#include <cajal/support/errors.hpp>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <cajal/core/cell_model.hpp>
#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

// A model that cannot be lowered: unknown mechanism or field, a probe on a
// mechanism that is not there, and so on.
class model_error: public input_error {
    using input_error::input_error;
};

struct trace {
    std::string name;
    std::string units;
    std::vector<double> times;   // ms
    std::vector<double> values;
};

struct spike {
    std::string detector;        // a detector's name, or the label of a point process that sent net_event
    double time = 0;             // ms, interpolated threshold crossing
    std::size_t cell = 0;        // the cell's index in its group
};

struct run_statistics {
    std::string backend = "cpu";   // "cpu" or "gpu": where the run stepped
    std::string device;            // the GPU's name and memory; empty on the CPU
    std::size_t cvs = 0;
    std::size_t steps = 0;
    std::map<std::string, std::size_t> instances;  // per mechanism
    std::size_t memory_bytes = 0;   // the lowered cell's arrays: cable, mechanisms, ions
    double lower_seconds = 0, initialize_seconds = 0, integrate_seconds = 0;
    double cv_steps_per_second() const { return integrate_seconds > 0 ? double(cvs) * double(steps) / integrate_seconds : 0; }
};

struct run_result {
    std::vector<trace> traces;
    std::vector<spike> spikes;   // in time order
    run_statistics stats;
};

// Called now and then while integrating: current time and stop time (ms).
using progress_callback = std::function<void(double t, double tstop)>;

// One cell, or a group of independent cells stepped together (sharing dt, tstop,
// method, celsius and ions), their arrays concatenated.
class cell_simulation {
public:
    cell_simulation(const cell_model& model, const mechanism_catalogue& catalogue);
    cell_simulation(const std::vector<cell_model>& models, const mechanism_catalogue& catalogue);
    ~cell_simulation();
    cell_simulation(const cell_simulation&) = delete;
    cell_simulation& operator=(const cell_simulation&) = delete;

    // The whole run, from t = 0 to tstop.
    run_result run(const progress_callback& progress = {});

    // The same in pieces, for networks: start() at t = 0, then advance_to()
    // as often as needed, events queued in between, and finish().
    void start();
    // Steps while a step's end is not past t (and not past tstop).
    void advance_to(double t, const progress_callback& progress = {});
    double time() const;
    // A connection into the point process labelled `label` on cell `cell` of
    // the group (NEURON's NetCon), made before start(): its events carry
    // `weight` and NET_RECEIVE's further arguments, which the mechanism keeps
    // per connection and which start each run at 0 (or as NET_RECEIVE's
    // INITIAL sets them). Throws model_error for an unknown cell or label or a
    // process that takes no events.
    std::size_t connect(std::size_t cell, const std::string& label, double weight);
    // An event on a connection, delivered at the step containing `time`
    // (which must not be earlier than the current time).
    void queue_event(std::size_t connection, double time);
    // Spikes found since the last call (or since start()), in time order.
    std::vector<spike> take_new_spikes();
    // The result: traces, all spikes in time order, statistics.
    run_result finish();

private:
    struct state;
    std::unique_ptr<state> state_;
};

} // namespace cajal
