// The GPU time loop's per-step kernels (see step_kernels.hpp).
#include "step_kernels.hpp"

#include <cuda_runtime.h>

#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/nernst.hpp>

#include "device_buffer.cuh"

namespace cajal::gpu {

namespace {

constexpr unsigned block_size = 256;

unsigned blocks_for(std::size_t n) { return static_cast<unsigned>((n + block_size - 1) / block_size); }

__global__ void begin_step_kernel(double* const* accumulators, std::size_t count, std::size_t rows, detector_arrays detectors,
                                  const double* v) {
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (i < rows) {
        for (std::size_t k = 0; k < count; ++k) accumulators[k][i] = 0.0;
    }
    if (i < detectors.count) detectors.v_before[i] = v[detectors.row[i]];
}

__global__ void end_step_kernel(detector_arrays detectors, spike_buffer spikes, bool detect, double t0, double t1, const double* v,
                                sample_arrays samples, std::size_t step, std::size_t slot) {
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (detect && i < detectors.count) {
        const double v0 = detectors.v_before[i], v1 = v[detectors.row[i]], threshold = detectors.threshold[i];
        if (v0 < threshold && v1 >= threshold) {
            const unsigned k = atomicAdd(spikes.count, 1u);
            if (k < spikes.capacity) spikes.records[k] = {static_cast<unsigned>(i), kernels::crossing_time(t0, v0, t1, v1, threshold)};
        }
    }
    if (i < samples.count && step % samples.every[i] == 0) samples.values[slot * samples.count + i] = *samples.source[i];
}

__global__ void update_reversal_kernel(std::size_t rows, double valence, double celsius, const double* internal, const double* external,
                                       double* reversal) {
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (i < rows) reversal[i] = kernels::nernst(internal[i], external[i], valence, celsius);
}

} // namespace

void begin_step(double* const* accumulators, std::size_t count, std::size_t rows, detector_arrays detectors, const double* v) {
    const auto n = rows > detectors.count ? rows : detectors.count;
    if (n == 0) return;
    begin_step_kernel<<<blocks_for(n), block_size>>>(accumulators, count, rows, detectors, v);
    cuda_check(cudaGetLastError(), "begin_step launch");
}

void end_step(detector_arrays detectors, spike_buffer spikes, bool detect, double t0, double t1, const double* v, sample_arrays samples,
              std::size_t step, std::size_t slot) {
    const auto n = samples.count > detectors.count ? samples.count : detectors.count;
    if (n == 0) return;
    end_step_kernel<<<blocks_for(n), block_size>>>(detectors, spikes, detect, t0, t1, v, samples, step, slot);
    cuda_check(cudaGetLastError(), "end_step launch");
}

void update_reversal(std::size_t rows, double valence, double celsius, const double* internal, const double* external, double* reversal) {
    if (rows == 0) return;
    update_reversal_kernel<<<blocks_for(rows), block_size>>>(rows, valence, celsius, internal, external, reversal);
    cuda_check(cudaGetLastError(), "update_reversal launch");
}

} // namespace cajal::gpu
