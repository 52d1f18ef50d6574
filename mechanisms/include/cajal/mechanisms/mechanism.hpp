#pragma once
// A mechanism implementation for one backend: its description and its kernels.

#include <cstddef>
#include <memory>

#include <cajal/mechanisms/mechanism_info.hpp>
#include <cajal/mechanisms/mechanism_view.hpp>

namespace cajal {

struct mechanism_kernels {
    // States at steady state (or as INITIAL says) for the initial v.
    void (*initialize)(const mechanism_view&) = nullptr;
    // Add each instance's current and dI/dv at v to the CV (and ion) accumulators.
    void (*compute_currents)(const mechanism_view&) = nullptr;
    // Advance the states from t to t + dt with the new v.
    void (*advance_state)(const mechanism_view&) = nullptr;
    // Apply events (NET_RECEIVE); null for mechanisms without.
    void (*deliver_events)(const mechanism_view&, const mechanism_event* events, std::size_t count) = nullptr;
    // Run NET_RECEIVE's INITIAL block for each connection (instance and row;
    // time and flag unused) at the start of a run; null for mechanisms without.
    void (*initialize_connections)(const mechanism_view&, const mechanism_event* connections, std::size_t count) = nullptr;
    // After each step, at its end time: send the self-events of WATCH
    // conditions that turned true; null for mechanisms without WATCH.
    void (*check_watches)(const mechanism_view&) = nullptr;
};

struct mechanism_implementation {
    mechanism_info info;
    mechanism_kernels cpu;
    // CUDA kernels launched on the default stream, taking views of device
    // memory; all null where cajal was built without CUDA or the mechanism
    // was loaded without its CUDA code.
    mechanism_kernels gpu;
    bool has_gpu_kernels() const noexcept { return gpu.initialize || gpu.compute_currents || gpu.advance_state || gpu.deliver_events; }
};

} // namespace cajal
