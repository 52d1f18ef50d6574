#pragma once
// A CV's membrane current and its capacitive part as NEURON reports them
// after a fixed step: seg.i_membrane_ (with cvode.use_fast_imem(1)) and
// seg.i_cap, the same code on both backends. Units as in cable.hpp: nA, µS,
// nF, mV, ms; both results in nA.
//
// NEURON (nrn_calc_fast_imem, nrn_capacity_current) takes them from the
// linear system it has just solved: with dv the solution (the change of v,
// to the half step under Crank–Nicolson, where cj = 2/dt),
//
//   i_cap       = c·cj·dv
//   i_membrane_ = (g + c·cj)·dv + I
//
// where I and g = dI/dv are the membrane current and conductance the
// mechanisms computed at the step's start, without the ELECTRODE_CURRENT
// mechanisms (IClamp, SEClamp): an electrode's current is injected, not a
// membrane current. So i_membrane_ is the linearised ionic current at the
// new v plus the capacitive current, and the CVs' i_membrane_ sum to the
// electrode currents.

#include <cstddef>

#include <cajal/kernels/host_device.hpp>

namespace cajal::kernels {

// Indexed by CV (host) or row (device).
struct membrane_current_arrays {
    double cj;                            // 1/dt (backward Euler) or 2/dt (Crank–Nicolson)
    const double* capacitance;
    const double* i_membrane;             // the step's accumulated current, electrodes included (outward)
    const double* g_membrane;
    const double* electrode_current;      // the ELECTRODE_CURRENT mechanisms' share of i_membrane (outward)
    const double* electrode_conductance;  // and of g_membrane
    const double* dv;                     // the cable solve's solution
    double* capacitive;                   // out: NEURON's i_cap × area, nA
    double* membrane;                     // out: NEURON's i_membrane_, nA
};

// After a step's cable solve.
CAJAL_HOST_DEVICE void membrane_currents_after_solve(std::size_t i, const membrane_current_arrays& a) {
    const double c = a.capacitance[i] * a.cj;
    const double dv = a.dv[i];
    a.capacitive[i] = c * dv;
    a.membrane[i] = ((a.g_membrane[i] - a.electrode_conductance[i]) + c) * dv + (a.i_membrane[i] - a.electrode_current[i]);
}

// After initialisation (finitialize), which solves nothing: NEURON sets i_cap
// to 0 and i_membrane_ to the current that enters the CV, axially and from
// electrodes. v is then the same on every CV of a cell (v_init), so no axial
// current flows, and what enters is the electrodes' current.
CAJAL_HOST_DEVICE void membrane_currents_at_start(std::size_t i, const membrane_current_arrays& a) {
    a.capacitive[i] = 0.0;
    a.membrane[i] = 0.0 - a.electrode_current[i];
}

} // namespace cajal::kernels
