#pragma once
// Device arrays that live as long as one GPU run: uploaded once from host
// vectors, freed together, their bytes counted.

#include <cstddef>
#include <memory>
#include <vector>

#include <cuda_runtime.h>

#include "device_buffer.cuh"

namespace cajal::gpu {

class device_arena {
public:
    // A device copy of `host`; null for an empty vector.
    template <typename T>
    T* upload(const std::vector<T>& host) {
        if (host.empty()) return nullptr;
        T* p = allocate<T>(host.size());
        cuda_check(cudaMemcpy(p, host.data(), host.size() * sizeof(T), cudaMemcpyHostToDevice), "cudaMemcpy to device");
        return p;
    }

    // `count` uninitialised elements.
    template <typename T>
    T* allocate(std::size_t count) {
        void* p = nullptr;
        cuda_check(cudaMalloc(&p, count * sizeof(T)), "cudaMalloc");
        blocks_.emplace_back(p);
        bytes_ += count * sizeof(T);
        return static_cast<T*>(p);
    }

    std::size_t bytes() const noexcept { return bytes_; }

private:
    struct cuda_free {
        void operator()(void* p) const noexcept { cudaFree(p); }
    };
    std::vector<std::unique_ptr<void, cuda_free>> blocks_;
    std::size_t bytes_ = 0;
};

} // namespace cajal::gpu
