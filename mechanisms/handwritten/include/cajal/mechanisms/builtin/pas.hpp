#pragma once
// NEURON's pas: a passive leak, i = g (v - e).

#include <cajal/kernels/host_device.hpp>
#include <cajal/mechanisms/mechanism_view.hpp>

namespace cajal::builtin::pas {

enum field { g, e, i_pas };

CAJAL_HOST_DEVICE void compute_currents(const mechanism_view& p, std::size_t i) {
    p.fields[i_pas][i] = p.fields[g][i] * (p.v[p.cv[i]] - p.fields[e][i]);
}

CAJAL_HOST_DEVICE void accumulate_currents(const mechanism_view& p, std::size_t i) {
    const int c = p.cv[i];
    p.current[c] += p.scale[i] * p.fields[i_pas][i];
    p.conductance[c] += p.scale[i] * p.fields[g][i];
}

} // namespace cajal::builtin::pas
