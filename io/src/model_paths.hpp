#pragma once
// Where the parts of a network came from in its model file, so that a fault
// core finds at a model_address is reported at its JSON path.

#include <cstddef>
#include <string>
#include <vector>

#include <cajal/core/model_error.hpp>

namespace cajal {

class model_paths {
public:
    // Per population: its own entry ("populations[2]", or "" for a single
    // cell) and its cell's ("cells.pyr", or "cell").
    std::vector<std::string> population, cell;
    // Where a cell's parts came from: the index in its `paint` of each painted
    // mechanism and each painted cm or Ra, and in its `place` of each placed
    // process (an entry at several locations makes several).
    struct cell_entries {
        std::vector<std::size_t> paint, property, place;
    };
    std::vector<cell_entries> entries;   // per population
    std::vector<std::string> source;       // "sources[1]", or "stimuli[1]" for a single cell
    std::vector<std::string> connection;   // "connections[3]", or "stimuli[3]"
    std::vector<std::string> probe;        // "probes[0]"
    bool single_cell = false;
    // A study's: per variant (the control first, with none), the path of each
    // change ("study.variants[1].changes[0]", or the grid axis that made it);
    // per protocol, its entry.
    std::vector<std::vector<std::string>> study_change;
    std::vector<std::string> study_variant;   // per variant: its entry, or the grid
    std::vector<std::string> study_protocol;

    // The JSON path of an address: "cells.pyr.paint[2].parameters.g".
    std::string path_of(const model_address& address) const;
    // The same for a fault in a study's check network (study_check_network):
    // population k is variant k, its member's changes the variant's.
    std::string study_path_of(const model_address& address) const;
};

} // namespace cajal
