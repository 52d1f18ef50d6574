// The CUDA backend's entry points: device discovery and the batched Hines solve.
#include <cajal/core/gpu.hpp>

#include <stdexcept>
#include <string>

#include <cuda_runtime.h>

#include <cajal/kernels/hines.hpp>

#include "../gpu_layout.hpp"
#include "cable_solver.cuh"
#include "device_buffer.cuh"

namespace cajal {

bool built_with_cuda() noexcept { return true; }

namespace {

// "12.4" from CUDA's 12040.
std::string cuda_version_text(int version) { return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10); }

// Why no device is usable, and what to do about it.
std::string unusable_reason(cudaError_t err) {
    int runtime = 0;
    cudaRuntimeGetVersion(&runtime);
    const std::string fallback = "; run with --backend cpu (or simulation.backend \"cpu\") to use the CPU";
    switch (err) {
    case cudaSuccess: return "no CUDA device found (none is visible to this process)" + fallback;
    case cudaErrorNoDevice: return "no CUDA device found (none is visible to this process: check CUDA_VISIBLE_DEVICES)" + fallback;
    case cudaErrorInsufficientDriver:
        return "no NVIDIA driver, or one older than this build's CUDA " + cuda_version_text(runtime) +
               " runtime needs; install or update the NVIDIA driver" + fallback;
    default: return std::string("no usable CUDA device: ") + cudaGetErrorString(err) + fallback;
    }
}

} // namespace

gpu_info query_gpu() {
    int count = 0;
    if (auto err = cudaGetDeviceCount(&count); err != cudaSuccess || count == 0) {
        cudaGetLastError();  // clear the sticky error from a failed query
        return {false, unusable_reason(err)};
    }
    int dev = 0;
    cuda_check(cudaGetDevice(&dev), "cudaGetDevice");
    cudaDeviceProp prop{};
    cuda_check(cudaGetDeviceProperties(&prop, dev), "cudaGetDeviceProperties");
    return {true, prop.name, prop.major, prop.minor, prop.totalGlobalMem};
}

void select_gpu(int index) {
    int count = 0;
    if (cudaGetDeviceCount(&count) != cudaSuccess || count == 0) {
        cudaGetLastError();
        return;
    }
    cuda_check(cudaSetDevice(index % count), "cudaSetDevice");
}

namespace {

// One thread per cell: cells of a few hundred to a few thousand CVs each.
__global__ void hines_solve_cells(std::size_t num_cells, const std::size_t* cell_begin, const std::ptrdiff_t* p,
                                  const double* u, double* d, double* b) {
    const std::size_t c = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (c >= num_cells) return;
    kernels::hines_solve_cell(static_cast<std::ptrdiff_t>(cell_begin[c]), static_cast<std::ptrdiff_t>(cell_begin[c + 1]), p, u, d, b);
}

} // namespace

void solve_gpu(hines_system& s) {
    if (auto info = query_gpu(); !info.available) throw std::runtime_error(info.name);
    validate(s);
    device_buffer<std::size_t> cell_begin(s.cell_begin);
    device_buffer<std::ptrdiff_t> parent(s.parent);
    device_buffer<double> u(s.u), d(s.d), b(s.b);
    const auto cells = s.num_cells();
    constexpr unsigned block = 128;
    const auto grid = static_cast<unsigned>((cells + block - 1) / block);
    if (grid > 0) hines_solve_cells<<<grid, block>>>(cells, cell_begin.data(), parent.data(), u.data(), d.data(), b.data());
    cuda_check(cudaGetLastError(), "hines_solve_cells launch");
    d.copy_to(s.d);
    b.copy_to(s.b);
}

std::vector<double> cable_step_gpu(const cable_step_problem& p) {
    if (auto info = query_gpu(); !info.available) throw std::runtime_error(info.name);
    const auto n = p.parent.size();
    for (const auto* a: {&p.capacitance, &p.axial, &p.i_membrane, &p.g_membrane, &p.v}) {
        if (a->size() != n) throw std::invalid_argument("cable_step_gpu: every per-CV array must have one value per row");
    }
    const auto layout = make_gpu_layout(p.parent, p.cell_begin, {p.block_min_rows, p.interleave_min_cells});
    // Padding rows: unit capacitance, everything else zero.
    device_buffer<double> cap(to_device_order(layout, p.capacitance, 1.0)), axial(to_device_order(layout, p.axial, 0.0)),
        i_m(to_device_order(layout, p.i_membrane, 0.0)), g_m(to_device_order(layout, p.g_membrane, 0.0)),
        v(to_device_order(layout, p.v, 0.0));
    device_cable_solver solver(layout);
    solver.step(p.cj, p.factor, cap.data(), axial.data(), i_m.data(), g_m.data(), v.data());
    cuda_check(cudaDeviceSynchronize(), "cable step");
    std::vector<double> v_device;
    v.copy_to(v_device);
    return to_host_order(layout, v_device);
}

} // namespace cajal
