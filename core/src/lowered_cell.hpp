#pragma once
// A rank's cells lowered to structure-of-arrays storage: the cable arrays per
// CV, each mechanism's instances, the ions, what probes and detectors read,
// and the pending events. Cell c of the group holds CVs
// [cell_begin[c], cell_begin[c+1]).

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <cajal/core/settings.hpp>
#include <cajal/morphology/discretization.hpp>
#include <cajal/mechanisms/catalogue.hpp>

#include "event_queue.hpp"
#include "played_parameters.hpp"

namespace cajal {

struct ion_state {
    std::string name;
    int valence = 1;
    std::vector<double> current, conductance, reversal, internal, external;  // per CV
    // The CVs where some mechanism writes this ion's current, ascending: the
    // only ones whose current and conductance need clearing each step.
    std::vector<std::size_t> written_cvs;
    // Per CV: the reversal potential follows the concentrations (Nernst), as
    // its cell asks or because a mechanism of its cell uses a concentration
    // (NEURON's rule); and whether any CV does.
    std::vector<std::uint8_t> follows;
    bool follows_concentrations = false;
    // Where any CV follows, the concentrations at the start of a run.
    std::vector<double> internal_initial, external_initial;

    bool has_writers() const noexcept { return !written_cvs.empty(); }
    void reset_concentrations();
    void update_reversal(double celsius);
};

struct mechanism_instances {
    const mechanism_implementation* impl = nullptr;
    std::vector<int> cv;
    std::vector<double> scale;
    std::vector<std::vector<double>> fields;   // fields[k][instance]
    std::vector<double*> field_data;           // fields[k].data(), for views
    std::vector<double> globals;
    std::vector<ion_view> ions;
    const double* area = nullptr;              // per CV, for mechanisms that read geometry
    const double* diam = nullptr;
    // Connections into these instances: each its instance and row (as a
    // mechanism_event), its weight, and its row of NET_RECEIVE arguments,
    // which kernels change through views.
    std::vector<mechanism_event> connections;
    std::vector<double> connection_weights;
    std::vector<double> connection_args;

    // A new connection into `instance`; returns its row.
    int connect(std::size_t instance, double weight);
    // Every row back to (weight, 0, ...), as at the start of a run.
    void reset_connections();

    mechanism_view view(double* v, double* current, double* conductance, double t, double dt, double celsius,
                        event_request_buffer requests) const;
};

struct bound_probe {
    std::size_t probe = 0;           // its index among the network's probes
    const double* value = nullptr;
    double scale = 1;                // a sample is *value · scale (nA of a CV to mA/cm² of its membrane)
    std::size_t every = 1;           // sample every this many steps
};

// NEURON's i_membrane_ and i_cap of every CV after each step, and the
// electrodes' share of the membrane accumulators they are computed from
// (kernels/membrane_current.hpp); held only where a probe records one.
struct step_current_arrays {
    std::vector<double> capacitive;              // nA
    std::vector<double> membrane;                // nA
    std::vector<double> electrode_current;       // nA, outward
    std::vector<double> electrode_conductance;   // µS

    bool recorded() const noexcept { return !membrane.empty(); }
};

struct bound_detector {
    std::size_t cv = 0;
    double threshold = 0;
    std::size_t cell = 0;            // index in the group
    std::uint32_t sender = 0;        // index into its cell's spike senders
};

// A placed point process: its mechanism (index into lowered_cell::mechanisms) and instance.
struct placement {
    std::size_t mechanism = 0;
    std::size_t instance = 0;
};

// A point process that may send spikes (net_event): its cell and sender index.
struct point_sender {
    std::size_t cell = 0;
    std::uint32_t sender = 0;
};

struct lowered_cell {
    std::vector<std::uint64_t> gids;           // per cell of the group
    std::vector<std::size_t> cell_begin;
    // Cable, per CV, in Hines order within each cell; a cell's root has parent -1.
    std::vector<std::ptrdiff_t> parent;
    std::vector<cv_node> node;                 // where each CV lies on its cell, for messages
    std::vector<double> capacitance;           // nF (so that nF·mV/ms is nA)
    std::vector<double> axial;                 // µS to the parent
    std::vector<double> v, v_init, i_membrane, g_membrane;
    std::vector<double> area, diameter;        // µm², µm; kept only where a mechanism reads them
    step_current_arrays step_currents;
    std::vector<mechanism_instances> mechanisms;   // in the network's order (NEURON's)
    std::vector<ion_state> ions;
    std::vector<bound_probe> probes;
    std::vector<bound_detector> detectors;
    std::vector<std::map<std::string, placement>> placements;   // per cell: label -> point process
    played_parameters plays;                   // parameters of point processes that follow waveforms
    std::map<std::pair<std::size_t, std::size_t>, point_sender> point_senders;   // (mechanism, instance) -> sender
    event_queue events;
    // Requests (net_send, net_move, net_event) from the kernel just run.
    std::vector<event_request> requests;
    unsigned request_count = 0;
    double dt = 0, celsius = 0;
    integration_method method = integration_method::backward_euler;

    std::size_t num_cells() const noexcept { return gids.size(); }
    std::size_t cell_of(std::size_t cv) const;   // the group's cell holding a CV
    // Bytes held by the per-CV and per-instance arrays.
    std::size_t memory_bytes() const;
};

} // namespace cajal
