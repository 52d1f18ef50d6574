#pragma once
// A study of one cell (docs/studies.md): variants of it, each a list of
// parameter changes to the control, under stimulus protocols. Every (variant,
// protocol run) pair is a member of one population of the same cell, so that
// all of them run in one simulation (a rheobase search in one per round).

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <cajal/core/network.hpp>

namespace cajal {

// A painted mechanism removed (a knock-out): from a region, or everywhere.
struct mechanism_removal {
    std::string mechanism;
    std::optional<std::vector<branch_interval>> region;
    std::string region_text;   // as written; empty: everywhere
};

// An ion's concentrations scaled, or its reversal potential fixed.
struct ion_change {
    std::string ion;
    double internal_scale = 1, external_scale = 1;
    std::optional<double> reversal;   // mV
};

// A named variant: what it changes on the control cell (parameter_change:
// a painted mechanism's parameter on a region, or a placed process's; a shift
// of a channel's gating is its `gating_vshift` set), what it removes, its
// ions and its temperature. The control changes nothing.
struct study_variant {
    std::string name;
    std::vector<parameter_change> changes;
    std::vector<std::string> regions;   // per change: its region as written; empty: everywhere painted
    std::vector<mechanism_removal> removals;
    std::vector<ion_change> ions;
    std::optional<double> celsius;      // °C; the study's simulation.celsius when not given

    // Whether the variant's cell differs from the control's in more than values.
    bool changes_cell() const { return !removals.empty() || !ions.empty(); }
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

// A current rising linearly from `from` at `delay` to `to` at delay +
// duration, then off: one run per variant.
struct ramp_protocol {
    double from = 0, to = 0;          // nA
    double delay = 0, duration = 0;   // ms
};

// Synaptic input: `number` events every `interval` ms from `delay` into a
// point process placed for it (`mechanism` with `parameters`, an ExpSyn say),
// one run per weight (µS, or the mechanism's weight units).
struct train_protocol {
    std::string mechanism;
    std::map<std::string, double> parameters;
    std::vector<double> weights;
    double delay = 0, interval = 0;   // ms
    std::size_t number = 0;

    double duration() const { return interval * static_cast<double>(number); }
};

struct study_protocol {
    std::string name;
    location where;   // where the current is injected, or the synapse placed
    std::variant<step_protocol, rheobase_protocol, ramp_protocol, train_protocol> kind;
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
    std::vector<std::string> traces;        // variants whose runs' v is written out (traces.csv)
};

// The control cell as a variant makes it: its removals and ion changes
// applied (its parameter changes are made per member, see study_network).
cell_model variant_cell(const study& s, std::size_t variant);

// The placed current clamp (or synapse) of protocol k, the spike source of a
// train protocol, and the detector of every run.
std::string study_stimulus_label(std::size_t protocol);
std::string study_train_name(std::size_t protocol);
inline constexpr const char* study_detector_name = "study_spike";

// Faults a study's protocols and recording can have on their own: a protocol
// without amplitudes, a bracket or tolerance that cannot be bisected, a step
// past tstop, a recording interval that is no whole number of steps. Throws
// model_error with address part::settings and item "protocols[k].steps.FIELD",
// "protocols[k].rheobase.FIELD" or "recording.FIELD".
void check_study(const study& s);

} // namespace cajal
