#pragma once
// Running a study: each round of runs as the members of one population in one
// simulation, and what each run recorded.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <cajal/core/network.hpp>
#include <cajal/core/simulation.hpp>
#include <cajal/study/study.hpp>

namespace cajal {

// One run: a variant under one step of a protocol (or its ramp, or one
// weight of its train).
struct study_run {
    std::size_t variant = 0, protocol = 0;
    double amplitude = 0;               // nA: the step's, the ramp's end; µS: the train's weight
    double delay = 0, duration = 0;     // ms: when the stimulus starts and how long it lasts
};

// The network of a round: the control cell with a clamp per protocol and a
// detector at the recording site, one member per run (its variant's changes
// and its step), and a v probe per member. Variants that change the cell
// itself (removals, ions) have a population of their own, the others share
// the control's. `run_of_gid` tells which run each gid is. All runs must be
// at one temperature, the first's.
network study_network(const study& s, const std::vector<study_run>& runs, std::vector<std::size_t>& run_of_gid);

// Each variant's changes on its cell, for checking: population k the cell of
// variant k, one member with its changes and no step.
network study_check_network(const study& s);

struct recorded_run {
    study_run run;
    trace v;                        // mV at the recording site
    std::vector<double> spikes;     // ms, detector crossings over the whole run
    std::string failure;            // why the run has no trace: its state diverged; empty when it ran
    // Spikes from the step's start to its end (as firing during the step).
    std::size_t spikes_in_step() const;
};

struct rheobase_result {
    std::size_t variant = 0, protocol = 0;
    std::optional<double> rheobase;   // nA: the bracket's high end; none when `high` does not fire or `low` does
    std::string reason;               // why there is none
    double low = 0, high = 0;         // the final bracket, nA
    std::size_t rounds = 0;
};

struct study_results {
    std::vector<recorded_run> runs;            // every step of every step protocol, variant by variant
    std::vector<rheobase_result> rheobases;    // per variant and rheobase protocol
    std::size_t simulations = 0, cells = 0;    // simulations run (a round, again without a run that diverged), and runs simulated in all
    std::size_t failed = 0;                    // runs whose state diverged
    double simulate_seconds = 0;               // wall time spent simulating
};

// Runs every protocol of the study on every variant, in this process: step
// protocols in one simulation, each rheobase search in rounds of one
// simulation. A run whose state diverges is recorded as failed, with the
// reason, and its round runs again without it. Throws model_error (the
// study's faults, found by check_study and prepared_network).
study_results run_study(const study& s, const mechanism_catalogue& catalogue);

} // namespace cajal
