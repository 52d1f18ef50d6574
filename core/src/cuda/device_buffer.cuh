#pragma once
// An owning device array with host copies, and CUDA error checking.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <cuda_runtime.h>

namespace cajal {

inline void cuda_check(cudaError_t err, const char* what) {
    if (err != cudaSuccess) throw std::runtime_error(std::string("CUDA error in ") + what + ": " + cudaGetErrorString(err));
}

template <typename T>
class device_buffer {
public:
    explicit device_buffer(const std::vector<T>& host): size_(host.size()) {
        if (size_ == 0) return;
        cuda_check(cudaMalloc(&ptr_, size_ * sizeof(T)), "cudaMalloc");
        cuda_check(cudaMemcpy(ptr_, host.data(), size_ * sizeof(T), cudaMemcpyHostToDevice), "cudaMemcpy to device");
    }
    // Uninitialised storage for `size` elements.
    explicit device_buffer(std::size_t size): size_(size) {
        if (size_ > 0) cuda_check(cudaMalloc(&ptr_, size_ * sizeof(T)), "cudaMalloc");
    }
    device_buffer(const device_buffer&) = delete;
    device_buffer& operator=(const device_buffer&) = delete;
    device_buffer(device_buffer&& other) noexcept: size_(other.size_), ptr_(other.ptr_) {
        other.size_ = 0;
        other.ptr_ = nullptr;
    }
    device_buffer& operator=(device_buffer&& other) noexcept {
        std::swap(size_, other.size_);
        std::swap(ptr_, other.ptr_);
        return *this;
    }
    ~device_buffer() { if (ptr_) cudaFree(ptr_); }

    T* data() noexcept { return ptr_; }
    const T* data() const noexcept { return ptr_; }
    std::size_t size() const noexcept { return size_; }

    void copy_to(std::vector<T>& host) const {
        host.resize(size_);
        if (size_ == 0) return;
        cuda_check(cudaMemcpy(host.data(), ptr_, size_ * sizeof(T), cudaMemcpyDeviceToHost), "cudaMemcpy to host");
    }

private:
    std::size_t size_ = 0;
    T* ptr_ = nullptr;
};

} // namespace cajal
