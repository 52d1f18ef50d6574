#pragma once
// What a backend supplies to the one time loop (time_loop.cpp): the state of
// a lowered cell group where it steps (host or device memory) and the
// primitive operations on it. The loop decides what runs when, so the
// backends cannot differ in order.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <cajal/kernels/waveform.hpp>
#include <cajal/mechanisms/mechanism_view.hpp>

#include "lowered_cell.hpp"

namespace cajal {

enum class mechanism_phase { initialize, compute_currents, advance_state, check_watches };

// A state value that is NaN or infinite: which array, which element (its CV,
// or its instance for a mechanism field), host order.
struct non_finite_value {
    enum class array { voltage, ion_internal, ion_external, field };
    array where = array::voltage;
    std::size_t owner = 0;     // the ion or the mechanism (index in the group)
    std::size_t field = 0;     // the mechanism's instance-field index
    std::size_t element = 0;
    double value = 0;
};

// A detector's crossing, found by a backend.
struct crossing {
    std::size_t detector = 0;  // index into lowered_cell::detectors
    double time = 0;
};

// What a backend has recorded since the run's start: threshold crossings in
// time order (then by detector), and per bound probe its sample times and values.
struct recording {
    std::vector<crossing> crossings;
    std::vector<std::vector<double>> times, values;   // per bound probe
};

class backend {
public:
    virtual ~backend() = default;

    virtual std::string name() const = 0;        // "cpu" or "gpu"
    virtual std::string device() const = 0;      // the GPU's name and memory; empty on the CPU
    virtual std::size_t memory_bytes() const = 0;

    // v = v_init; concentrations and connection rows as a run starts them.
    virtual void reset_state() = 0;
    // Zero the membrane and ion current and conductance accumulators.
    virtual void clear_currents() = 0;
    // Nernst potentials where reversal potentials follow concentrations.
    virtual void update_reversals() = 0;
    // Every played parameter (lowered_cell::plays) set as NEURON's Vector.play leaves it `when`.
    virtual void play(kernels::play_time when) = 0;
    // One phase of mechanism `mechanism` (index in the group), evaluated at time t.
    virtual void run_mechanism(mechanism_phase phase, std::size_t mechanism, double t) = 0;
    // NET_RECEIVE's INITIAL for every connection into mechanism `mechanism`.
    virtual void initialize_connections(std::size_t mechanism) = 0;
    // NET_RECEIVE for the given events, at the start of the step at t.
    virtual void deliver_events(std::size_t mechanism, const std::vector<mechanism_event>& events, double t) = 0;
    // The requests (net_send, net_move, net_event) the last kernel sent,
    // copied into lowered_cell::requests and request_count.
    virtual void drain_requests() = 0;
    // Assemble and solve the cable equation; v += factor · dv.
    virtual void solve_cable(double cj, double factor) = 0;
    // Where they are recorded (lowered_cell::step_currents): each CV's
    // membrane current and its capacitive part (NEURON's i_membrane_ and
    // i_cap) from the solve just made with `cj`, or as initialisation leaves
    // them (kernels/membrane_current.hpp).
    virtual void membrane_currents_after_solve(double cj) = 0;
    virtual void membrane_currents_at_start() = 0;
    // Record the samples due at `step` (time `step · dt`) and, for step > 0,
    // the threshold crossings of the step from t0 to t1.
    virtual void detect_and_sample(std::size_t step, double t0, double t1) = 0;
    // Everything detected and sampled so far, moved into `into`.
    virtual void collect(recording& into) = 0;
    // The first non-finite value of the state (v, concentrations that change,
    // mechanism states), if any.
    virtual std::optional<non_finite_value> find_non_finite() = 0;
};

// The CPU backend over the group's host arrays.
std::unique_ptr<backend> make_cpu_backend(lowered_cell& c);

// The CUDA backend; throws environment_error when no GPU is usable or cajal
// was built without CUDA, model_error when a mechanism has no GPU kernels.
std::unique_ptr<backend> make_gpu_backend(lowered_cell& c);

} // namespace cajal
