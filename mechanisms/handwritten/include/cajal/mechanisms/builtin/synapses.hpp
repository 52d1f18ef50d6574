#pragma once
// NEURON's point processes: IClamp (a current step), ExpSyn and Exp2Syn
// (conductance synapses driven by events). Point processes work in nA and µS.

#include <cmath>

#include <cajal/kernels/host_device.hpp>
#include <cajal/mechanisms/mechanism_view.hpp>

namespace cajal::builtin {

namespace iclamp {
enum field { del, dur, amp, i };

// An electrode current: positive amp depolarises, so it enters as -amp outward.
CAJAL_HOST_DEVICE void compute_currents(const mechanism_view& p, std::size_t k) {
    double* const* f = p.fields;
    f[i][k] = (p.t < f[del][k] + f[dur][k] && p.t >= f[del][k]) ? f[amp][k] : 0.0;
    p.current[p.cv[k]] -= f[i][k];
    if (p.electrode_current) p.electrode_current[p.cv[k]] -= f[i][k];
}
} // namespace iclamp

namespace expsyn {
enum field { tau, e, g, i };

CAJAL_HOST_DEVICE void compute_currents(const mechanism_view& p, std::size_t k) {
    double* const* f = p.fields;
    const int c = p.cv[k];
    f[i][k] = f[g][k] * (p.v[c] - f[e][k]);
    p.current[c] += f[i][k];
    p.conductance[c] += f[g][k];
}

CAJAL_HOST_DEVICE void advance_state(const mechanism_view& p, std::size_t k) {
    p.fields[g][k] *= std::exp(-p.dt / p.fields[tau][k]);
}
} // namespace expsyn

namespace exp2syn {
enum field { tau1, tau2, e, A, B, g, i, factor };

// The rise time is clamped as NEURON does, and the weight normalised so that a
// single event of weight w peaks at conductance w.
CAJAL_HOST_DEVICE void initialize(const mechanism_view& p, std::size_t k) {
    double* const* f = p.fields;
    if (f[tau1][k] / f[tau2][k] > .9999) f[tau1][k] = .9999 * f[tau2][k];
    if (f[tau1][k] / f[tau2][k] < 1e-9) f[tau1][k] = f[tau2][k] * 1e-9;
    f[A][k] = 0;
    f[B][k] = 0;
    const double tp = (f[tau1][k] * f[tau2][k]) / (f[tau2][k] - f[tau1][k]) * std::log(f[tau2][k] / f[tau1][k]);
    f[factor][k] = 1 / (-std::exp(-tp / f[tau1][k]) + std::exp(-tp / f[tau2][k]));
}

CAJAL_HOST_DEVICE void compute_currents(const mechanism_view& p, std::size_t k) {
    double* const* f = p.fields;
    const int c = p.cv[k];
    f[g][k] = f[B][k] - f[A][k];
    f[i][k] = f[g][k] * (p.v[c] - f[e][k]);
    p.current[c] += f[i][k];
    p.conductance[c] += f[g][k];
}

CAJAL_HOST_DEVICE void advance_state(const mechanism_view& p, std::size_t k) {
    p.fields[A][k] *= std::exp(-p.dt / p.fields[tau1][k]);
    p.fields[B][k] *= std::exp(-p.dt / p.fields[tau2][k]);
}
} // namespace exp2syn

} // namespace cajal::builtin
