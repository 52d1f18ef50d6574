#pragma once
// The model cajal simulates: populations of cells and of spike sources, each
// member a global id (gid), joined by connection rules, with probes on chosen
// cells and one set of run settings. A single cell is a network of one
// (single_cell_network). See docs/network.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <cajal/core/cell_model.hpp>
#include <cajal/core/connection_rule.hpp>
#include <cajal/core/settings.hpp>
#include <cajal/core/spike_source.hpp>
#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

// A parameter that one member of a population changes on its cell before the
// run (a study's variant or protocol run): a placed point process's, by its
// label (every process of a label placed on a locset), or a painted density
// mechanism's, by the mechanism's name, where it is painted in `region` (or
// everywhere it is painted). Set to `value` or scaled by it.
struct parameter_change {
    enum class operation { set, scale };
    std::string target;                                   // a placed label or a painted mechanism
    std::string parameter;
    std::optional<std::vector<branch_interval>> region;   // painted mechanisms only
    operation op = operation::set;
    double value = 0;
};

// `count` copies of one cell. Its spikes, those that connections carry, are
// those of `spike_detector`: a detector's name, or the label of a placed point
// process that sends spikes with net_event (an ARTIFICIAL_CELL, say).
// Default: the cell's first detector. A population that is the source of no
// connection needs none.
struct cell_population {
    std::string name;
    cell_model cell;
    std::size_t count = 0;
    std::string spike_detector;
    // Empty (every member the same cell), or one list per member: what that
    // member changes. The cell is resolved once; members differ in values only.
    std::vector<std::vector<parameter_change>> member_changes;
};

// What may send a cell's spikes: its detectors, then the labels of its placed
// point processes that take events (and so may call net_event), in the order
// the cell lists them. Spikes name their sender by its index in this list.
std::vector<std::string> spike_senders(const cell_model& cell, const mechanism_catalogue& catalogue);

struct source_population {
    std::string name;
    spike_source_spec spec;
    std::size_t count = 0;
};

// What a probe records on one cell: the membrane potential ("v"), the
// membrane current ("i_membrane", nA: NEURON's i_membrane_) or its capacitive
// part ("i_cap", mA/cm²), or an ion's concentration, reversal potential or
// current ("cai", "cao", "eca", "ica": the sum over the mechanisms writing it,
// mA/cm²) at a location, a painted mechanism's field at a location ("hh.m"),
// or a placed point process's field ("syn.g", no location).
struct probe_spec {
    std::uint64_t gid = 0;
    std::string name;                  // unique in the network
    std::optional<location> where;
    std::string variable;
    double interval = 0;               // ms, a whole number of steps; 0: every step
};

// Gids are given in order: the cell populations' members first, population by
// population, then the sources'.
struct network {
    std::vector<cell_population> populations;
    std::vector<source_population> sources;
    std::vector<connection_rule> connections;
    std::vector<probe_spec> probes;
    simulation_settings settings;

    std::uint64_t num_cells() const noexcept;
    std::uint64_t num_gids() const noexcept;
    // "pyr[3]": the population a gid belongs to and its index in it; "gid N" past the last.
    std::string member_name(std::uint64_t gid) const;
};

// Events into a cell's placed point process `target` from a spike source, as
// a NetCon from a NetStim or VecStim with delay 0.
struct cell_stimulus {
    std::string target;
    spike_source_spec source;
    double weight = 0;
};

// A cell alone, driven by its stimuli and recorded by its probes (their gid
// is 0): the network of that one cell (population "cell", gid 0) and of one
// source population per stimulus ("stimulus0", "stimulus1", ...), each
// connected to its target with delay 0. Stimulus k is source population k and
// connection rule k.
network single_cell_network(cell_model cell, const std::vector<cell_stimulus>& stimuli, std::vector<probe_spec> probes,
                            simulation_settings settings);

} // namespace cajal
