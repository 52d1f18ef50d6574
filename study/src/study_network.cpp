// A round of a study as a network: one population of the control cell, one
// member per run.
#include <cajal/study/study_run.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace cajal {

std::string study_stimulus_label(std::size_t protocol) { return "study_stimulus_" + std::to_string(protocol); }

namespace {

std::string number_text(double x) { return fmt::format("{}", x); }

[[noreturn]] void fail(const std::string& item, const std::string& message) {
    throw model_error({model_address::part::settings, 0, item}, message);
}

void check_step(const std::string& at, double delay, double duration, double tstop) {
    if (!(std::isfinite(delay) && delay >= 0)) fail(at + ".delay", "must be a time of at least 0 ms");
    if (!(std::isfinite(duration) && duration > 0)) fail(at + ".duration", "must be a positive time");
    if (delay + duration > tstop) {
        fail(at + ".duration", "the step ends at " + number_text(delay + duration) + " ms, after tstop (" + number_text(tstop) + " ms)");
    }
}

} // namespace

void check_study(const study& s) {
    for (std::size_t k = 0; k < s.protocols.size(); ++k) {
        const std::string protocol = "protocols[" + std::to_string(k) + "]";
        if (const auto* steps = std::get_if<step_protocol>(&s.protocols[k].kind)) {
            const std::string at = protocol + ".steps";
            if (steps->amplitudes.empty()) fail(at + ".amplitudes", "needs at least one amplitude");
            for (double a: steps->amplitudes) {
                if (!std::isfinite(a)) fail(at + ".amplitudes", "amplitudes must be finite");
            }
            check_step(at, steps->delay, steps->duration, s.settings.tstop);
        } else {
            const std::string at = protocol + ".rheobase";
            const auto& r = std::get<rheobase_protocol>(s.protocols[k].kind);
            if (!(std::isfinite(r.low) && std::isfinite(r.high) && r.low < r.high)) fail(at + ".high", "the bracket needs low < high, both finite");
            if (!(std::isfinite(r.tolerance) && r.tolerance > 0)) fail(at + ".tolerance", "must be a positive current");
            // Each round halves the bracket: bound the rounds a tiny tolerance asks for.
            if ((r.high - r.low) / r.tolerance > 1e6) fail(at + ".tolerance", "is below a millionth of the bracket; give a larger one");
            check_step(at, r.delay, r.duration, s.settings.tstop);
        }
    }
    const double ratio = s.recording.interval / s.settings.dt;
    if (!(std::isfinite(ratio) && std::round(ratio) >= 1 && std::fabs(ratio - std::round(ratio)) <= 1e-9 * ratio)) {
        fail("recording.interval", number_text(s.recording.interval) + " ms is not a whole multiple of dt = " + number_text(s.settings.dt) + " ms");
    }
}

network study_network(const study& s, const std::vector<study_run>& runs) {
    cell_model cell = s.cell;
    for (std::size_t k = 0; k < s.protocols.size(); ++k) {
        cell.placed.push_back({study_stimulus_label(k), s.protocols[k].where, "IClamp", {{"amp", 0.0}, {"del", 0.0}, {"dur", 0.0}}});
    }
    cell.detectors.push_back({study_detector_name, s.recording.where, s.recording.threshold});

    cell_population population{"study", std::move(cell), runs.size(), study_detector_name, {}};
    network net;
    net.settings = s.settings;
    for (std::size_t m = 0; m < runs.size(); ++m) {
        const study_run& run = runs[m];
        auto changes = s.variants.at(run.variant).changes;
        const std::string clamp = study_stimulus_label(run.protocol);
        for (const auto& [parameter, value]: {std::pair{"amp", run.amplitude}, {"del", run.delay}, {"dur", run.duration}}) {
            changes.push_back({clamp, parameter, std::nullopt, parameter_change::operation::set, value});
        }
        population.member_changes.push_back(std::move(changes));
        net.probes.push_back({m, "v[" + std::to_string(m) + "]", s.recording.where, "v", s.recording.interval});
    }
    net.populations.push_back(std::move(population));
    return net;
}

} // namespace cajal
