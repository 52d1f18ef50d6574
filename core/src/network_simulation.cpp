// Simulating a network: this rank's cells stepped as one group, epochs no
// longer than the minimum delay, spikes exchanged at each epoch's end and
// turned into events on the cells they connect to.
#include <cajal/core/network.hpp>

#include <cajal/core/gpu.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace cajal {

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

// A cell's cost for balancing: its CVs, as its segments count them.
std::size_t cost_of(const cell_model& m) {
    return std::accumulate(m.segments.begin(), m.segments.end(), std::size_t{1}, [](std::size_t a, int s) { return a + static_cast<std::size_t>(s); });
}

// Largest cells first, each to the least loaded rank (ties: lower gid, lower
// rank): the same answer on every rank.
std::vector<std::uint64_t> own_cells(const std::vector<std::size_t>& costs, int ranks, int rank) {
    std::vector<std::uint64_t> order(costs.size());
    std::iota(order.begin(), order.end(), std::uint64_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::uint64_t a, std::uint64_t b) { return costs[a] > costs[b]; });
    std::vector<std::size_t> load(static_cast<std::size_t>(ranks), 0);
    std::vector<std::uint64_t> mine;
    for (auto gid: order) {
        const auto r = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        load[r] += costs[gid];
        if (r == static_cast<std::size_t>(rank)) mine.push_back(gid);
    }
    std::sort(mine.begin(), mine.end());
    return mine;
}

// A connection into a local cell: its handle in the cell group, and its delay.
struct incoming {
    std::size_t connection = 0;
    double delay = 0;
};

} // namespace

std::vector<std::string> spike_senders(const cell_model& cell, const mechanism_catalogue& catalogue) {
    std::vector<std::string> out;
    for (const auto& d: cell.detectors) out.push_back(d.name);
    for (const auto& p: cell.placed) {
        if (catalogue.get(p.mechanism).info.receives_events) out.push_back(p.label);
    }
    return out;
}

struct network_simulation::state {
    communicator* comm = nullptr;
    run_settings run;
    std::uint64_t num_cells = 0, num_sources = 0;
    std::vector<std::uint64_t> local;             // gids of the local cells, ascending
    std::vector<std::string> detector;            // per local cell: the detector whose spikes are the cell's
    std::vector<std::string> probe_names;         // every probe of the network, in model order
    std::vector<std::uint64_t> local_probes;      // network probe index of each local trace, in trace order
    std::uint64_t connections = 0;                // into the local cells
    std::unordered_map<std::uint64_t, std::vector<incoming>> by_source;
    std::vector<gid_spike> source_spikes;         // every source's, sorted
    std::size_t epoch_steps = 0;
    bool overlap = false;                         // exchange an epoch's spikes while the next one steps
    spike_timing timing = spike_timing::interpolated;
    std::unique_ptr<cell_simulation> cells;
};

