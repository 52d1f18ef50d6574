// Running a study's rounds (see study_run.hpp).
#include <cajal/study/study_run.hpp>

#include <algorithm>
#include <chrono>
#include <map>

#include <fmt/format.h>

#include <cajal/core/communicator.hpp>
#include <cajal/core/prepared_network.hpp>

namespace cajal {

std::size_t recorded_run::spikes_in_step() const {
    const double end = run.delay + run.duration;
    return static_cast<std::size_t>(std::count_if(spikes.begin(), spikes.end(), [&](double t) { return t >= run.delay && t <= end; }));
}

namespace {

// Runs per simulation: a batch of a few hundred cells keeps each step's
// arrays in cache (measured on Hay's channels on the example cell: 0.085 s
// of CPU per run in batches of 260, 0.111 s in one of 2570).
constexpr std::size_t runs_per_simulation = 256;

// Adds the time since `start` to `total` when it goes out of scope.
struct simulate_timer {
    double& total;
    std::chrono::steady_clock::time_point start;
    ~simulate_timer() { total += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); }
};

class study_runner {
public:
    study_runner(const study& s, const mechanism_catalogue& catalogue): s_(s), catalogue_(catalogue) {}

    study_results run() {
        check_study(s_);
        std::vector<study_run> steps;
        for (std::size_t v = 0; v < s_.variants.size(); ++v) {
            for (std::size_t p = 0; p < s_.protocols.size(); ++p) {
                const auto& kind = s_.protocols[p].kind;
                if (const auto* protocol = std::get_if<step_protocol>(&kind)) {
                    for (double a: protocol->amplitudes) steps.push_back({v, p, a, protocol->delay, protocol->duration});
                } else if (const auto* ramp = std::get_if<ramp_protocol>(&kind)) {
                    steps.push_back({v, p, ramp->to, ramp->delay, ramp->duration});
                } else if (const auto* train = std::get_if<train_protocol>(&kind)) {
                    for (double w: train->weights) steps.push_back({v, p, w, train->delay, train->duration()});
                }
            }
        }
        if (!steps.empty()) results_.runs = simulate(steps);
        for (std::size_t p = 0; p < s_.protocols.size(); ++p) {
            if (const auto* r = std::get_if<rheobase_protocol>(&s_.protocols[p].kind)) bisect(p, *r);
        }
        return std::move(results_);
    }

private:
    // The runs in as few simulations as their temperatures allow.
    std::vector<recorded_run> simulate(const std::vector<study_run>& runs) {
        std::vector<recorded_run> out(runs.size());
        std::map<double, std::vector<std::size_t>> by_celsius;
        for (std::size_t k = 0; k < runs.size(); ++k) by_celsius[s_.variants.at(runs[k].variant).celsius.value_or(s_.settings.celsius)].push_back(k);
        for (const auto& [celsius, indices]: by_celsius) {
            for (std::size_t first = 0; first < indices.size(); first += runs_per_simulation) {
                const std::size_t end = std::min(indices.size(), first + runs_per_simulation);
                std::vector<study_run> group;
                for (std::size_t i = first; i < end; ++i) group.push_back(runs[indices[i]]);
                auto recorded = simulate_together(group);
                for (std::size_t i = first; i < end; ++i) out[indices[i]] = std::move(recorded[i - first]);
            }
        }
        return out;
    }

    // One simulation of the runs; a run that diverges is taken out, with its
    // reason, and the others run again.
    std::vector<recorded_run> simulate_together(const std::vector<study_run>& runs) {
        std::vector<recorded_run> out(runs.size());
        std::vector<std::size_t> running(runs.size());
        for (std::size_t k = 0; k < runs.size(); ++k) {
            out[k].run = runs[k];
            running[k] = k;
        }
        while (!running.empty()) {
            std::vector<study_run> group;
            for (std::size_t k: running) group.push_back(runs[k]);
            try {
                auto recorded = simulate_once(group);
                for (std::size_t i = 0; i < running.size(); ++i) out[running[i]] = std::move(recorded[i]);
                return out;
            } catch (const simulation_error& e) {
                if (!e.gid() || *e.gid() >= last_run_of_gid_.size()) throw;
                const std::size_t failed = running[last_run_of_gid_[*e.gid()]];
                out[failed].failure = e.what();
                results_.failed += 1;
                running.erase(std::find(running.begin(), running.end(), failed));
            }
        }
        return out;
    }

