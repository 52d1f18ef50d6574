#pragma once
// What preparing a network resolves (prepared_network::impl): the mechanism
// order, one cell template and its played parameters per population, the
// spike sender of each population, probe targets, the minimum delay and the
// step count.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <cajal/core/prepared_network.hpp>

#include "cell_template.hpp"
#include "member_changes.hpp"
#include "play_resolution.hpp"

namespace cajal {

// What a probe reads on its cell, by local CV or instance.
struct probe_target {
    enum class kind { voltage, ion_internal, ion_external, ion_reversal, ion_current, membrane_current, capacitive_current, field };
    kind what = kind::voltage;
    std::size_t population = 0;   // of the probe's gid
    std::size_t cv = 0;
    std::size_t ion = 0;          // in mechanism_order::ions
    std::size_t slot = 0;         // in cell_template::mechanisms
    std::size_t instance = 0;
    std::size_t field = 0;        // instance-field index
    std::string units;
    double scale = 1;             // what the value read is multiplied by (a CV's nA to mA/cm² of its membrane)
    std::size_t every = 1;        // steps between samples
};

struct prepared_network::impl {
    network model;
    mechanism_catalogue catalogue;
    mechanism_order order;
    std::vector<cell_template> templates;                    // per population
    std::vector<std::vector<template_play>> plays;           // per population: its cell's played parameters
    std::vector<member_change_lists> member_changes;         // per population: what each member changes
    // Per population: the sender (index into its template's senders) whose
    // spikes connections carry; none where the cell has no sender.
    std::vector<std::optional<std::uint32_t>> spike_sender;
    std::vector<std::uint64_t> first_gid;                    // per population
    std::vector<probe_target> probes;                        // per network probe
    double min_cell_delay = 0;                               // ms; infinity without connections from cells
    std::uint64_t steps = 0;

    // The population of a cell's gid (gid < num_cells()).
    std::size_t population_of(std::uint64_t gid) const;
};

// What network probe k reads, checked against its cell (probe_resolution.cpp);
// faults are model_errors at the probe's address.
probe_target resolve_probe(const prepared_network::impl& network, std::size_t k);

} // namespace cajal
