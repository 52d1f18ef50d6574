#pragma once
// One cell of a network resolved against the catalogue: its cable per CV,
// its mechanism instances, labels, detectors and spike senders, made once per
// population and copied for each of its members when a rank lowers its cells.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cajal/core/cell_model.hpp>
#include <cajal/core/model_error.hpp>
#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

// The mechanisms a network uses, in the order they run in every phase
// (NEURON's: mechanisms that write ion concentrations first, the last added
// first; then the others in the catalogue's order), and the ions they use.
struct mechanism_order {
    std::vector<const mechanism_implementation*> mechanisms;
    std::vector<std::string> ions;

    std::size_t index_of(const std::string& mechanism) const;
    std::size_t ion_index(const std::string& ion) const;
};

// `names`: every mechanism painted or placed on any cell; `cell_ions`: the
// ions any cell defines. Ions are ordered by name.
mechanism_order order_mechanisms(const std::vector<std::string>& names, const std::vector<std::string>& cell_ions,
                                 const mechanism_catalogue& catalogue);

// One mechanism's instances on a cell, by local CV.
struct template_mechanism {
    std::size_t mechanism = 0;                 // in mechanism_order
    std::vector<int> cv;
    std::vector<double> scale;                 // area × 1e-2 for density mechanisms, 1 for point processes
    std::vector<std::vector<double>> fields;   // fields[k][instance], the instance-field order of mechanism_info
};

// A placed point process: its mechanism (index into cell_template::mechanisms) and instance.
struct template_placement {
    std::size_t slot = 0;
    std::size_t instance = 0;
};

struct template_detector {
    std::size_t cv = 0;
    double threshold = 0;
};

struct template_ion {
    ion_settings settings;   // the cell's values of the network's ion (defaults where the cell does not name it)
    bool defined = false;    // the cell's ions name it
};

struct cell_template {
    discretization disc;               // CVs in Hines order, with unit cm and Ra
    std::vector<double> capacitance;   // nF per CV, the cell's cm region by region
    std::vector<double> axial;         // µS to the parent CV, its Ra region by region
    double v_init = 0;
    std::vector<template_ion> ions;    // per mechanism_order::ions
    std::vector<template_mechanism> mechanisms;   // ascending mechanism order
    std::map<std::string, template_placement> labels;
    std::vector<template_detector> detectors;
    std::vector<std::string> senders;  // spike_senders(): detectors, then labels that take events
    std::size_t cvs() const noexcept { return disc.size(); }

    // The slot of mechanism `m` (in mechanism_order) on this cell, if it has any instance.
    std::optional<std::size_t> slot_of(std::size_t m) const;
};

// The CV holding a location (NEURON's node for sec(x)); a location off the
// cell is a model_error at `address`.
std::size_t location_cv(const discretization& disc, const location& where, const model_address& address);

// Resolves a cell; faults are model_errors at `address` (part::cell and the
// population's index) with the cell's field in `item`.
cell_template make_cell_template(const cell_model& cell, const mechanism_order& order, const mechanism_catalogue& catalogue,
                                 const model_address& address);

} // namespace cajal
