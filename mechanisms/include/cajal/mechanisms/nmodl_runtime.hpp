#pragma once
// What the C++ and CUDA code that cajal-nmodl generates from .mod files calls:
// NMODL's math functions and the Newton solver of the implicit methods
// (derivimplicit, sparse, STEADYSTATE, NONLINEAR). Everything here runs on the
// CPU and on the GPU, so both backends compute the same numbers.

#include <cmath>
#include <cstddef>
#include <limits>

#include <cajal/kernels/host_device.hpp>
#include <cajal/mechanisms/elementary_functions.hpp>
#include <cajal/mechanisms/mechanism_view.hpp>


namespace cajal::nmodl_runtime {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

// NMODL's x^y (exp, log and pow: elementary_functions.hpp).
CAJAL_HOST_DEVICE double power(double base, double exponent) { return ::pow(base, exponent); }

// Adds to a per-CV accumulator that only this instance touches (density
// mechanisms: one instance per CV).
CAJAL_HOST_DEVICE void add(double* target, double x) { *target += x; }

// Adds to a per-CV accumulator that other instances may touch at the same
// time on the GPU (point processes sharing a CV).
CAJAL_HOST_DEVICE void accumulate(double* target, double x) {
#if defined(__CUDA_ARCH__)
    atomicAdd(target, x);
#else
    *target += x;
#endif
}

// Appends an event request (net_send, net_move, net_event).
CAJAL_HOST_DEVICE void request(const event_request_buffer& buffer, event_request_kind kind, std::size_t instance, double time,
                               double flag, int connection) {
#if defined(__CUDA_ARCH__)
    const unsigned k = atomicAdd(buffer.count, 1u);
#else
    const unsigned k = (*buffer.count)++;
#endif
    if (k < buffer.capacity) buffer.requests[k] = {kind, static_cast<int>(instance), time, flag, connection};
}

// The `^` operator.

// The `%` operator, as C's fmod.
CAJAL_HOST_DEVICE double modulo(double a, double b) { return ::fmod(a, b); }

// NEURON's fixed-step at_time(): events at given times need no step
// adjustment there, so it is always false.
CAJAL_HOST_DEVICE double at_time(double) { return 0.0; }

// Solves a·x = b in place for an n×n row-major matrix by Gaussian elimination
// with partial pivoting; b becomes x. Returns false for a singular matrix.
CAJAL_HOST_DEVICE bool solve_dense(int n, double* a, double* b) {
    for (int k = 0; k < n; ++k) {
        int pivot = k;
        for (int r = k + 1; r < n; ++r) {
            if (::fabs(a[r * n + k]) > ::fabs(a[pivot * n + k])) pivot = r;
        }
        if (a[pivot * n + k] == 0.0) return false;
        if (pivot != k) {
            for (int c = 0; c < n; ++c) {
                const double t = a[k * n + c];
                a[k * n + c] = a[pivot * n + c];
                a[pivot * n + c] = t;
            }
            const double t = b[k];
            b[k] = b[pivot];
            b[pivot] = t;
        }
        for (int r = k + 1; r < n; ++r) {
            const double f = a[r * n + k] / a[k * n + k];
            if (f == 0.0) continue;
            for (int c = k; c < n; ++c) a[r * n + c] -= f * a[k * n + c];
            b[r] -= f * b[k];
        }
    }
    for (int k = n - 1; k >= 0; --k) {
        double s = b[k];
        for (int c = k + 1; c < n; ++c) s -= a[k * n + c] * b[c];
        b[k] = s / a[k * n + k];
    }
    return true;
}

// Newton's method for residual(x) = 0 with N unknowns, from the x given; the
// Jacobian by forward differences. Stops when no unknown moves by more than
// 1e-12 relative (plus 1e-15 absolute), after at most 50 iterations; the
// residual's last evaluation is at the returned x. Returns
// false when the Jacobian is singular or the iteration does not converge.
template <int N, class Residual>
CAJAL_HOST_DEVICE bool newton(const Residual& residual, double* x) {
    double f[N], f_step[N], jacobian[N * N];
    for (int iteration = 0; iteration < 50; ++iteration) {
        residual(x, f);
        for (int j = 0; j < N; ++j) {
            const double saved = x[j];
            const double h = 1e-7 * ::fabs(saved) + 1e-12;
            x[j] = saved + h;
            residual(x, f_step);
            x[j] = saved;
            for (int r = 0; r < N; ++r) jacobian[r * N + j] = (f_step[r] - f[r]) / h;
        }
        for (int r = 0; r < N; ++r) f[r] = -f[r];
        if (!solve_dense(N, jacobian, f)) return false;
        bool converged = true;
        for (int j = 0; j < N; ++j) {
            x[j] += f[j];
            if (::fabs(f[j]) > 1e-12 * ::fabs(x[j]) + 1e-15) converged = false;
        }
        if (converged) {
            // Once more at the solution: the block's assignments (a pump's
            // current, say) must belong to it, not to a Jacobian probe.
            residual(x, f);
            return true;
        }
    }
    return false;
}

} // namespace cajal::nmodl_runtime
