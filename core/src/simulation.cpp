// Simulating a prepared network: this rank's cells split into groups, each
// stepped by the one time loop on its own thread, epochs no longer than the
// minimum delay, spikes merged in one order and exchanged at each epoch's
// end and turned into events on the cells they connect to; at the end every
// spike and trace gathered on rank 0.
#include <cajal/core/simulation.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <functional>
#include <numeric>
#include <thread>
#include <unordered_map>

#include <sched.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cajal/core/gpu.hpp>

#include "label_groups.hpp"
#include "lower.hpp"
#include "time_loop.hpp"

namespace cajal {

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

// Largest cells first, each to the least loaded rank (ties: lower gid, lower
// rank): the same answer on every rank. A cell's cost is its CV count.
std::vector<std::uint64_t> own_cells(const prepared_network::impl& n, int ranks, int rank) {
    std::vector<std::uint64_t> order(n.model.num_cells());
    std::iota(order.begin(), order.end(), std::uint64_t{0});
    auto cost = [&](std::uint64_t gid) { return n.templates[n.population_of(gid)].cvs(); };
    std::stable_sort(order.begin(), order.end(), [&](std::uint64_t a, std::uint64_t b) { return cost(a) > cost(b); });
    std::vector<std::size_t> load(static_cast<std::size_t>(ranks), 0);
    std::vector<std::uint64_t> mine;
    for (auto gid: order) {
        const auto r = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        load[r] += cost(gid);
        if (r == static_cast<std::size_t>(rank)) mine.push_back(gid);
    }
    std::sort(mine.begin(), mine.end());
    return mine;
}

// The backend a run asks for, resolved against this build and machine:
// `automatic` takes the GPU where one is usable and every mechanism has GPU kernels.
std::unique_ptr<backend> make_backend(backend_kind kind, lowered_cell& c) {
    if (kind == backend_kind::gpu) return make_gpu_backend(c);
    if (kind == backend_kind::automatic && query_gpu().available &&
        std::all_of(c.mechanisms.begin(), c.mechanisms.end(), [](const mechanism_instances& m) { return m.impl->has_gpu_kernels(); })) {
        return make_gpu_backend(c);
    }
    return make_cpu_backend(c);
}

// The threads a run uses: as asked, else the cores this process may run on.
unsigned thread_count(const simulation_settings& settings) {
    if (settings.threads > 0) return settings.threads;
    cpu_set_t cores;
    if (sched_getaffinity(0, sizeof cores, &cores) == 0 && CPU_COUNT(&cores) > 0) return static_cast<unsigned>(CPU_COUNT(&cores));
    return std::max(1u, std::thread::hardware_concurrency());
}

// This rank's cells (indices into `local`) in at most `count` runs of
// consecutive gids of about equal cost (CVs plus mechanism instances), one
// per thread. Runs keep a population's members together, as the CPU cable
// solver's lanes want, and depend only on the cells and the count.
std::vector<std::vector<std::size_t>> split_cells(const prepared_network::impl& n, const std::vector<std::uint64_t>& local, std::size_t count) {
    std::vector<double> cost;
    double total = 0;
    for (const auto gid: local) {
        const auto& t = n.templates[n.population_of(gid)];
        std::size_t instances = 0;
        for (const auto& m: t.mechanisms) instances += m.cv.size();
        cost.push_back(double(t.cvs() + instances));
        total += cost.back();
    }
    std::vector<std::vector<std::size_t>> groups;
    count = std::min(count, local.size());
    double done = 0;   // the cost of the cells before c
    for (std::size_t c = 0; c < local.size(); ++c) {
        // A group opens once those before hold their share, or when every
        // cell left must open one for there to be `count`.
        const auto opened = groups.size();
        if (opened < count && (opened == 0 || done >= total * double(opened) / double(count) || local.size() - c <= count - opened)) groups.emplace_back();
        groups.back().push_back(c);
        done += cost[c];
    }
    return groups;
}

// A connection into a local cell: its group, its event template there, and its delay.
struct incoming {
    std::size_t group = 0;
    std::size_t connection = 0;
    double delay = 0;
};

// A share of this rank's cells, stepped by one thread.
struct cell_group {
    std::vector<std::size_t> members;         // indices into simulation::state::local
    lowered_cell cells;
    std::unique_ptr<time_loop> loop;
    std::vector<timed_event> connections;     // into its cells
    recording recorded;                       // at the end of the run
    std::vector<local_spike> spikes;          // likewise
};

} // namespace

