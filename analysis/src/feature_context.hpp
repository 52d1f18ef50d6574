#pragma once
// What each feature function receives: the trace resampled onto eFEL's uniform
// grid, the stimulus and the settings. A feature with no value throws
// no_value, as eFEL's C++ throws when it returns None; compute() turns it into
// feature_value::none.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <cajal/analysis/feature_settings.hpp>

namespace cajal::analysis {

struct feature_context {
    std::vector<double> t;     // ms, uniform grid
    std::vector<double> v;     // mV, on t
    double stim_start = 0;     // ms
    double stim_end = 0;       // ms
    std::optional<double> stimulus_current;  // nA
    feature_settings settings;
};

class no_value: public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Index of the first time >= `time_ms`; t.size() when there is none.
std::size_t first_index_at_or_after(const std::vector<double>& t, double time_ms);

} // namespace cajal::analysis
