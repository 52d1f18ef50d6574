#pragma once
// What every mechanism compiled with its CUDA code must satisfy.

#include <catch2/catch.hpp>

#include <cajal/mechanisms/mechanism.hpp>

namespace cajal::test {

// Each GPU kernel exists exactly where its CPU counterpart does.
inline void check_gpu_kernels_mirror_cpu(const mechanism_implementation& m) {
    CHECK((m.gpu.initialize != nullptr) == (m.cpu.initialize != nullptr));
    CHECK((m.gpu.compute_currents != nullptr) == (m.cpu.compute_currents != nullptr));
    CHECK((m.gpu.advance_state != nullptr) == (m.cpu.advance_state != nullptr));
    CHECK((m.gpu.deliver_events != nullptr) == (m.cpu.deliver_events != nullptr));
    CHECK((m.gpu.initialize_connections != nullptr) == (m.cpu.initialize_connections != nullptr));
    CHECK((m.gpu.check_watches != nullptr) == (m.cpu.check_watches != nullptr));
}

} // namespace cajal::test
