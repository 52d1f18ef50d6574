// Traces and spikes as CSV.
#include <cajal/io/run_output.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "csv_field.hpp"

namespace cajal {

namespace {

// Sampling times are step × dt, computed the same way for every probe, so equal
// times compare equal exactly. Twelve significant digits hide the rounding of dt.
std::string format_time(double t) { return fmt::format("{:.12g}", t); }

} // namespace

std::string traces_csv(const std::vector<trace>& traces) {
    std::string out = "time (ms)";
    for (const auto& tr: traces) out += "," + csv_field(fmt::format("{} ({})", tr.name, tr.units));
    out += '\n';

    std::vector<double> times;
    for (const auto& tr: traces) times.insert(times.end(), tr.times.begin(), tr.times.end());
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());

    std::vector<std::size_t> next(traces.size(), 0);
    for (double t: times) {
        out += format_time(t);
        for (std::size_t k = 0; k < traces.size(); ++k) {
            out += ',';
            const auto& tr = traces[k];
            if (next[k] < tr.times.size() && tr.times[next[k]] == t) {
                out += fmt::format("{}", tr.values[next[k]]);
                ++next[k];
            }
        }
        out += '\n';
    }
    return out;
}

std::string spikes_csv(const prepared_network& network, const std::vector<spike_record>& spikes) {
    const auto& model = network.model();
    // Each population's end gid, name and its cell's senders.
    struct population_entry {
        std::uint64_t end = 0;
        const std::string* name = nullptr;
        std::vector<std::string> senders;
    };
    std::vector<population_entry> populations;
    std::uint64_t end = 0;
    for (const auto& p: model.populations) populations.push_back({end += p.count, &p.name, spike_senders(p.cell, network.catalogue())});
    for (const auto& p: model.sources) populations.push_back({end += p.count, &p.name, {}});
    struct row {
        std::string time;
        double written = 0;
        const spike_record* spike = nullptr;
    };
    std::vector<row> rows;
    rows.reserve(spikes.size());
    for (const auto& s: spikes) {
        std::string time = format_time(s.time);
        const double written = std::stod(time);
        rows.push_back({std::move(time), written, &s});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const row& a, const row& b) {
        if (a.written != b.written) return a.written < b.written;
        if (a.spike->gid != b.spike->gid) return a.spike->gid < b.spike->gid;
        return a.spike->sender < b.spike->sender;
    });
    std::string out = "gid,population,detector,time (ms)\n";
    for (const auto& r: rows) {
        const auto it = std::upper_bound(populations.begin(), populations.end(), r.spike->gid,
                                         [](std::uint64_t g, const population_entry& e) { return g < e.end; });
        const std::string population = it == populations.end() ? "" : *it->name;
        const std::string sender = it == populations.end() || r.spike->sender >= it->senders.size() ? "" : it->senders[r.spike->sender];
        out += fmt::format("{},{},{},{}\n", r.spike->gid, csv_field(population), csv_field(sender), r.time);
    }
    return out;
}

} // namespace cajal