bool spike_record_before(const spike_record& a, const spike_record& b) noexcept {
    if (a.time != b.time) return a.time < b.time;
    if (a.gid != b.gid) return a.gid < b.gid;
    return a.sender < b.sender;
}

struct simulation::state {
    prepared_network network;
    const prepared_network::impl* n = nullptr;
    communicator* comm = nullptr;
    std::vector<std::uint64_t> local;                 // gids of the local cells, ascending
    std::vector<cell_group> groups;                   // empty where this rank has no cells
    std::unique_ptr<tbb::global_control> allowed;     // as many threads as asked, even beyond the cores
    std::unique_ptr<tbb::task_arena> threads;         // steps the groups, one thread each
    std::unordered_map<std::uint64_t, std::vector<incoming>> by_source;
    std::vector<gid_spike> source_spikes;             // every source's, sorted
    std::size_t connection_count = 0;
    std::size_t epoch_steps = 0;
    bool overlap = false;                             // exchange an epoch's spikes while the next one steps
    double build_seconds = 0;

    explicit state(const prepared_network& p): network(p), n(&p.internals()) {}

    // Events into this rank's cells from a spike.
    void deliver(const gid_spike& spike) {
        const auto it = by_source.find(spike.gid);
        if (it == by_source.end()) return;
        for (const auto& in: it->second) {
            auto& g = groups[in.group];
            g.loop->queue_event(g.connections[in.connection], spike.time + in.delay);
        }
    }

    // A spike's time under the network's timing rule: the crossing lies in
    // (t_{n-1}, t_n], and NEURON's rule stamps it t_n.
    double stamped(double time) const {
        const double dt = n->model.settings.dt;
        return n->model.settings.timing == spike_timing::step_end ? std::ceil(time / dt - 1e-9) * dt : time;
    }

    void build_groups(std::size_t count);
    void each_group(const std::function<void(cell_group&, std::size_t)>& f);
    std::vector<gid_spike> take_outgoing();
    std::vector<trace> gather_traces() const;
    std::vector<spike_record> gather_spikes() const;
    run_statistics statistics(const run_statistics& mine) const;
};

// Each group lowered from its cells' templates, its connections made before
// its backend (which copies their rows).
void simulation::state::build_groups(std::size_t count) {
    const auto& settings = n->model.settings;
    for (auto& members: split_cells(*n, local, count)) {
        auto& g = groups.emplace_back();
        g.members = std::move(members);
        std::vector<std::uint64_t> gids;
        for (const auto c: g.members) gids.push_back(local[c]);
        g.cells = lower_cells(*n, gids);
    }
    for (std::size_t k = 0; k < groups.size(); ++k) {
        auto& g = groups[k];
        for (std::size_t cell = 0; cell < g.members.size(); ++cell) {
            for (const auto& c: incoming_connections(n->model.connections, local[g.members[cell]])) {
                for (const auto& target: labels_named(g.cells.placements[cell], c.synapse)) {
                    by_source[c.source].push_back({k, g.connections.size(), c.delay});
                    g.connections.push_back(connect(g.cells, cell, target->first, c.weight));
                }
            }
        }
        connection_count += g.connections.size();
        auto describe = [this, &g](std::size_t cell) {
            const auto gid = local[g.members[cell]];
            return "cell " + n->model.member_name(gid) + " (gid " + std::to_string(gid) + ")";
        };
        g.loop = std::make_unique<time_loop>(g.cells, make_backend(settings.backend, g.cells), describe);
    }
}

// f(group k, k) for every group, in parallel. A group's error is rethrown
// after all have stopped, the first group's first, whatever the threads' timing.
void simulation::state::each_group(const std::function<void(cell_group&, std::size_t)>& f) {
    std::vector<std::exception_ptr> failed(groups.size());
    threads->execute([&] {
        tbb::parallel_for(std::size_t{0}, groups.size(), [&](std::size_t k) {
            try {
                f(groups[k], k);
            } catch (...) {
                failed[k] = std::current_exception();
            }
        });
    });
    for (const auto& e: failed) {
        if (e) std::rethrow_exception(e);
    }
}

