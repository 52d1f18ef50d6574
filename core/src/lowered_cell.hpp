#pragma once
// A cell lowered to structure-of-arrays storage: the cable arrays per CV, each
// mechanism's instances, the ions, and what probes and detectors read.

#include <cstddef>
#include <map>
#include <utility>
#include <string>
#include <vector>

#include <cajal/core/cell_model.hpp>
#include <cajal/mechanisms/catalogue.hpp>

#include "event_queue.hpp"

namespace cajal {

struct ion_state {
    std::string name;
    ion_settings settings;
    std::vector<double> current, conductance, reversal, internal, external;  // per CV
    bool has_writers = false;   // some mechanism writes this ion's current
    // The reversal potential follows the concentrations (Nernst) at every step:
    // asked for in the model, or some mechanism writes a concentration (NEURON's rule).
    bool follows_concentrations = false;
    // Where concentrations change, their values at the start of a run.
    std::vector<double> internal_initial, external_initial;

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
    std::vector<mechanism_event> due_events;   // events to deliver this step
    const double* area = nullptr;              // per CV, for mechanisms that read geometry
    const double* diam = nullptr;
    // Connections into these instances (event trains, network connections):
    // each its instance and row (as a mechanism_event), its weight, and its
    // row of NET_RECEIVE arguments, which kernels change through views.
    std::vector<mechanism_event> connections;
    std::vector<double> connection_weights;
    mutable std::vector<double> connection_args;

    // A new connection into `instance`; returns its row.
    int connect(std::size_t instance, double weight);
    // Every row back to (weight, 0, ...), as at the start of a run.
    void reset_connections();

    mechanism_view view(const double* v, double* current, double* conductance, double t, double dt, double celsius,
                        event_request_buffer requests = {}) const;
};

struct bound_probe {
    std::string name, units;
    const double* value = nullptr;
    std::size_t every = 1;   // sample every this many steps
};

struct bound_detector {
    std::string name;
    std::size_t cv = 0;
    double threshold = 0;
    std::size_t cell = 0;   // index in the group
};

// A placed point process: its mechanism and instance.
struct placement {
    std::size_t mechanism = 0;
    std::size_t instance = 0;
};

struct point_label {
    std::string label;
    std::size_t cell = 0;
};

// One or more cells: cell c holds CVs [cell_begin[c], cell_begin[c+1]).
struct lowered_cell {
    std::vector<std::size_t> cell_begin;
    // Cable, per CV, in Hines order within each cell; a cell's root has parent -1.
    std::vector<std::ptrdiff_t> parent;
    std::vector<double> capacitance;   // nF (so that nF·mV/ms is nA)
    std::vector<double> axial;         // µS to the parent
    std::vector<double> v, v_init, i_membrane, g_membrane;
    std::vector<double> area, diameter;   // µm², µm; kept only where a mechanism reads them
    std::vector<mechanism_instances> mechanisms;
    std::vector<ion_state> ions;
    std::vector<bound_probe> probes;
    std::vector<bound_detector> detectors;
    event_queue events;
    std::vector<timed_event> model_events;   // the model's own event trains, queued at each start
    // Requests (net_send, net_move, net_event) from the kernel just run.
    std::vector<event_request> requests;
    unsigned request_count = 0;
    std::map<std::pair<std::size_t, std::size_t>, point_label> point_labels;   // (mechanism, instance) -> label
    std::vector<std::map<std::string, placement>> placements;   // per cell: label -> point process
    cell_properties properties;
    run_settings run;

    // Bytes held by the per-CV and per-instance arrays.
    std::size_t memory_bytes() const;
};

// Cells in a group share dt, tstop, method, celsius and the set of ions.
lowered_cell lower_cells(const std::vector<cell_model>& models, const mechanism_catalogue& catalogue);

} // namespace cajal
