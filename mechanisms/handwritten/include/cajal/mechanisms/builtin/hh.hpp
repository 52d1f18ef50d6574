#pragma once
// NEURON's hh: squid-axon sodium, potassium and leak currents. Per-instance
// element functions, looped by the CPU backend and launched by the CUDA backend.

#include <cajal/mechanisms/builtin/hh_rates.hpp>
#include <cajal/mechanisms/mechanism_view.hpp>

namespace cajal::builtin::hh {

// Instance fields, in mechanism_info order: parameters, states, assigned.
enum field { gnabar, gkbar, gl, el, gating_vshift, m, h, n, gna, gk, ina, ik, il };
enum ion { na, k };

// The voltage the gates see (docs/nmodl.md, "Shifting the gating voltage").
CAJAL_HOST_DEVICE double gating_voltage(const mechanism_view& p, std::size_t i) { return p.v[p.cv[i]] - p.fields[gating_vshift][i]; }

CAJAL_HOST_DEVICE void initialize(const mechanism_view& p, std::size_t i, double q10) {
    const auto r = hh_rates(gating_voltage(p, i), q10);
    p.fields[m][i] = r.minf;
    p.fields[h][i] = r.hinf;
    p.fields[n][i] = r.ninf;
}

// Currents and conductances of instance i at the present v, into its own fields.
CAJAL_HOST_DEVICE void compute_currents(const mechanism_view& p, std::size_t i) {
    double* const* f = p.fields;
    const int c = p.cv[i];
    const double v = p.v[c];
    const double mi = f[m][i], ni = f[n][i];
    f[gna][i] = f[gnabar][i] * mi * mi * mi * f[h][i];
    f[gk][i] = f[gkbar][i] * ni * ni * ni * ni;
    f[ina][i] = f[gna][i] * (v - p.ions[na].reversal[c]);
    f[ik][i] = f[gk][i] * (v - p.ions[k].reversal[c]);
    f[il][i] = f[gl][i] * (v - f[el][i]);
}

// Adds instance i's currents to its CV's and ions' accumulators. Kept apart from
// the arithmetic so that the CPU can run that in SIMD lanes and scatter after.
CAJAL_HOST_DEVICE void accumulate_currents(const mechanism_view& p, std::size_t i) {
    double* const* f = p.fields;
    const int c = p.cv[i];
    const double s = p.scale[i];
    p.ions[na].current[c] += s * f[ina][i];
    p.ions[na].conductance[c] += s * f[gna][i];
    p.ions[k].current[c] += s * f[ik][i];
    p.ions[k].conductance[c] += s * f[gk][i];
    p.current[c] += s * (f[ina][i] + f[ik][i] + f[il][i]);
    p.conductance[c] += s * (f[gna][i] + f[gk][i] + f[gl][i]);
}

CAJAL_HOST_DEVICE void advance_state(const mechanism_view& p, std::size_t i, double q10) {
    const auto r = hh_rates(gating_voltage(p, i), q10);
    p.fields[m][i] = relax_exactly(p.fields[m][i], r.minf, r.mtau, p.dt);
    p.fields[h][i] = relax_exactly(p.fields[h][i], r.hinf, r.htau, p.dt);
    p.fields[n][i] = relax_exactly(p.fields[n][i], r.ninf, r.ntau, p.dt);
}

} // namespace cajal::builtin::hh