network_simulation::network_simulation(const network_model& model, const mechanism_catalogue& catalogue, communicator& comm):
    state_(std::make_unique<state>()) {
    auto& s = *state_;
    s.comm = &comm;
    s.run = model.run;
    s.timing = model.timing;
    std::vector<const cell_population*> population_of;
    std::vector<std::size_t> costs;
    for (const auto& p: model.cells) {
        if (p.spike_detector.empty() && p.cell.detectors.empty()) {
            throw model_error("population '" + p.name + "': its cell has no detector, so it cannot send spikes");
        }
        const auto senders = spike_senders(p.cell, catalogue);
        if (!p.spike_detector.empty() && std::find(senders.begin(), senders.end(), p.spike_detector) == senders.end()) {
            throw model_error("population '" + p.name + "': spike_detector '" + p.spike_detector +
                              "' is neither a detector of its cell nor a point process that takes events");
        }
        for (std::size_t k = 0; k < p.count; ++k) population_of.push_back(&p);
        costs.insert(costs.end(), p.count, cost_of(p.cell));
    }
    s.num_cells = population_of.size();
    std::vector<const source_population*> source_of;
    for (const auto& p: model.sources) {
        validate(p.spec);
        for (std::size_t k = 0; k < p.count; ++k) source_of.push_back(&p);
    }
    s.num_sources = source_of.size();
    const auto num_gids = s.num_cells + s.num_sources;

    const double dt = model.run.dt;
    const double delay = min_delay(model.connections);
    if (delay < dt) throw model_error("the minimum connection delay, " + std::to_string(delay) + " ms, is shorter than dt = " + std::to_string(dt) + " ms");
    // Whole steps, no longer than the minimum delay: a spike of one epoch
    // reaches its targets in a later one.
    if (model.epoch < 0 || model.epoch > delay) {
        throw model_error("epoch " + std::to_string(model.epoch) + " ms: must be positive and no longer than the minimum delay, " + std::to_string(delay) + " ms");
    }
    // Several ranks overlap the exchange with computation where epochs of
    // half the minimum delay are possible: a spike of epoch k then acts from
    // epoch k + 2 on, so its exchange may run while epoch k + 1 steps.
    const bool halve = comm.size() > 1 && model.epoch == 0 && !std::isinf(delay) && delay >= 2 * dt * (1 - 1e-9);
    const double epoch = model.epoch > 0 ? model.epoch : std::isinf(delay) ? model.run.tstop : halve ? delay / 2 : delay;
    s.epoch_steps = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(epoch / dt + 1e-9)));
    s.overlap = comm.size() > 1 && 2 * double(s.epoch_steps) * dt <= delay * (1 + 1e-9);

    for (const auto& probe: model.probes) {
        if (probe.gid >= s.num_cells) {
            throw model_error("probe '" + probe.probe.name + "': gid " + std::to_string(probe.gid) + " is not a cell (the network has " +
                              std::to_string(s.num_cells) + " cells)");
        }
        s.probe_names.push_back(probe.probe.name);
    }

    s.local = own_cells(costs, comm.size(), comm.rank());
    std::vector<cell_model> models;
    std::vector<std::pair<std::uint64_t, connection>> local_connections;   // (local cell, connection), checked
    for (std::size_t k = 0; k < s.local.size(); ++k) {
        const auto gid = s.local[k];
        const auto& p = *population_of[gid];
        models.push_back(p.cell);
        models.back().run = model.run;
        models.back().probes.clear();
        for (std::size_t i = 0; i < model.probes.size(); ++i) {
            if (model.probes[i].gid != gid) continue;
            models.back().probes.push_back(model.probes[i].probe);
            s.local_probes.push_back(i);
        }
        s.detector.push_back(p.spike_detector.empty() ? p.cell.detectors.front().name : p.spike_detector);
        for (auto& c: incoming_connections(model.connections, gid)) {
            if (c.source >= num_gids) {
                throw model_error("connection from gid " + std::to_string(c.source) + " to gid " + std::to_string(gid) + ": the network has " +
                                  std::to_string(num_gids) + " gids");
            }
            const auto placed = std::find_if(p.cell.placed.begin(), p.cell.placed.end(), [&](const placed_process& q) { return q.label == c.synapse; });
            if (placed == p.cell.placed.end()) {
                throw model_error("connection from gid " + std::to_string(c.source) + " to gid " + std::to_string(gid) + ": population '" + p.name +
                                  "' has no synapse labelled '" + c.synapse + "'");
            }
            if (!catalogue.get(placed->mechanism).info.receives_events) {
                throw model_error("connection to '" + c.synapse + "' of population '" + p.name + "': a " + placed->mechanism + " takes no events");
            }
            local_connections.push_back({k, std::move(c)});
            ++s.connections;
        }
    }
    for (std::uint64_t k = 0; k < s.num_sources; ++k) {
        const auto gid = s.num_cells + k;
        for (double t: spike_times(source_of[k]->spec, gid, model.run.tstop)) s.source_spikes.push_back({gid, t});
    }
    sort_spikes(s.source_spikes);
    // Ranks on one node share its GPUs by local rank.
    if (model.run.backend != backend_kind::cpu) select_gpu(comm.local_rank());
    if (models.empty()) return;
    s.cells = std::make_unique<cell_simulation>(models, catalogue);
    for (const auto& [cell, c]: local_connections) s.by_source[c.source].push_back({s.cells->connect(cell, c.synapse, c.weight), c.delay});
}

network_simulation::~network_simulation() = default;

std::uint64_t network_simulation::num_cells() const noexcept { return state_->num_cells; }
std::uint64_t network_simulation::num_sources() const noexcept { return state_->num_sources; }
const std::vector<std::uint64_t>& network_simulation::local_cells() const noexcept { return state_->local; }

