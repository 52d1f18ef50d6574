#pragma once
// The cable equation's per-CV arithmetic for one implicit step, as NEURON's
// fixed step does it: solve for the change dv of every CV's potential in
//
//   (c·cj + g_m + Σ a) dv_i − Σ a dv_j = −I_m(v) + Σ a (v_j − v_i)
//
// where c is the CV's capacitance (nF), g_m = dI_m/dv (µS), a the axial
// conductances (µS) to neighbouring CVs, I_m the outward membrane current (nA),
// and cj = 1/dt for backward Euler or 2/dt for Crank–Nicolson; then
// v += dv (backward Euler) or v += 2·dv (Crank–Nicolson: dv is to the half step).

#include <cstddef>

#include <cajal/kernels/host_device.hpp>

namespace cajal::kernels {

// The matrix may keep its rows in another order than the CVs (the CPU's
// blocks of cells, cpu_cable_matrix.hpp): CV i's row is `row`.

// Diagonal and right-hand side of CV i's row from its own terms; axial terms
// are added by add_axial_coupling.
CAJAL_HOST_DEVICE void assemble_membrane_row(std::size_t i, std::size_t row, double cj, const double* capacitance, const double* i_membrane,
                                             const double* g_membrane, double* d, double* rhs) {
    d[row] = capacitance[i] * cj + g_membrane[i];
    rhs[row] = -i_membrane[i];
}

// The axial conductance a between CV i and its parent CV p, in both rows.
CAJAL_HOST_DEVICE void add_axial_coupling(std::size_t i, std::size_t p, std::size_t row, std::size_t parent_row, const double* axial,
                                          const double* v, double* d, double* u, double* rhs) {
    const double a = axial[i];
    const double flux = a * (v[p] - v[i]);
    d[row] += a;
    d[parent_row] += a;
    u[row] = -a;
    rhs[row] += flux;
    rhs[parent_row] -= flux;
}

CAJAL_HOST_DEVICE void update_voltage(std::size_t i, std::size_t row, double factor, const double* dv, double* v) { v[i] += factor * dv[row]; }

// Linear interpolation of a threshold crossing between two samples.
CAJAL_HOST_DEVICE double crossing_time(double t0, double v0, double t1, double v1, double threshold) {
    return t0 + (t1 - t0) * (threshold - v0) / (v1 - v0);
}

} // namespace cajal::kernels
