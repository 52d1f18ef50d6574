// A round of a study as a network: one population of the control cell, one
// member per run.
#include <cajal/study/study_run.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace cajal {

std::string study_stimulus_label(std::size_t protocol) { return "study_stimulus_" + std::to_string(protocol); }
std::string study_train_name(std::size_t protocol) { return "study_train_" + std::to_string(protocol); }

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
        } else if (const auto* ramp = std::get_if<ramp_protocol>(&s.protocols[k].kind)) {
            const std::string at = protocol + ".ramp";
            if (!(std::isfinite(ramp->from) && std::isfinite(ramp->to))) fail(at + ".to", "the ramp's currents must be finite");
            check_step(at, ramp->delay, ramp->duration, s.settings.tstop);
        } else if (const auto* train = std::get_if<train_protocol>(&s.protocols[k].kind)) {
            const std::string at = protocol + ".train";
            if (train->weights.empty()) fail(at + ".weights", "needs at least one weight");
            for (double w: train->weights) {
                if (!(std::isfinite(w) && w >= 0)) fail(at + ".weights", "weights must be finite and not negative");
            }
            if (!(std::isfinite(train->interval) && train->interval > 0)) fail(at + ".interval", "must be a positive time");
            if (train->number == 0) fail(at + ".number", "needs at least one event");
            check_step(at, train->delay, train->duration(), s.settings.tstop);
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

namespace {

// The intervals of `from` that `removed` does not cover, branch by branch.
std::vector<branch_interval> without(const std::vector<branch_interval>& from, const std::vector<branch_interval>& removed) {
    std::vector<branch_interval> out;
    for (const auto& piece: from) {
        std::vector<branch_interval> left{piece};
        for (const auto& r: removed) {
            if (r.branch != piece.branch) continue;
            std::vector<branch_interval> next;
            for (const auto& l: left) {
                if (r.x1 <= l.x0 || r.x0 >= l.x1) {
                    next.push_back(l);
                    continue;
                }
                if (r.x0 > l.x0) next.push_back({l.branch, l.x0, r.x0});
                if (r.x1 < l.x1) next.push_back({l.branch, r.x1, l.x1});
            }
            left = std::move(next);
        }
        out.insert(out.end(), left.begin(), left.end());
    }
    return out;
}

// The cell every run of a population shares: the variant's cell, a clamp
// per protocol and the detector.
cell_model run_cell(const study& s, std::size_t variant) {
    cell_model cell = variant_cell(s, variant);
    for (std::size_t k = 0; k < s.protocols.size(); ++k) {
        const auto& kind = s.protocols[k].kind;
        if (const auto* train = std::get_if<train_protocol>(&kind)) {
            cell.placed.push_back({study_stimulus_label(k), s.protocols[k].where, train->mechanism, train->parameters});
            continue;
        }
        placed_process clamp{study_stimulus_label(k), s.protocols[k].where, "IClamp", {{"amp", 0.0}, {"del", 0.0}, {"dur", 0.0}}};
        // A ramp's current follows its waveform; each run turns it on (del, dur).
        if (const auto* ramp = std::get_if<ramp_protocol>(&kind)) clamp.play["amp"] = ramp_waveform{ramp->delay, ramp->delay + ramp->duration, ramp->from, ramp->to};
        cell.placed.push_back(std::move(clamp));
    }
    cell.detectors.push_back({study_detector_name, s.recording.where, s.recording.threshold});
    return cell;
}

std::vector<parameter_change> member_changes(const study& s, const study_run& run) {
    auto changes = s.variants.at(run.variant).changes;
    const auto& kind = s.protocols.at(run.protocol).kind;
    if (std::holds_alternative<train_protocol>(kind)) return changes;   // its events come through a connection
    const std::string clamp = study_stimulus_label(run.protocol);
    const auto set = [&](const char* parameter, double value) { changes.push_back({clamp, parameter, std::nullopt, parameter_change::operation::set, value}); };
    if (!std::holds_alternative<ramp_protocol>(kind)) set("amp", run.amplitude);
    set("del", run.delay);
    set("dur", run.duration);
    return changes;
}

// A spike source per train protocol, after the cells, connected to the runs
// of that protocol with their weights.
void add_trains(const study& s, const std::vector<study_run>& runs, const std::vector<std::size_t>& run_of_gid, network& net) {
    std::vector<connection> connections;
    const std::uint64_t cells = run_of_gid.size();
    for (std::size_t k = 0; k < s.protocols.size(); ++k) {
        const auto* train = std::get_if<train_protocol>(&s.protocols[k].kind);
        if (!train) continue;
        const std::uint64_t source = cells + net.sources.size();
        net.sources.push_back({study_train_name(k), regular_spikes{train->delay, train->interval, train->number}, 1});
        for (std::uint64_t gid = 0; gid < cells; ++gid) {
            const study_run& run = runs[run_of_gid[gid]];
            if (run.protocol == k) connections.push_back({source, gid, study_stimulus_label(k), run.amplitude, 0.0});
        }
    }
    if (!connections.empty()) net.connections.push_back(connection_list(std::move(connections)));
}

} // namespace

cell_model variant_cell(const study& s, std::size_t variant) {
    const study_variant& v = s.variants.at(variant);
    cell_model cell = s.cell;
    for (const auto& removal: v.removals) {
        auto& painted = cell.painted;
        for (auto& p: painted) {
            if (p.mechanism == removal.mechanism) p.region = removal.region ? without(p.region, *removal.region) : std::vector<branch_interval>{};
        }
        painted.erase(std::remove_if(painted.begin(), painted.end(), [](const painted_mechanism& p) { return p.region.empty(); }), painted.end());
    }
    for (const auto& change: v.ions) {
        ion_settings& ion = cell.ions.at(change.ion);
        ion.internal *= change.internal_scale;
        ion.external *= change.external_scale;
        if (change.reversal) {
            ion.reversal = *change.reversal;
            ion.nernst = false;
        }
    }
    return cell;
}

network study_network(const study& s, const std::vector<study_run>& runs, std::vector<std::size_t>& run_of_gid) {
    network net;
    net.settings = s.settings;
    if (!runs.empty()) net.settings.celsius = s.variants.at(runs.front().variant).celsius.value_or(s.settings.celsius);
    // Population 0 the control's cell, shared by every variant that changes values only.
    std::vector<std::size_t> population_of(s.variants.size(), 0);
    std::vector<std::vector<std::size_t>> members(1);
    for (std::size_t k = 0; k < runs.size(); ++k) {
        const std::size_t v = runs[k].variant;
        if (s.variants.at(v).changes_cell() && population_of[v] == 0) {
            population_of[v] = members.size();
            members.emplace_back();
        }
        members[population_of[v]].push_back(k);
    }
    run_of_gid.clear();
    for (std::size_t p = 0; p < members.size(); ++p) {
        if (members[p].empty()) continue;
        const std::size_t variant = p == 0 ? 0 : runs[members[p].front()].variant;
        cell_population population{p == 0 ? "study" : "study_" + s.variants[variant].name, run_cell(s, variant), members[p].size(), study_detector_name, {}};
        for (std::size_t k: members[p]) {
            population.member_changes.push_back(member_changes(s, runs[k]));
            net.probes.push_back({run_of_gid.size(), "v[" + std::to_string(run_of_gid.size()) + "]", s.recording.where, "v", s.recording.interval});
            run_of_gid.push_back(k);
        }
        net.populations.push_back(std::move(population));
    }
    add_trains(s, runs, run_of_gid, net);
    return net;
}

network study_check_network(const study& s) {
    network net;
    net.settings = s.settings;
    for (std::size_t v = 0; v < s.variants.size(); ++v) {
        cell_population population{"variant_" + std::to_string(v), run_cell(s, v), 1, study_detector_name, {}};
        population.member_changes.push_back(member_changes(s, {v, 0, 0, 0, 0}));
        net.populations.push_back(std::move(population));
    }
    return net;
}

} // namespace cajal
