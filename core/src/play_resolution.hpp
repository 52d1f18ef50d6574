#pragma once
// The played parameters of a cell (placed_process::play) resolved against
// its template and checked, once per population when a network is prepared.

#include <cstddef>
#include <vector>

#include <cajal/core/cell_model.hpp>
#include <cajal/core/model_error.hpp>

#include "cell_template.hpp"

namespace cajal {

// A parameter of a placed point process of the template and the waveform it follows.
struct template_play {
    std::size_t slot = 0;       // in cell_template::mechanisms
    std::size_t instance = 0;
    std::size_t field = 0;      // instance-field index
    waveform shape;
};

// Every play of the cell's placed point processes: the parameter is one of
// its mechanism's, the waveform well formed (times increasing, finite
// numbers, ...) and its values in the parameter's range. Faults are
// model_errors at `address` with item "placed[i].play.NAME..." (the cell's
// address, as make_cell_template's).
std::vector<template_play> resolve_plays(const cell_model& cell, const cell_template& t, const mechanism_order& order,
                                         const model_address& address);

} // namespace cajal
