#pragma once
// A cell as a model describes it, before lowering to arrays: morphology,
// discretization, properties, ions, painted and placed mechanisms, detectors.
// What drives it, what is recorded and how the run goes belong to the
// network it is part of (network.hpp).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cajal/core/waveform.hpp>
#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/region.hpp>

#include <cajal/core/value_expression.hpp>

namespace cajal {

struct cell_properties {
    double cm = 1.0;         // µF/cm²
    double Ra = 35.4;        // Ω·cm
    double v_init = -65.0;   // mV
};

// An ion's reversal potential: fixed, or from the Nernst equation of its
// concentrations (recomputed whenever a mechanism changes them).
struct ion_settings {
    double internal = 0, external = 0;   // mM
    double reversal = 0;                 // mV, when fixed
    bool nernst = false;
    int valence = 1;
};

// NEURON's defaults for na, k and ca.
std::map<std::string, ion_settings> default_ions();

// Where along each branch a painted value is evaluated: at each CV's node
// (NEURON's `for (x, 0)`), or as NEURON's `for (x)` assigns it, the last
// segment of each branch taking the value at the branch's end (x = 1).
enum class evaluate_at { cv_nodes, for_x };

struct painted_mechanism {
    std::vector<branch_interval> region;
    std::string mechanism;
    std::map<std::string, value_expression> parameters;
    evaluate_at where = evaluate_at::cv_nodes;
};

// cm may vary over the region; Ra, as NEURON's, is one value per branch.
struct painted_property {
    std::vector<branch_interval> region;
    std::optional<value_expression> cm;
    std::optional<double> Ra;
    evaluate_at where = evaluate_at::cv_nodes;
};

struct placed_process {
    std::string label;       // names it for events and probes
    location where;
    std::string mechanism;
    std::map<std::string, double> parameters;
    std::map<std::string, waveform> play = {};   // parameter -> the waveform it follows (NEURON's Vector.play)
};

struct detector_spec {
    std::string name;
    location where;
    double threshold = -10;  // mV
};

struct cell_model {
    morphology morph;
    // Named regions and locsets of the label language (labels.hpp), that
    // regions and locations read from a model file may use.
    std::map<std::string, std::string> labels;
    // Where the `distance` of painted values is measured from (NEURON's
    // distance(0, x) origin); the soma's centre (or the root) when not given.
    std::optional<location> distance_origin;
    std::vector<int> segments;   // per branch, from the CV policy
    cell_properties properties;
    std::map<std::string, ion_settings> ions = default_ions();
    std::vector<painted_property> painted_properties;
    std::vector<painted_mechanism> painted;
    std::vector<placed_process> placed;
    std::vector<detector_spec> detectors;
};

} // namespace cajal
