// The device's memory bandwidth as a device-to-device copy achieves it: the
// roofline the GPU backend's throughput is measured against. Prints one JSON
// line; a copy of N bytes moves 2N (read and write).
#include <cstdio>

#include <cuda_runtime.h>

int main() {
    constexpr std::size_t bytes = std::size_t{1} << 30;
    void *a = nullptr, *b = nullptr;
    if (cudaMalloc(&a, bytes) != cudaSuccess || cudaMalloc(&b, bytes) != cudaSuccess) {
        std::fprintf(stderr, "gpu_copy_bandwidth: no usable CUDA device or not enough memory\n");
        return 1;
    }
    cudaMemcpy(b, a, bytes, cudaMemcpyDeviceToDevice);   // warm-up
    cudaEvent_t start, stop;
    cudaEventCreate(&start);
    cudaEventCreate(&stop);
    constexpr int repeats = 20;
    cudaEventRecord(start);
    for (int r = 0; r < repeats; ++r) cudaMemcpy(r % 2 ? a : b, r % 2 ? b : a, bytes, cudaMemcpyDeviceToDevice);
    cudaEventRecord(stop);
    cudaEventSynchronize(stop);
    float ms = 0;
    cudaEventElapsedTime(&ms, start, stop);
    const double gb_per_s = 2.0 * double(bytes) * repeats / (double(ms) * 1e-3) / 1e9;
    std::printf("{\"copy_bandwidth_gb_per_s\": %.1f}\n", gb_per_s);
    cudaFree(a);
    cudaFree(b);
    return 0;
}
