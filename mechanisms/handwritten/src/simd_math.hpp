#pragma once
// Lets loops marked `#pragma omp simd` call glibc's vector exp (libmvec, accurate
// to a few ulp) instead of one scalar exp per instance: gating kernels spend most
// of their time in exp. Other toolchains keep the scalar call.

#include <cmath>

#if defined(__GLIBC__) && defined(__x86_64__) && !defined(__clang__) && !defined(__CUDACC__)
extern "C" double exp(double) noexcept __attribute__((__simd__("notinbranch")));
#endif
