#pragma once
// Played parameters lowered with their cells: lower_cells appends each
// cell's, from its population's, to the group (played_parameters).

#include <cstddef>
#include <map>
#include <vector>

#include "lowered_cell.hpp"
#include "play_resolution.hpp"

namespace cajal {

class play_lowering {
public:
    // The plays of a cell copied from template `t`: `local` gives the group's
    // index of each of the network's mechanisms, `bases` the group's first
    // instance of each of the template's slots. Call after the cell's
    // instances are appended: their fields hold the parameters' own values.
    void append(const std::vector<template_play>& plays, const cell_template& t, const std::vector<std::size_t>& local,
                const std::vector<std::size_t>& bases, lowered_cell& c);

private:
    // Where each series' points start in the group: one copy for all the cells of a population.
    std::map<const series_waveform*, std::size_t> series_first_;
};

} // namespace cajal
