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

struct painted_mechanism {
    std::vector<branch_interval> region;
    std::string mechanism;
    std::map<std::string, double> parameters;
};

struct painted_property {
    std::vector<branch_interval> region;
    std::optional<double> cm, Ra;
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
    std::vector<int> segments;   // per branch, from the CV policy
    cell_properties properties;
    std::map<std::string, ion_settings> ions = default_ions();
    std::vector<painted_property> painted_properties;
    std::vector<painted_mechanism> painted;
    std::vector<placed_process> placed;
    std::vector<detector_spec> detectors;
};

} // namespace cajal
