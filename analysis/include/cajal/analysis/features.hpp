#pragma once
// Electrophysiological features of a voltage trace, by eFEL's names and as
// eFEL 5.7 defines them (docs/features.md lists each one, its units and when
// it has no value). Each feature is computed, as eFEL computes it, on the trace
// resampled onto a uniform grid of settings.interp_step_ms (uniform_resampling.hpp).

#include <string>
#include <string_view>
#include <vector>

#include <cajal/analysis/feature_settings.hpp>
#include <cajal/analysis/feature_value.hpp>
#include <cajal/analysis/voltage_trace.hpp>

namespace cajal::analysis {

// The names compute() knows, in alphabetical order.
const std::vector<std::string>& feature_names();

// The feature `name` of `trace`. Throws cajal::input_error for an unknown name
// (listing the known ones), an invalid trace or invalid settings.
feature_value compute(std::string_view name, const voltage_trace& trace, const feature_settings& settings = {});

} // namespace cajal::analysis
