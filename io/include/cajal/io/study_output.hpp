#pragma once
// What `cajal run` writes for a study (docs/studies.md): each variant's
// changes, each run's firing during its step, each rheobase, and the summary.

#include <string>

#include <nlohmann/json.hpp>

#include <cajal/study/study_features.hpp>
#include <cajal/study/study_run.hpp>

namespace cajal {

// features.csv: variant,protocol,stimulus_nA,feature,value,
// change_vs_control_percent — long form, a row per feature of each run (and
// per variant: fI_slope, rheobase); empty where there is no value.
std::string features_csv(const study& s, const std::vector<feature_row>& rows);

// variants.csv: variant,target,parameter,region,operation,value — a row per
// change (the control, which changes nothing, has none).
std::string variants_csv(const study& s);

// fi.csv: variant,protocol,stimulus_nA,spikes,rate_Hz — per run of a step
// protocol, the spikes during its step and their rate over the step.
std::string fi_csv(const study& s, const study_results& results);

// rheobase.csv: variant,protocol,rheobase_nA,change_vs_control_percent,low_nA,
// high_nA,rounds,reason.
std::string rheobase_csv(const study& s, const study_results& results);

// fi.svg: a panel per step protocol of each variant's firing rate during the
// step (Hz, as fi.csv's rate_Hz) against the step's amplitude (nA), a line
// with markers per variant, the control black and thicker, on top. Up to ten
// variants besides the control are named in a legend; more are coloured by
// the colour map in study order, with a colour bar for the legend.
std::string study_fi_svg(const study& s, const study_results& results, const std::string& title);

// features.svg: every feature against the control, as features.csv's
// percent change versus the control (the value itself where the control has
// none or 0), a run's features at the step they are compared at: the largest
// amplitude at which the control fires during the step (the largest step when
// it never fires). A row of one dot per variant for each feature; a heat map
// over the two axes for each feature when the study has a grid of two axes.
// A missing value is light grey, never 0.
std::string study_features_svg(const study& s, const study_results& results, const std::vector<feature_row>& rows, const std::string& title);

// The v traces of the runs of the variants s.traces names (the variants this
// job runs), named "VARIANT / PROTOCOL / STIMULUS", for traces.csv.
std::vector<trace> study_traces(const study& s, const study_results& results);

// summary.json: the model file, counts (variants, protocols, runs,
// simulations, cells simulated) and the wall time per phase.
struct study_timings {
    double read = 0, simulate = 0, write = 0;   // s
};
nlohmann::json study_summary(const std::string& model_file, const study& s, const study_results& results, const study_timings& timings);

} // namespace cajal
