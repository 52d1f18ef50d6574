#pragma once
// A cell with what drives it, what is recorded and how it runs, as a
// single-cell model file describes it; simulated as the network of one cell
// it is (single_cell_network), on one rank.

#include <string>
#include <vector>

#include <cajal/core/network.hpp>
#include <cajal/core/simulation.hpp>

namespace cajal::test {

// Events into a placed point process at given times (NEURON: NetCon.event).
struct event_train {
    std::string target;
    std::vector<double> times;
    double weight = 0;
};

// A probe of the cell: where (unused for LABEL.FIELD) and what.
struct cell_probe {
    std::string name;
    location where;
    std::string variable;
    double interval = 0;
};

struct run_settings {
    double tstop = 100;
    double dt = 0.025;
    integration_method method = integration_method::backward_euler;
    backend_kind backend = backend_kind::cpu;
};

struct cell_run: cell_model {
    std::vector<event_train> events;
    std::vector<cell_probe> probes;
    run_settings run;
    double celsius = 6.3;
    spike_timing timing = spike_timing::interpolated;
};

// The network of the cell (gid 0) and of one explicit source per event train.
network as_network(const cell_run& cell);

// Cells run side by side as one network, population k holding cell k
// (gid k); stimuli and probes of each cell with it (probe names suffixed
// "[k]"). Settings of the first.
network as_network(const std::vector<cell_run>& cells);

simulation_result simulate(const network& model, const mechanism_catalogue& catalogue = builtin_catalogue());
simulation_result simulate(const cell_run& cell, const mechanism_catalogue& catalogue = builtin_catalogue());
simulation_result simulate(const std::vector<cell_run>& cells, const mechanism_catalogue& catalogue = builtin_catalogue());

// The detector (or point process) that sent a spike of gid 0 of a cell run.
std::string sender_name(const cell_run& cell, const spike_record& spike, const mechanism_catalogue& catalogue = builtin_catalogue());

// The spikes of cells only (sources left out).
std::vector<spike_record> cell_spikes(const simulation_result& result, std::uint64_t cells);

} // namespace cajal::test
