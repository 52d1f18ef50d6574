#include <cajal/study/study_features.hpp>

#include <algorithm>
#include <map>
#include <tuple>

#include <cajal/analysis/features.hpp>

namespace cajal {

namespace {

feature_row of(const analysis::feature_value& value, feature_row row) {
    if (value.has_value()) {
        row.value = value.mean();
    } else {
        row.reason = value.reason();
    }
    return row;
}

// Hz per nA over the runs that fire, up to the one of the highest rate (past
// it, depolarization block makes the rate fall); none with fewer than two.
std::optional<double> fi_slope(std::vector<const recorded_run*> runs) {
    std::erase_if(runs, [](const recorded_run* r) { return !r->failure.empty() || r->spikes_in_step() == 0; });
    std::sort(runs.begin(), runs.end(), [](const recorded_run* a, const recorded_run* b) { return a->run.amplitude < b->run.amplitude; });
    const auto rate = [](const recorded_run* r) { return 1000.0 * static_cast<double>(r->spikes_in_step()) / r->run.duration; };
    const auto peak = std::max_element(runs.begin(), runs.end(), [&](const recorded_run* a, const recorded_run* b) { return rate(a) < rate(b); });
    if (peak != runs.end()) runs.erase(peak + 1, runs.end());
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto* r: runs) {
        const double x = r->run.amplitude, y = rate(r);
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double denominator = n * sxx - sx * sx;
    if (n < 2 || denominator <= 0) return std::nullopt;
    return (n * sxy - sx * sy) / denominator;
}

} // namespace

std::vector<feature_row> study_features(const study& s, const study_results& results) {
    std::vector<feature_row> rows;
    analysis::feature_settings settings;
    settings.threshold_mV = s.recording.threshold;
    for (const auto& r: results.runs) {
        if (!r.failure.empty()) {
            for (const auto& name: s.features) rows.push_back({r.run.variant, r.run.protocol, r.run.amplitude, name, std::nullopt, "the run failed: " + r.failure});
            continue;
        }
        // A train's weight is no current: no input resistance from it.
        const bool current = !std::holds_alternative<train_protocol>(s.protocols[r.run.protocol].kind);
        analysis::voltage_trace trace{r.v.times, r.v.values, r.run.delay, r.run.delay + r.run.duration,
                                      current ? std::optional<double>(r.run.amplitude) : std::nullopt};
        for (const auto& name: s.features) {
            rows.push_back(of(analysis::compute(name, trace, settings), {r.run.variant, r.run.protocol, r.run.amplitude, name, std::nullopt, {}}));
        }
    }
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
        for (std::size_t p = 0; p < s.protocols.size(); ++p) {
            if (!std::holds_alternative<step_protocol>(s.protocols[p].kind)) continue;
            std::vector<const recorded_run*> runs;
            for (const auto& r: results.runs) {
                if (r.run.variant == v && r.run.protocol == p) runs.push_back(&r);
            }
            feature_row row{v, p, std::nullopt, "fI_slope", fi_slope(runs), {}};
            if (!row.value) row.reason = "fewer than two steps fire up to the highest rate";
            rows.push_back(std::move(row));
        }
    }
    for (const auto& r: results.rheobases) rows.push_back({r.variant, r.protocol, std::nullopt, "rheobase", r.rheobase, r.reason});
    return rows;
}

std::vector<std::optional<double>> control_values(const std::vector<feature_row>& rows) {
    using key = std::tuple<std::size_t, std::string, bool, double>;
    const auto key_of = [](const feature_row& r) { return key{r.protocol, r.feature, r.stimulus.has_value(), r.stimulus.value_or(0)}; };
    std::map<key, std::optional<double>> control;
    for (const auto& r: rows) {
        if (r.variant == 0) control[key_of(r)] = r.value;
    }
    std::vector<std::optional<double>> out;
    out.reserve(rows.size());
    for (const auto& r: rows) {
        const auto it = control.find(key_of(r));
        out.push_back(it == control.end() ? std::nullopt : it->second);
    }
    return out;
}

} // namespace cajal
