// A study's CSV files and summary.
#include <cajal/io/study_output.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "csv_field.hpp"

namespace cajal {

namespace {

std::string number(double x) { return fmt::format("{}", x); }

} // namespace

std::string features_csv(const study& s, const std::vector<feature_row>& rows) {
    std::string out = "variant,protocol,stimulus_nA,feature,value,change_vs_control_percent\n";
    const auto controls = control_values(rows);
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& row = rows[k];
        const auto& control = controls[k];
        const std::string change = row.value && control && *control != 0 ? number(100.0 * (*row.value - *control) / *control) : "";
        out += fmt::format("{},{},{},{},{},{}\n", csv_field(s.variants.at(row.variant).name), csv_field(s.protocols.at(row.protocol).name),
                           row.stimulus ? number(*row.stimulus) : "", csv_field(row.feature), row.value ? number(*row.value) : "", change);
    }
    return out;
}

std::string variants_csv(const study& s) {
    std::string out = "variant,target,parameter,region,operation,value\n";
    for (const auto& v: s.variants) {
        for (std::size_t k = 0; k < v.changes.size(); ++k) {
            const auto& c = v.changes[k];
            const std::string region = k < v.regions.size() ? v.regions[k] : "";
            out += fmt::format("{},{},{},{},{},{}\n", csv_field(v.name), csv_field(c.target), csv_field(c.parameter), csv_field(region),
                               c.op == parameter_change::operation::set ? "set" : "scale", number(c.value));
        }
        for (const auto& r: v.removals) out += fmt::format("{},{},,{},knock_out,\n", csv_field(v.name), csv_field(r.mechanism), csv_field(r.region_text));
        for (const auto& ion: v.ions) {
            if (ion.internal_scale != 1) out += fmt::format("{},{},internal,,scale,{}\n", csv_field(v.name), csv_field(ion.ion), number(ion.internal_scale));
            if (ion.external_scale != 1) out += fmt::format("{},{},external,,scale,{}\n", csv_field(v.name), csv_field(ion.ion), number(ion.external_scale));
            if (ion.reversal) out += fmt::format("{},{},reversal,,set,{}\n", csv_field(v.name), csv_field(ion.ion), number(*ion.reversal));
        }
        if (v.celsius) out += fmt::format("{},simulation,celsius,,set,{}\n", csv_field(v.name), number(*v.celsius));
    }
    return out;
}

std::string fi_csv(const study& s, const study_results& results) {
    std::string out = "variant,protocol,stimulus_nA,spikes,rate_Hz\n";
    for (const auto& r: results.runs) {
        if (!std::holds_alternative<step_protocol>(s.protocols.at(r.run.protocol).kind)) continue;
        if (!r.failure.empty()) {
            // A run that diverged has no count: empty fields, as features.csv's values.
            out += fmt::format("{},{},{},,\n", csv_field(s.variants.at(r.run.variant).name), csv_field(s.protocols.at(r.run.protocol).name), number(r.run.amplitude));
            continue;
        }
        const auto spikes = r.spikes_in_step();
        out += fmt::format("{},{},{},{},{}\n", csv_field(s.variants.at(r.run.variant).name), csv_field(s.protocols.at(r.run.protocol).name),
                           number(r.run.amplitude), spikes, number(1000.0 * static_cast<double>(spikes) / r.run.duration));
    }
    return out;
}

std::string rheobase_csv(const study& s, const study_results& results) {
    std::string out = "variant,protocol,rheobase_nA,change_vs_control_percent,low_nA,high_nA,rounds,reason\n";
    for (const auto& r: results.rheobases) {
        // The control is variant 0 of the same protocol.
        std::optional<double> control;
        for (const auto& c: results.rheobases) {
            if (c.variant == 0 && c.protocol == r.protocol) control = c.rheobase;
        }
        const std::string change = r.rheobase && control && *control != 0 ? number(100.0 * (*r.rheobase - *control) / *control) : "";
        out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_field(s.variants.at(r.variant).name), csv_field(s.protocols.at(r.protocol).name),
                           r.rheobase ? number(*r.rheobase) : "", change, number(r.low), number(r.high), r.rounds, csv_field(r.reason));
    }
    return out;
}

std::vector<trace> study_traces(const study& s, const study_results& results) {
    std::vector<trace> out;
    for (const auto& r: results.runs) {
        const auto& variant = s.variants.at(r.run.variant).name;
        if (std::find(s.traces.begin(), s.traces.end(), variant) == s.traces.end() || !r.failure.empty()) continue;
        trace t = r.v;
        t.name = fmt::format("{} / {} / {}", variant, s.protocols.at(r.run.protocol).name, number(r.run.amplitude));
        out.push_back(std::move(t));
    }
    return out;
}

nlohmann::json study_summary(const std::string& model_file, const study& s, const study_results& results, const study_timings& timings) {
    return {{"model", model_file},
            {"variants", s.variants.size()},
            {"protocols", s.protocols.size()},
            {"runs", results.runs.size()},
            {"rheobase_searches", results.rheobases.size()},
            {"failed_runs", results.failed},
            {"simulations", results.simulations},
            {"cells_simulated", results.cells},
            {"tstop_ms", s.settings.tstop},
            {"dt_ms", s.settings.dt},
            {"wall_time_s", {{"read", timings.read}, {"simulate", timings.simulate}, {"write", timings.write}}},
            {"cells_simulated_per_s", timings.simulate > 0 ? static_cast<double>(results.cells) / timings.simulate : 0.0}};
}

} // namespace cajal
