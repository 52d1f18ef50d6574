#include <cajal/analysis/features.hpp>

#include <map>

#include <cajal/analysis/uniform_resampling.hpp>
#include <cajal/support/errors.hpp>

#include "feature_functions.hpp"

namespace cajal::analysis {

namespace {

using feature_function = std::vector<double> (*)(const feature_context&);

const std::map<std::string, feature_function, std::less<>>& feature_table() {
    namespace f = feature_functions;
    static const std::map<std::string, feature_function, std::less<>> table{
        {"Spikecount", f::Spikecount},
        {"mean_frequency", f::mean_frequency},
        {"time_to_first_spike", f::time_to_first_spike},
        {"ISI_CV", f::ISI_CV},
        {"AP_amplitude", f::AP_amplitude},
        {"AP_width", f::AP_width},
        {"spike_half_width", f::spike_half_width},
        {"AP_begin_voltage", f::AP_begin_voltage},
        {"AHP_depth_abs", f::AHP_depth_abs},
        {"voltage_base", f::voltage_base},
        {"steady_state_voltage_stimend", f::steady_state_voltage_stimend},
        {"ohmic_input_resistance_vb_ssse", f::ohmic_input_resistance_vb_ssse},
        {"sag_ratio1", f::sag_ratio1},
    };
    return table;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name: names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

} // namespace

const std::vector<std::string>& feature_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;   // in the table's order: alphabetical
        for (const auto& [name, function]: feature_table()) out.push_back(name);
        return out;
    }();
    return names;
}

feature_value compute(std::string_view name, const voltage_trace& trace, const feature_settings& settings) {
    const auto entry = feature_table().find(name);
    if (entry == feature_table().end()) {
        throw input_error("unknown feature '" + std::string(name) + "'; the known ones: " + joined(feature_names()));
    }
    validate(trace);
    validate(settings);
    auto resampled = resample_uniform(trace.time_ms, trace.voltage_mV, settings.interp_step_ms);
    const feature_context context{std::move(resampled.time_ms), std::move(resampled.voltage_mV), trace.stimulus_start_ms,
                                  trace.stimulus_end_ms, trace.stimulus_current_nA, settings};
    try {
        return feature_value::of(entry->second(context));
    } catch (const no_value& e) {
        return feature_value::none(e.what());
    }
}

} // namespace cajal::analysis
