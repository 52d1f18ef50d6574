// The GPU time loop's per-step kernels (see step_kernels.hpp).
#include "step_kernels.hpp"

#include <cuda_runtime.h>

#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/nernst.hpp>
#include <cajal/kernels/waveform.hpp>

#include "device_buffer.cuh"

namespace cajal::gpu {

namespace {

constexpr unsigned block_size = 256;

unsigned blocks_for(std::size_t n) { return static_cast<unsigned>((n + block_size - 1) / block_size); }

__global__ void clear_kernel(double* const* accumulators, std::size_t count, std::size_t rows) {
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (i < rows) {
        for (std::size_t k = 0; k < count; ++k) accumulators[k][i] = 0.0;
    }
}

__global__ void end_step_kernel(detector_arrays detectors, spike_buffer spikes, bool detect, double t0, double t1, const double* v,
                                sample_arrays samples, std::size_t step, std::size_t slot) {
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (i < detectors.count) {
        const double v0 = detectors.v_before[i], v1 = v[detectors.row[i]], threshold = detectors.threshold[i];
        if (detect && v0 < threshold && v1 >= threshold) {
            const unsigned k = atomicAdd(spikes.count, 1u);
            if (k < spikes.capacity) spikes.records[k] = {static_cast<unsigned>(i), kernels::crossing_time(t0, v0, t1, v1, threshold)};
        }
        detectors.v_before[i] = v1;
    }
    if (i < samples.count && step % samples.every[i] == 0) samples.values[slot * samples.count + i] = *samples.source[i] * samples.scale[i];
}

__global__ void membrane_currents_kernel(std::size_t rows, kernels::membrane_current_arrays arrays, bool at_start) {
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (i >= rows) return;
    if (at_start) {
        kernels::membrane_currents_at_start(i, arrays);
    } else {
        kernels::membrane_currents_after_solve(i, arrays);
    }
}

__global__ void update_reversal_kernel(std::size_t rows, double valence, double celsius, const unsigned char* follows, const double* internal,
                                       const double* external, double* reversal) {
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (i < rows && follows[i]) reversal[i] = kernels::nernst(internal[i], external[i], valence, celsius);
}

__global__ void play_kernel(play_arrays plays, kernels::play_time when) {
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (i < plays.count) kernels::play_parameter(i, plays.shapes, plays.targets, plays.series_times, plays.series_values, when);
}

// blockIdx.y picks the array; the grid's x dimension covers the longest.
__global__ void find_non_finite_kernel(const scanned_array* arrays, std::size_t first, unsigned long long* result) {
    const std::size_t k = first + blockIdx.y;
    const scanned_array a = arrays[k];
    const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
    if (i < a.size && !isfinite(a.data[i])) atomicMin(result, (static_cast<unsigned long long>(k) << 40) | i);
}

} // namespace

void clear_accumulators(double* const* accumulators, std::size_t count, std::size_t rows) {
    if (rows == 0 || count == 0) return;
    clear_kernel<<<blocks_for(rows), block_size>>>(accumulators, count, rows);
    cuda_check(cudaGetLastError(), "clear_accumulators launch");
}

void end_step(detector_arrays detectors, spike_buffer spikes, bool detect, double t0, double t1, const double* v, sample_arrays samples,
              std::size_t step, std::size_t slot) {
    const auto n = samples.count > detectors.count ? samples.count : detectors.count;
    if (n == 0) return;
    end_step_kernel<<<blocks_for(n), block_size>>>(detectors, spikes, detect, t0, t1, v, samples, step, slot);
    cuda_check(cudaGetLastError(), "end_step launch");
}

void membrane_currents(std::size_t rows, const kernels::membrane_current_arrays& arrays, bool at_start) {
    if (rows == 0) return;
    membrane_currents_kernel<<<blocks_for(rows), block_size>>>(rows, arrays, at_start);
    cuda_check(cudaGetLastError(), "membrane_currents launch");
}

void update_reversal(std::size_t rows, double valence, double celsius, const unsigned char* follows, const double* internal,
                     const double* external, double* reversal) {
    if (rows == 0) return;
    update_reversal_kernel<<<blocks_for(rows), block_size>>>(rows, valence, celsius, follows, internal, external, reversal);
    cuda_check(cudaGetLastError(), "update_reversal launch");
}

void play(const play_arrays& plays, kernels::play_time when) {
    if (plays.count == 0) return;
    play_kernel<<<blocks_for(plays.count), block_size>>>(plays, when);
    cuda_check(cudaGetLastError(), "play launch");
}

void find_non_finite(const scanned_array* arrays, std::size_t count, std::size_t longest, unsigned long long* result) {
    if (count == 0 || longest == 0) return;
    constexpr std::size_t max_grid_y = 65535;
    for (std::size_t first = 0; first < count; first += max_grid_y) {
        const auto n = count - first < max_grid_y ? count - first : max_grid_y;
        const dim3 grid(blocks_for(longest), static_cast<unsigned>(n));
        find_non_finite_kernel<<<grid, block_size>>>(arrays, first, result);
        cuda_check(cudaGetLastError(), "find_non_finite launch");
    }
}

} // namespace cajal::gpu