    std::vector<recorded_run> simulate_once(const std::vector<study_run>& runs) {
        const auto start = std::chrono::steady_clock::now();
        std::vector<std::size_t>& run_of_gid = last_run_of_gid_;
        const network net = study_network(s_, runs, run_of_gid);
        auto comm = make_local_communicator();
        simulation sim(prepared_network(net, catalogue_), *comm);
        results_.simulations += 1;
        results_.cells += runs.size();
        // Counted whether the run completes or diverges.
        const simulate_timer timer{results_.simulate_seconds, start};
        simulation_result r = sim.run();
        std::vector<recorded_run> out(runs.size());
        for (std::size_t gid = 0; gid < run_of_gid.size(); ++gid) {
            out[run_of_gid[gid]].run = runs[run_of_gid[gid]];
            out[run_of_gid[gid]].v = std::move(r.traces[gid]);
        }
        for (const auto& spike: r.spikes) {
            if (spike.gid < run_of_gid.size()) out[run_of_gid[spike.gid]].spikes.push_back(spike.time);   // not the trains' sources
        }
        return out;
    }

    // Every variant's bracket halved in each round, all in one simulation.
    void bisect(std::size_t p, const rheobase_protocol& r) {
        const std::size_t variants = s_.variants.size();
        std::vector<rheobase_result> found(variants);
        std::vector<study_run> ends;
        for (std::size_t v = 0; v < variants; ++v) {
            found[v] = {v, p, std::nullopt, {}, r.low, r.high, 1};
            ends.push_back({v, p, r.low, r.delay, r.duration});
            ends.push_back({v, p, r.high, r.delay, r.duration});
        }
        const auto first = simulate(ends);
        std::vector<std::size_t> open;
        for (std::size_t v = 0; v < variants; ++v) {
            if (const auto& failed = !first[2 * v].failure.empty() ? first[2 * v] : first[2 * v + 1]; !failed.failure.empty()) {
                found[v].reason = fmt::format("diverged at {} nA: ", failed.run.amplitude) + failed.failure;
            } else if (first[2 * v].spikes_in_step() > 0) {
                found[v].reason = "fires at the bracket's low end";
            } else if (first[2 * v + 1].spikes_in_step() == 0) {
                found[v].reason = "does not fire at the bracket's high end";
            } else {
                open.push_back(v);
            }
        }
        while (!open.empty()) {
            std::vector<study_run> middles;
            for (std::size_t v: open) middles.push_back({v, p, (found[v].low + found[v].high) / 2, r.delay, r.duration});
            const auto round = simulate(middles);
            std::vector<std::size_t> still;
            for (std::size_t k = 0; k < open.size(); ++k) {
                auto& f = found[open[k]];
                if (!round[k].failure.empty()) {
                    f.reason = fmt::format("diverged at {} nA: ", middles[k].amplitude) + round[k].failure;
                    continue;
                }
                (round[k].spikes_in_step() > 0 ? f.high : f.low) = middles[k].amplitude;
                f.rounds += 1;
                if (f.high - f.low > r.tolerance) still.push_back(open[k]);
            }
            open = std::move(still);
        }
        for (auto& f: found) {
            if (f.reason.empty()) f.rheobase = f.high;
            results_.rheobases.push_back(f);
        }
    }

    const study& s_;
    const mechanism_catalogue& catalogue_;
    study_results results_;
    std::vector<std::size_t> last_run_of_gid_;   // of the latest simulation
};

} // namespace

study_results run_study(const study& s, const mechanism_catalogue& catalogue) { return study_runner(s, catalogue).run(); }

} // namespace cajal
