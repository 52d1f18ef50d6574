#pragma once
// A study's features: eFEL's features of every run of a step protocol
// (cajal_analysis, with eFEL's default settings but the study's threshold),
// and per variant and protocol its f-I slope and its rheobase.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <cajal/study/study_run.hpp>

namespace cajal {

struct feature_row {
    std::size_t variant = 0, protocol = 0;
    std::optional<double> stimulus;   // nA; none for per-variant features
    std::string feature;
    std::optional<double> value;      // the mean over spikes of a per-spike feature
    std::string reason;               // why there is no value
};

// "fI_slope": the least-squares slope of the firing rate during the step
// (spikes / duration) against the amplitude, over the runs of a step
// protocol that fire up to the highest rate, in Hz/nA (none with fewer
// than two); "rheobase": a
// rheobase protocol's result, nA. Rows in run order, then per variant.
std::vector<feature_row> study_features(const study& s, const study_results& results);

// Each row's control value: the control's (variant 0) of the same feature,
// protocol and stimulus; in row order.
std::vector<std::optional<double>> control_values(const std::vector<feature_row>& rows);

} // namespace cajal
