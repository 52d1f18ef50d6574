#pragma once
// Running a cell_model in NEURON (tests/reference/neuron_cell.py) for
// trace-by-trace comparisons: the model is written out as the JSON the script
// reads, and the script builds the same cell from the same 3-d points (or the
// same SWC file through Import3d).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "cell_run.hpp"

namespace cajal::test {

struct neuron_run {
    std::vector<double> t;
    std::vector<std::vector<double>> v;
};

struct neuron_options {
    std::size_t sample_every = 1;
    std::optional<std::filesystem::path> swc;       // NEURON reads the morphology from here
    int secondorder = 0;                            // 1: Crank–Nicolson
    std::vector<std::filesystem::path> mod_dirs;    // .mod folders NEURON compiles and loads
};

// The model as neuron_cell.py reads it. Painted regions (mechanisms, cm, Ra)
// must be whole branches, since NEURON inserts per section. A probe of
// "<mechanism>.<field>" where the field is an ion variable (cai, ica, eca, ...)
// records the segment's value: NEURON keeps those per segment, not per mechanism.
// Probes of a segment's own variables (ina, cai, eca, i_cap, i_membrane) record
// NEURON's (i_membrane as i_membrane_, with cvode.use_fast_imem(1)).
nlohmann::json neuron_model_json(const cell_run& m, const neuron_options& options);

// NEURON's run of the model, one trace per probe in `v`; nullopt when NEURON
// is not installed.
std::optional<neuron_run> run_neuron(const cell_run& m, const neuron_options& options);
std::optional<neuron_run> run_neuron(const cell_run& m, std::size_t sample_every, const std::optional<std::filesystem::path>& swc,
                                     int secondorder);

// Upward threshold crossings of a sampled trace, linearly interpolated.
std::vector<double> crossings(const std::vector<double>& t, const std::vector<double>& v, double threshold);

} // namespace cajal::test
