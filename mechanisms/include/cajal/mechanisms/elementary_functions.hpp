#pragma once
// exp, log and pow as generated mechanism code calls them (::exp, ::log,
// ::pow). On the CPU these names are bound to SLEEF's functions (Debian
// libsleef-dev; at most 1 ulp from the exact value), whose scalar and vector
// versions perform the same operations, FMA or not alike, and so give the
// same bits: an instance's result does not depend on the SIMD lane it falls
// in, nor therefore on the cells beside it in a thread's or a rank's group.
//
// The C names stay, so that GCC still knows them as pure built-ins that it
// may call on both sides of a branch and vectorise (GCC 12 if-converts calls
// to built-ins only); an assembler label sends the scalar call to SLEEF, and
// loops over instances marked `omp simd` call the vector versions defined
// below, named by GCC's vector function ABI after that label (b: 2 lanes of
// SSE, d: 4 of AVX2, e: 8 of AVX-512), for the instruction sets the
// translation unit is compiled for. Only generated code includes this (through
// nmodl_runtime.hpp). On the GPU the functions are CUDA's.

#include <cmath>

#if !defined(__CUDACC__)
#include <sleef.h>
#undef CONST   // sleef.h's macros
#undef IMPORT
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// The SLEEF family of a build: with FMA where AVX2 and FMA are there (their
// vector versions need both), else without. Vector versions on x86-64 with
// GCC, except where AVX comes without AVX2 and FMA (no family covers it).
#if defined(__FMA__) && defined(__AVX2__)
#define CAJAL_SLEEF_SCALAR(f) "Sleef_" #f "d1_u10purecfma"
#define CAJAL_SLEEF_VECTOR_FMA 1
#else
#define CAJAL_SLEEF_SCALAR(f) "Sleef_" #f "d1_u10purec"
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && (defined(CAJAL_SLEEF_VECTOR_FMA) || !defined(__AVX__))
#define CAJAL_SLEEF_SIMD __attribute__((__simd__("notinbranch")))
#else
#define CAJAL_SLEEF_SIMD
#endif

extern "C" {
double exp(double) noexcept __asm__(CAJAL_SLEEF_SCALAR(exp)) CAJAL_SLEEF_SIMD;
double log(double) noexcept __asm__(CAJAL_SLEEF_SCALAR(log)) CAJAL_SLEEF_SIMD;
double pow(double, double) noexcept __asm__(CAJAL_SLEEF_SCALAR(pow)) CAJAL_SLEEF_SIMD;
}

// The vector versions, `inline` and `used`: defined in every translation unit
// that includes this, whether a build's library or a model's compiled .mod folder.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CAJAL_SLEEF_VARIANT(isa, lanes, vector_type, scalar, sleef)                                                                  \
    extern "C" inline __attribute__((used)) vector_type _ZGV##isa##N##lanes##v_##scalar(vector_type x) { return sleef(x); }
#define CAJAL_SLEEF_VARIANT2(isa, lanes, vector_type, scalar, sleef)                                                                 \
    extern "C" inline __attribute__((used)) vector_type _ZGV##isa##N##lanes##vv_##scalar(vector_type x, vector_type y) {             \
        return sleef(x, y);                                                                                                            \
    }
#if defined(CAJAL_SLEEF_VECTOR_FMA)
CAJAL_SLEEF_VARIANT(b, 2, __m128d, Sleef_expd1_u10purecfma, Sleef_expd2_u10avx2128)
CAJAL_SLEEF_VARIANT(b, 2, __m128d, Sleef_logd1_u10purecfma, Sleef_logd2_u10avx2128)
CAJAL_SLEEF_VARIANT2(b, 2, __m128d, Sleef_powd1_u10purecfma, Sleef_powd2_u10avx2128)
CAJAL_SLEEF_VARIANT(d, 4, __m256d, Sleef_expd1_u10purecfma, Sleef_expd4_u10avx2)
CAJAL_SLEEF_VARIANT(d, 4, __m256d, Sleef_logd1_u10purecfma, Sleef_logd4_u10avx2)
CAJAL_SLEEF_VARIANT2(d, 4, __m256d, Sleef_powd1_u10purecfma, Sleef_powd4_u10avx2)
#if defined(__AVX512F__)
CAJAL_SLEEF_VARIANT(e, 8, __m512d, Sleef_expd1_u10purecfma, Sleef_expd8_u10avx512f)
CAJAL_SLEEF_VARIANT(e, 8, __m512d, Sleef_logd1_u10purecfma, Sleef_logd8_u10avx512f)
CAJAL_SLEEF_VARIANT2(e, 8, __m512d, Sleef_powd1_u10purecfma, Sleef_powd8_u10avx512f)
#endif
#elif !defined(__AVX__)
CAJAL_SLEEF_VARIANT(b, 2, __m128d, Sleef_expd1_u10purec, Sleef_expd2_u10sse2)
CAJAL_SLEEF_VARIANT(b, 2, __m128d, Sleef_logd1_u10purec, Sleef_logd2_u10sse2)
CAJAL_SLEEF_VARIANT2(b, 2, __m128d, Sleef_powd1_u10purec, Sleef_powd2_u10sse2)
#endif
#undef CAJAL_SLEEF_VARIANT
#undef CAJAL_SLEEF_VARIANT2
#endif
#undef CAJAL_SLEEF_SCALAR
#undef CAJAL_SLEEF_SIMD
#endif // !__CUDACC__