network_result network_simulation::run(const progress_callback& progress) {
    auto& s = *state_;
    network_result out;
    const double dt = s.run.dt;
    out.epoch = double(s.epoch_steps) * dt;
    // Events into this rank's cells from a spike at `spike`; never before the
    // current time, which rounding could otherwise put them a hair before.
    auto deliver = [&](const gid_spike& spike) {
        const auto it = s.by_source.find(spike.gid);
        if (it == s.by_source.end()) return;
        for (const auto& in: it->second) s.cells->queue_event(in.connection, std::max(spike.time + in.delay, s.cells->time()));
    };
    if (s.cells) {
        s.cells->start();
        for (const auto& spike: s.source_spikes) deliver(spike);
    }
    const auto total_steps = static_cast<std::size_t>(std::max(0.0, std::floor(s.run.tstop / dt + 1e-9)));
    std::vector<gid_spike> all = s.source_spikes;
    std::unique_ptr<spike_exchange> pending;
    for (std::size_t done = 0; done < total_steps;) {
        const auto last = std::min(total_steps, done + s.epoch_steps);
        std::vector<gid_spike> local;
        if (s.cells) {
            s.cells->advance_to(double(last) * dt);
            for (const auto& sp: s.cells->take_new_spikes()) {
                if (sp.detector != s.detector[sp.cell]) continue;
                // The crossing lies in (t_{n-1}, t_n]; NEURON's rule stamps it t_n.
                const double time = s.timing == spike_timing::step_end ? std::ceil(sp.time / dt - 1e-9) * dt : sp.time;
                local.push_back({s.local[sp.cell], time});
            }
        }
        const auto start = clock_type::now();
        std::vector<gid_spike> exchanged;
        if (s.overlap) {
            // The previous epoch's spikes, exchanged while this one stepped.
            if (pending) exchanged = pending->finish();
            pending = s.comm->start_gather_spikes(local);
        } else {
            exchanged = s.comm->gather_spikes(local);
        }
        out.exchange_seconds += seconds_since(start);
        if (s.cells) {
            for (const auto& spike: exchanged) deliver(spike);
        }
        all.insert(all.end(), exchanged.begin(), exchanged.end());
        ++out.epochs;
        done = last;
        if (progress) progress(double(done) * dt, s.run.tstop);
    }
    if (pending) {
        // The last epoch's spikes act after tstop; they are only recorded.
        const auto start = clock_type::now();
        const auto last = pending->finish();
        out.exchange_seconds += seconds_since(start);
        all.insert(all.end(), last.begin(), last.end());
    }
    std::vector<trace> local_traces;
    if (s.cells) {
        auto finished = s.cells->finish();
        out.stats = std::move(finished.stats);
        local_traces = std::move(finished.traces);
    }
    out.traces = gather_traces(local_traces);
    out.connections = s.connections;
    sort_spikes(all);
    out.spikes = std::move(all);
    return out;
}

// Each rank sends, per trace, its probe index and sample count, the units as
// NUL-terminated text, and the times then the values of every trace.
std::vector<trace> network_simulation::gather_traces(const std::vector<trace>& local) const {
    const auto& s = *state_;
    std::vector<std::uint64_t> headers;
    std::vector<char> units;
    std::vector<double> samples;
    for (std::size_t k = 0; k < local.size(); ++k) {
        headers.push_back(s.local_probes[k]);
        headers.push_back(local[k].times.size());
        units.insert(units.end(), local[k].units.begin(), local[k].units.end());
        units.push_back('\0');
        samples.insert(samples.end(), local[k].times.begin(), local[k].times.end());
        samples.insert(samples.end(), local[k].values.begin(), local[k].values.end());
    }
    const auto all_headers = s.comm->gather_to_root(headers);
    const auto all_units = s.comm->gather_to_root(units);
    const auto all_samples = s.comm->gather_to_root(samples);
    if (s.comm->rank() != 0) return {};

    std::vector<trace> traces(s.probe_names.size());
    for (std::size_t r = 0; r < all_headers.size(); ++r) {
        auto unit = all_units[r].begin();
        auto sample = all_samples[r].begin();
        for (std::size_t h = 0; h + 1 < all_headers[r].size(); h += 2) {
            trace& tr = traces[all_headers[r][h]];
            const auto n = static_cast<std::ptrdiff_t>(all_headers[r][h + 1]);
            tr.name = s.probe_names[all_headers[r][h]];
            const auto unit_end = std::find(unit, all_units[r].end(), '\0');
            tr.units.assign(unit, unit_end);
            unit = unit_end + 1;
            tr.times.assign(sample, sample + n);
            tr.values.assign(sample + n, sample + 2 * n);
            sample += 2 * n;
        }
    }
    return traces;
}

} // namespace cajal
