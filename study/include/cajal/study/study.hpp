#pragma once
// A study of one cell (docs/studies.md): variants of it, each a list of
// parameter changes to the control, under stimulus protocols. Every (variant,
// protocol run) pair is a member of one population of the same cell, so that
// all of them run in one simulation (a rheobase search in one per round).

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <cajal/core/network.hpp>

namespace cajal {

// A named variant: what it changes on the control cell (parameter_change:
// a painted mechanism's parameter on a region, or a placed process's; a shift
// of a channel's gating is its `gating_vshift` set). The control changes nothing.
struct study_variant {
    std::string name;
    std::vector<parameter_change> changes;
    std::vector<std::string> regions;   // per change: its region as written; empty: everywhere painted
};

// Current steps, one run per amplitude (an f-I curve; a negative amplitude
// for input resistance and sag).
struct step_protocol {
    std::vector<double> amplitudes;   // nA
    double delay = 0;                 // ms
    double duration = 0;              // ms
};

// The smallest step amplitude that makes the cell fire during the step,
// bisected between `low` (must not fire) and `high` (must fire) until the
// bracket is no wider than `tolerance`, every variant in each round.
struct rheobase_protocol {
    double low = 0, high = 0, tolerance = 0;   // nA
    double delay = 0, duration = 0;            // ms
};

struct study_protocol {
    std::string name;
    location where;   // where the current is injected
    std::variant<step_protocol, rheobase_protocol> kind;
};

// What every run records: v at `where` every `interval` ms, and spikes as
// upward crossings of `threshold` there.
struct study_recording {
    location where;
    double interval = 0.1;      // ms
    double threshold = -20;     // mV
};

// The variants a `grid` made: the cartesian product of its axes' values, the
// first axis slowest, as variants [first, first + the product of their counts).
struct study_grid_axis {
    std::string label;            // what it changes, for a plot's axis: "hh.gnabar (scale)", "hh shift (mV)"
    std::vector<double> values;   // as written
};
struct study_grid {
    std::vector<study_grid_axis> axes;
    std::size_t first = 0;
};

struct study {
    cell_model cell;                        // the control
    simulation_settings settings;           // tstop covers every protocol
    std::vector<study_variant> variants;    // the control first, then the others
    std::optional<study_grid> grid;         // where some of them came from a grid
    std::vector<study_protocol> protocols;
    study_recording recording;
    std::vector<std::string> features;      // eFEL's names (docs/features.md), computed per run of a step protocol
};

// The placed current clamp of protocol k, and the detector of every run.
std::string study_stimulus_label(std::size_t protocol);
inline constexpr const char* study_detector_name = "study_spike";

// Faults a study's protocols and recording can have on their own: a protocol
// without amplitudes, a bracket or tolerance that cannot be bisected, a step
// past tstop, a recording interval that is no whole number of steps. Throws
// model_error with address part::settings and item "protocols[k].steps.FIELD",
// "protocols[k].rheobase.FIELD" or "recording.FIELD".
void check_study(const study& s);

} // namespace cajal
