#pragma once
// features.svg (study_features_svg): what it shows of each feature, and its
// two layouts — a row of dots per feature, or a heat map per feature over a
// grid's two axes.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <cajal/study/study_features.hpp>

namespace cajal::study_plot {

// One feature of one protocol, at one stimulus for a run's features, and per
// variant what the plot shows of it.
struct compared_feature {
    std::string feature;
    std::size_t protocol = 0;
    std::optional<double> stimulus;              // nA; none for fI_slope and rheobase
    std::optional<double> control;               // the control's value
    bool relative = false;                       // shown as percent change versus the control
    std::vector<std::optional<double>> shown;    // per variant; none: missing
    std::string title(const study& s) const;     // "AP_amplitude, fi at 1 nA"
    std::string shown_text() const;              // "% change vs control (85.3)", or why it is the value
};

// The amplitude of a step protocol that features are compared at: the largest
// at which the control fires during the step, or the largest when it never does.
double compared_stimulus(const study& s, const study_results& results, std::size_t protocol);

// Per step protocol its features, then its fI_slope; then each rheobase.
std::vector<compared_feature> compared_features(const study& s, const study_results& results, const std::vector<feature_row>& rows);

// The two layouts, each a whole document.
std::string feature_rows_svg(const study& s, const std::vector<compared_feature>& features, const std::string& title);
std::string feature_heat_maps_svg(const study& s, const std::vector<compared_feature>& features, const std::string& title);

} // namespace cajal::study_plot
