#pragma once
// Hodgkin–Huxley squid-axon rates as NEURON's hh computes them (exact, not
// tabulated), shared by the CPU and GPU kernels.

#include <cmath>

#include <cajal/kernels/host_device.hpp>

namespace cajal::builtin {

struct hh_gate_rates {
    double minf, mtau, hinf, htau, ninf, ntau;
};

// x/(exp(x/y) - 1) with its limit y(1 - x/(2y)) near x = 0. Both sides are
// computed and one selected, so that loops over instances stay branch-free and
// vectorise.
CAJAL_HOST_DEVICE double hh_vtrap(double x, double y) {
    const double exact = x / (std::exp(x / y) - 1);
    const double limit = y * (1 - x / y / 2);
    return std::fabs(x / y) < 1e-6 ? limit : exact;
}

// The temperature factor of all rates.
CAJAL_HOST_DEVICE double hh_q10(double celsius) { return std::pow(3.0, (celsius - 6.3) / 10); }

CAJAL_HOST_DEVICE hh_gate_rates hh_rates(double v, double q10) {
    hh_gate_rates r{};
    double alpha = .1 * hh_vtrap(-(v + 40), 10);
    double beta = 4 * std::exp(-(v + 65) / 18);
    double sum = alpha + beta;
    r.mtau = 1 / (q10 * sum);
    r.minf = alpha / sum;
    alpha = .07 * std::exp(-(v + 65) / 20);
    beta = 1 / (std::exp(-(v + 35) / 10) + 1);
    sum = alpha + beta;
    r.htau = 1 / (q10 * sum);
    r.hinf = alpha / sum;
    alpha = .01 * hh_vtrap(-(v + 55), 10);
    beta = .125 * std::exp(-(v + 65) / 80);
    sum = alpha + beta;
    r.ntau = 1 / (q10 * sum);
    r.ninf = alpha / sum;
    return r;
}

// cnexp: the exact solution of x' = (xinf - x)/tau over dt with frozen rates.
CAJAL_HOST_DEVICE double relax_exactly(double x, double xinf, double tau, double dt) {
    return x + (1 - std::exp(-dt / tau)) * (xinf - x);
}

} // namespace cajal::builtin
