#pragma once
// NEURON's pas: a passive leak, i = g (v - e).

#include <cajal/kernels/host_device.hpp>
#include <cajal/mechanisms/mechanism_view.hpp>

namespace cajal::builtin::pas {

enum field { g, e, i_pas };

CAJAL_HOST_DEVICE void compute_currents(const mechanism_view& p, std::size_t i) {
    double* const* f = p.fields;
    const int c = p.cv[i];
    f[i_pas][i] = f[g][i] * (p.v[c] - f[e][i]);
    p.current[c] += p.scale[i] * f[i_pas][i];
    p.conductance[c] += p.scale[i] * f[g][i];
}

} // namespace cajal::builtin::pas