// The spikes of this epoch that connections carry, in (time, gid) order:
// the same list however the cells are grouped.
std::vector<gid_spike> simulation::state::take_outgoing() {
    std::vector<gid_spike> outgoing;
    for (auto& g: groups) {
        for (const auto& sp: g.loop->take_new_spikes()) {
            const auto gid = local[g.members[sp.cell]];
            if (n->spike_sender[n->population_of(gid)] == sp.sender) outgoing.push_back({gid, stamped(sp.time)});
        }
    }
    std::stable_sort(outgoing.begin(), outgoing.end(), [](const gid_spike& a, const gid_spike& b) { return a.time != b.time ? a.time < b.time : a.gid < b.gid; });
    return outgoing;
}

simulation::simulation(const prepared_network& network, communicator& comm): state_(std::make_unique<state>(network)) {
    const auto start = clock_type::now();
    auto& s = *state_;
    const auto& n = *s.n;
    const auto& settings = n.model.settings;
    s.comm = &comm;

    // Several ranks overlap the exchange with computation where epochs of
    // half the minimum delay are possible: a spike of epoch k then acts from
    // epoch k + 2 on, so its exchange may run while epoch k + 1 steps.
    const double dt = settings.dt, delay = n.min_cell_delay;
    const bool halve = comm.size() > 1 && settings.epoch == 0 && !std::isinf(delay) && delay >= 2 * dt * (1 - 1e-9);
    const double epoch = settings.epoch > 0 ? settings.epoch : std::isinf(delay) ? settings.tstop : halve ? delay / 2 : delay;
    s.epoch_steps = std::max<std::size_t>(1, steps_until(epoch, dt));
    s.overlap = comm.size() > 1 && 2 * double(s.epoch_steps) * dt <= delay * (1 + 1e-9);

    s.local = own_cells(n, comm.size(), comm.rank());
    std::uint64_t gid = n.model.num_cells();
    for (const auto& p: n.model.sources) {
        for (std::size_t k = 0; k < p.count; ++k, ++gid) {
            for (double t: spike_times(p.spec, gid, settings.tstop)) s.source_spikes.push_back({gid, t});
        }
    }
    sort_spikes(s.source_spikes);
    // Ranks on one node share its GPUs by local rank.
    if (settings.backend != backend_kind::cpu) select_gpu(comm.local_rank());
    if (!s.local.empty()) {
        // A GPU steps the rank's cells as one group; the host's threads idle.
        const bool gpu = settings.backend == backend_kind::gpu || (settings.backend == backend_kind::automatic && query_gpu().available);
        const auto count = gpu ? 1 : thread_count(settings);
        const auto used = std::min<std::size_t>(count, s.local.size());
        s.allowed = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, used);
        s.threads = std::make_unique<tbb::task_arena>(static_cast<int>(used));
        s.build_groups(count);
    }
    s.build_seconds = seconds_since(start);
}

simulation::~simulation() = default;

const std::vector<std::uint64_t>& simulation::local_cells() const noexcept { return state_->local; }

simulation_result simulation::run(const progress_callback& progress) {
    auto& s = *state_;
    const auto& settings = s.n->model.settings;
    const double dt = settings.dt;
    const auto total_steps = s.n->steps;
    run_statistics local;
    auto start = clock_type::now();
    if (!s.groups.empty()) {
        s.each_group([](cell_group& g, std::size_t) { g.loop->start(); });
        for (const auto& spike: s.source_spikes) s.deliver(spike);
    }
    local.initialize_seconds = seconds_since(start);
    start = clock_type::now();
    std::unique_ptr<spike_exchange> pending;
    for (std::size_t done = 0; done < total_steps;) {
        const auto last = std::min<std::size_t>(total_steps, done + s.epoch_steps);
        std::vector<gid_spike> outgoing;
        if (!s.groups.empty()) {
            // Progress from the first group only: one thread reports.
            s.each_group([&](cell_group& g, std::size_t k) { g.loop->advance(last, k == 0 ? progress : progress_callback{}, settings.tstop); });
            outgoing = s.take_outgoing();
        }
        const auto exchange_start = clock_type::now();
        std::vector<gid_spike> exchanged;
        if (s.overlap) {
            // The previous epoch's spikes, exchanged while this one stepped.
            if (pending) exchanged = pending->finish();
            pending = s.comm->start_gather_spikes(outgoing);
        } else {
            exchanged = s.comm->gather_spikes(outgoing);
        }
        local.exchange_seconds += seconds_since(exchange_start);
        if (!s.groups.empty()) {
            for (const auto& spike: exchanged) s.deliver(spike);
        }
        ++local.epochs;
        done = last;
        if (progress) progress(double(done) * dt, settings.tstop);
    }
    if (pending) {
        // The last epoch's spikes act after tstop; every rank has them anyway.
        const auto exchange_start = clock_type::now();
        pending->finish();
        local.exchange_seconds += seconds_since(exchange_start);
    }
    local.integrate_seconds = seconds_since(start) - local.exchange_seconds;
    for (auto& g: s.groups) {
        g.recorded = g.loop->finish(g.spikes);
        local.memory_bytes += g.loop->stepping_backend().memory_bytes();
    }
    if (!s.groups.empty()) {
        local.backend = s.groups.front().loop->stepping_backend().name();
        local.device = s.groups.front().loop->stepping_backend().device();
    }
    local.threads = static_cast<unsigned>(s.groups.size());
    local.steps = total_steps;
    local.epoch = double(s.epoch_steps) * dt;
    local.build_seconds = s.build_seconds;
    simulation_result result;
    result.traces = s.gather_traces();
    result.spikes = s.gather_spikes();
    result.stats = s.statistics(local);
    return result;
}

