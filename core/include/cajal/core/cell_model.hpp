#pragma once
// A single cell as a model file describes it, before lowering to arrays:
// morphology, discretization, properties, painted and placed mechanisms,
// stimuli, probes, detectors and the run settings.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/region.hpp>

namespace cajal {

struct cell_properties {
    double cm = 1.0;         // µF/cm²
    double Ra = 35.4;        // Ω·cm
    double v_init = -65.0;   // mV
    double celsius = 6.3;    // °C
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
};

// Events into a placed point process at given times (NEURON: NetCon.event).
struct event_train {
    std::string target;      // placed_process::label
    std::vector<double> times;
    double weight = 0;
};

// What a probe measures: the membrane potential, or a field of a painted
// mechanism at a location, or of a placed point process.
struct probe_spec {
    std::string name;
    location where;          // unused for point-process fields
    std::string variable;    // "v", "<mechanism>.<field>", or "<label>.<field>"
    double interval = 0;     // ms; 0: every step
};

struct detector_spec {
    std::string name;
    location where;
    double threshold = -10;  // mV
};

enum class integration_method { backward_euler, crank_nicolson };

// Where a run steps: the CPU, an NVIDIA GPU, or the GPU when one is usable
// and the CPU otherwise. Asking for `gpu` without one is an error.
enum class backend_kind { cpu, gpu, automatic };

struct run_settings {
    double tstop = 100;      // ms
    double dt = 0.025;       // ms
    integration_method method = integration_method::backward_euler;
    backend_kind backend = backend_kind::cpu;
};

struct cell_model {
    morphology morph;
    std::vector<int> segments;   // per branch, from the CV policy
    cell_properties properties;
    std::map<std::string, ion_settings> ions = default_ions();
    std::vector<painted_property> painted_properties;
    std::vector<painted_mechanism> painted;
    std::vector<placed_process> placed;
    std::vector<event_train> events;
    std::vector<probe_spec> probes;
    std::vector<detector_spec> detectors;
    run_settings run;
};

} // namespace cajal
