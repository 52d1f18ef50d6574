#pragma once
// One function per feature, each following the eFEL 5.7 definition of the same
// name (named in each function's comment). Each returns the feature's values or
// throws no_value.

#include <vector>

#include "feature_context.hpp"

namespace cajal::analysis::feature_functions {

// Spike times and intervals (spike_timing_features.cpp).
std::vector<double> Spikecount(const feature_context& c);
std::vector<double> mean_frequency(const feature_context& c);
std::vector<double> time_to_first_spike(const feature_context& c);
std::vector<double> ISI_CV(const feature_context& c);

// Per-spike shape (spike_shape_features.cpp).
std::vector<double> AP_amplitude(const feature_context& c);
std::vector<double> AP_width(const feature_context& c);
std::vector<double> spike_half_width(const feature_context& c);
std::vector<double> AP_begin_voltage(const feature_context& c);
std::vector<double> AHP_depth_abs(const feature_context& c);

// Below threshold (subthreshold_features.cpp).
std::vector<double> voltage_base(const feature_context& c);
std::vector<double> steady_state_voltage_stimend(const feature_context& c);
std::vector<double> ohmic_input_resistance_vb_ssse(const feature_context& c);
std::vector<double> sag_ratio1(const feature_context& c);

} // namespace cajal::analysis::feature_functions
