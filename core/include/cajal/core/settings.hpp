#pragma once
// How a simulation runs: one set of settings for every cell it holds.

namespace cajal {

enum class integration_method { backward_euler, crank_nicolson };

// Where a run steps: the CPU, an NVIDIA GPU, or the GPU when one is usable
// and the CPU otherwise. Asking for `gpu` without one is an error.
enum class backend_kind { cpu, gpu, automatic };

// When a cell's spike happens: at the threshold crossing interpolated within
// its step (cajal's rule), or at the end of that step (NEURON's fixed step,
// whose spike detection compares v at step ends). Events act from the step
// that contains spike time + delay either way.
enum class spike_timing { interpolated, step_end };

struct simulation_settings {
    double tstop = 100;      // ms; a whole number of steps
    double dt = 0.025;       // ms
    integration_method method = integration_method::backward_euler;
    double celsius = 6.3;    // °C, for every mechanism of every cell
    backend_kind backend = backend_kind::cpu;
    spike_timing timing = spike_timing::interpolated;
    // ms between spike exchanges. 0: the minimum delay of connections from
    // cells in one process; on several ranks half of it where that is at
    // least dt, so that each exchange overlaps the next epoch's computation.
    // Longer than that minimum delay is an error.
    double epoch = 0;
    // Threads stepping this process's cells on the CPU; 0: as many as the
    // cores the process may run on. The results do not depend on it.
    unsigned threads = 0;
};

} // namespace cajal
