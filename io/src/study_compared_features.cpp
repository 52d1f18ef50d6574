// What features.svg shows of each feature: per variant its percent change
// versus the control, as features.csv writes it, at one step of each protocol.
#include "study_features_plot.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace cajal::study_plot {

namespace {

// A feature's rows filled in per variant: its value, the control's, and what to show.
compared_feature compared(const study& s, const std::vector<feature_row>& rows, std::string feature, std::size_t protocol,
                          std::optional<double> stimulus) {
    compared_feature c{std::move(feature), protocol, stimulus, std::nullopt, false, {}};
    std::vector<std::optional<double>> values(s.variants.size());
    for (const auto& r: rows) {
        if (r.protocol == protocol && r.feature == c.feature && r.stimulus == stimulus) values.at(r.variant) = r.value;
    }
    c.control = values[0];
    // A change relative to 0 has no meaning: then the values themselves.
    c.relative = c.control && *c.control != 0;
    for (const auto& v: values) {
        if (v && c.relative) c.shown.push_back(100.0 * (*v - *c.control) / *c.control);
        else c.shown.push_back(v);
    }
    return c;
}

} // namespace

std::string compared_feature::title(const study& s) const {
    const std::string& name = s.protocols.at(protocol).name;
    if (stimulus) return fmt::format("{}, {} at {:g} nA", feature, name, *stimulus);
    return fmt::format("{}, {}", feature, name);
}

std::string compared_feature::shown_text() const {
    if (relative) return fmt::format("% change vs control ({:.4g})", *control);
    return control ? "value (the control's is 0)" : "value (the control has none)";
}

double compared_stimulus(const study& s, const study_results& results, std::size_t protocol) {
    double firing = -std::numeric_limits<double>::infinity();
    for (const auto& r: results.runs) {
        if (r.run.variant == 0 && r.run.protocol == protocol && r.spikes_in_step() > 0) firing = std::max(firing, r.run.amplitude);
    }
    if (firing > -std::numeric_limits<double>::infinity()) return firing;
    const auto& amplitudes = std::get<step_protocol>(s.protocols.at(protocol).kind).amplitudes;
    return *std::max_element(amplitudes.begin(), amplitudes.end());
}

std::vector<compared_feature> compared_features(const study& s, const study_results& results, const std::vector<feature_row>& rows) {
    std::vector<compared_feature> out;
    for (std::size_t p = 0; p < s.protocols.size(); ++p) {
        if (!std::holds_alternative<step_protocol>(s.protocols[p].kind)) continue;
        const double stimulus = compared_stimulus(s, results, p);
        for (const auto& name: s.features) out.push_back(compared(s, rows, name, p, stimulus));
        out.push_back(compared(s, rows, "fI_slope", p, std::nullopt));
    }
    for (std::size_t p = 0; p < s.protocols.size(); ++p) {
        if (std::holds_alternative<rheobase_protocol>(s.protocols[p].kind)) out.push_back(compared(s, rows, "rheobase", p, std::nullopt));
    }
    return out;
}

} // namespace cajal::study_plot
