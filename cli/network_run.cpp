#include "network_run.hpp"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>

#include <fmt/core.h>
#include <unistd.h>

#include <cajal/core/network.hpp>
#include <cajal/io/network_file.hpp>
#include <cajal/io/run_output.hpp>

#include "run_support.hpp"

namespace cajal::cli {

namespace {

namespace fs = std::filesystem;

// The slowest rank's value.
double max_over_ranks(communicator& comm, double value) { return -comm.min(-value); }

// Rank 0 reads first, so that `nmodl` folders are compiled once and the
// other ranks find them cached. A bad file ends the run from rank 0.
std::optional<network_file> read_on_every_rank(const run_options& options, communicator& comm) {
    std::optional<network_file> file;
    auto read = [&] {
        try {
            file = read_network_file(options.file);
        } catch (const model_file_error& e) {
            if (comm.size() > 1) comm.abort(e.what());
            fmt::print(stderr, "{}\n", e.what());
        }
    };
    if (comm.rank() == 0) read();
    comm.min(0);
    if (comm.rank() != 0) read();
    return file;
}

int simulate(const run_options& options, communicator& comm) {
    const bool root = comm.rank() == 0;
    const fs::path out_dir = output_folder(options);
    if (root) check_output_folder(out_dir);
    run_timings timings;
    auto start = clock_type::now();
    auto file = read_on_every_rank(options, comm);
    if (!file) return 1;
    network_model& model = file->model;
    if (!options.backend.empty()) model.run.backend = *backend_from_name(options.backend);
    timings.read = seconds_since(start);
    if (root && !options.quiet) {
        for (const auto& n: file->notes) fmt::print(stderr, "{}\n", n);
        for (const auto& w: file->warnings) fmt::print(stderr, "{}\n", w);
    }

    start = clock_type::now();
    network_simulation simulation(model, file->catalogue, comm);
    timings.lower = seconds_since(start);
    network_result result;
    start = clock_type::now();
    {
        progress_bar bar(root && !options.quiet && ::isatty(STDERR_FILENO));
        result = simulation.run([&bar](double t, double tstop) { bar.update(t, tstop); });
    }
    timings.integrate = seconds_since(start);
    timings.initialize = result.stats.initialize_seconds;

    network_totals totals;
    totals.ranks = comm.size();
    totals.cvs = comm.sum(result.stats.cvs);
    totals.connections = comm.sum(result.connections);
    totals.memory_bytes = comm.sum(result.stats.memory_bytes);
    totals.steps = static_cast<std::uint64_t>(max_over_ranks(comm, double(result.stats.steps)));
    totals.integrate_seconds = max_over_ranks(comm, result.stats.integrate_seconds);
    totals.exchange_seconds = max_over_ranks(comm, result.exchange_seconds);
    if (!root) return 0;

    check_finite(result.traces);
    start = clock_type::now();
    staged_output out(out_dir);
    out.write("traces.csv", traces_csv(result.traces));
    out.write("spikes.csv", network_spikes_csv(model, result.spikes));
    out.write("traces.svg", traces_svg(result.traces, fs::path(options.file).filename().string()));
    timings.write = seconds_since(start);
    out.write("summary.json", network_summary(options.file, model, result, totals, timings).dump(2) + "\n");
    out.commit();
    if (!options.quiet) {
        const auto& stats = result.stats;
        const std::string where = stats.device.empty() ? stats.backend : fmt::format("{} ({})", stats.backend, stats.device);
        fmt::print("simulated {:g} ms: {} cells ({} CVs) on {} rank{}, {}: {} spikes in {:.3g} s; outputs in {}\n", model.run.tstop,
                   simulation.num_cells(), totals.cvs, comm.size(), comm.size() == 1 ? "" : "s", where, result.spikes.size(),
                   timings.integrate, out_dir.string());
    }
    return 0;
}

} // namespace

int run_network(const run_options& options, communicator& comm) {
    if (comm.size() == 1) return simulate(options, comm);
    // A rank that failed alone must not leave the others waiting.
    try {
        return simulate(options, comm);
    } catch (const std::exception& e) {
        comm.abort(e.what());
    }
    return 1;   // not reached: abort() ends the process, through a virtual call the compiler cannot see into
}

} // namespace cajal::cli