// Each rank sends, per trace, its probe index and sample count, then the
// times and the values of every trace.
std::vector<trace> simulation::state::gather_traces() const {
    std::vector<std::uint64_t> headers;
    std::vector<double> samples;
    for (const auto& g: groups) {
        const auto& recorded = g.recorded;
        for (std::size_t k = 0; k < recorded.times.size(); ++k) {
            headers.push_back(g.cells.probes[k].probe);
            headers.push_back(recorded.times[k].size());
            samples.insert(samples.end(), recorded.times[k].begin(), recorded.times[k].end());
            samples.insert(samples.end(), recorded.values[k].begin(), recorded.values[k].end());
        }
    }
    const auto all_headers = comm->gather_to_root(headers);
    const auto all_samples = comm->gather_to_root(samples);
    if (comm->rank() != 0) return {};
    std::vector<trace> traces(n->probes.size());
    for (std::size_t k = 0; k < traces.size(); ++k) {
        traces[k].name = n->model.probes[k].name;
        traces[k].units = n->probes[k].units;
    }
    for (std::size_t r = 0; r < all_headers.size(); ++r) {
        auto sample = all_samples[r].begin();
        for (std::size_t h = 0; h + 1 < all_headers[r].size(); h += 2) {
            trace& tr = traces[all_headers[r][h]];
            const auto count = static_cast<std::ptrdiff_t>(all_headers[r][h + 1]);
            tr.times.assign(sample, sample + count);
            tr.values.assign(sample + count, sample + 2 * count);
            sample += 2 * count;
        }
    }
    return traces;
}

// Every local spike (each detector's and net_event's), gathered on rank 0
// with every source's.
std::vector<spike_record> simulation::state::gather_spikes() const {
    std::vector<spike_record> mine;
    for (const auto& g: groups) {
        for (const auto& sp: g.spikes) mine.push_back({local[g.members[sp.cell]], sp.sender, stamped(sp.time)});
    }
    const auto all = comm->gather_to_root(mine);
    if (comm->rank() != 0) return {};
    std::vector<spike_record> out;
    for (const auto& rank: all) out.insert(out.end(), rank.begin(), rank.end());
    for (const auto& sp: source_spikes) out.push_back({sp.gid, 0, sp.time});
    std::sort(out.begin(), out.end(), spike_record_before);
    return out;
}

// Totals over the ranks: counts summed, times the slowest rank's.
run_statistics simulation::state::statistics(const run_statistics& mine) const {
    const auto counts = network.counts();
    auto slowest = [&](double x) { return -comm->min(-x); };
    run_statistics t = mine;
    t.ranks = comm->size();
    t.cvs = counts.cvs;
    t.instances = counts.instances;
    t.connections = comm->sum(connection_count);
    t.memory_bytes = comm->sum(mine.memory_bytes);
    t.build_seconds = slowest(mine.build_seconds);
    t.initialize_seconds = slowest(mine.initialize_seconds);
    t.integrate_seconds = slowest(mine.integrate_seconds);
    t.exchange_seconds = slowest(mine.exchange_seconds);
    return t;
}

} // namespace cajal
