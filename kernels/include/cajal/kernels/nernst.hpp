#pragma once
// The Nernst reversal potential, shared by both backends.

#include <cmath>

#include <cajal/kernels/host_device.hpp>

namespace cajal::kernels {

// NEURON 8.2's constants (SI 2019, as its units database gives them): R in
// J/(K·mol), F in C/mol; concentrations in mM, result in mV.
CAJAL_HOST_DEVICE double nernst(double internal, double external, double valence, double celsius) {
    constexpr double R = 8.31446261815324, F = 96485.33212331001;
    return 1000.0 * R * (celsius + 273.15) / (F * valence) * ::log(external / internal);
}

} // namespace cajal::kernels
