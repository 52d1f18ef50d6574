#pragma once
// Marks functions compiled for both the CPU and the GPU.
#if defined(__CUDACC__)
#define CAJAL_HOST_DEVICE __host__ __device__ inline
#else
#define CAJAL_HOST_DEVICE inline
#endif
