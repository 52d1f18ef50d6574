#include "run_command.hpp"

#include <cstdio>
#include <filesystem>

#include <fmt/core.h>
#include <unistd.h>

#include <cajal/core/simulation.hpp>
#include <cajal/io/model_file.hpp>
#include <cajal/io/network_file.hpp>
#include <cajal/io/run_output.hpp>

#include "network_run.hpp"
#include "run_support.hpp"

namespace cajal::cli {

namespace {

namespace fs = std::filesystem;

// What ran and where, once the outputs are in place; the device is named so
// that a run left to `auto` says whether it found a GPU.
std::string run_line(const run_settings& settings, const run_statistics& stats, const fs::path& out_dir) {
    const std::string where = stats.device.empty() ? stats.backend : fmt::format("{} ({})", stats.backend, stats.device);
    return fmt::format("simulated {:g} ms: {} steps of {} CVs on {} in {:.3g} s; outputs in {}", settings.tstop, stats.steps,
                       stats.cvs, where, stats.integrate_seconds, out_dir.string());
}

int run_cell(const run_options& options) {
    const fs::path out_dir = output_folder(options);
    check_output_folder(out_dir);
    run_timings timings;
    auto start = clock_type::now();
    model_file model;
    try {
        model = read_model_file(options.file);
    } catch (const model_file_error& e) {
        fmt::print(stderr, "{}\n", e.what());
        return 1;
    }
    if (!options.backend.empty()) model.model.run.backend = *backend_from_name(options.backend);
    timings.read = seconds_since(start);
    if (!options.quiet) {
        for (const auto& n: model.notes) fmt::print(stderr, "{}\n", n);
        for (const auto& w: model.warnings) fmt::print(stderr, "{}\n", w);
    }

    cell_simulation simulation(model.model, model.catalogue);
    run_result result;
    {
        progress_bar bar(!options.quiet && ::isatty(STDERR_FILENO));
        result = simulation.run([&bar](double t, double tstop) { bar.update(t, tstop); });
    }
    check_finite(result.traces);
    timings.lower = result.stats.lower_seconds;
    timings.initialize = result.stats.initialize_seconds;
    timings.integrate = result.stats.integrate_seconds;

    start = clock_type::now();
    staged_output out(out_dir);
    out.write("traces.csv", traces_csv(result.traces));
    out.write("spikes.csv", spikes_csv(result.spikes));
    out.write("traces.svg", traces_svg(result.traces, fs::path(options.file).filename().string()));
    timings.write = seconds_since(start);
    out.write("summary.json", run_summary(options.file, model.model.run, result, timings).dump(2) + "\n");
    out.commit();
    if (!options.quiet) fmt::print("{}\n", run_line(model.model.run, result.stats, out_dir));
    return 0;
}

} // namespace

CLI::App* add_run_command(CLI::App& app, run_options& options) {
    CLI::App* cmd = app.add_subcommand(
        "run", "Simulate a model file, a cell or a network (see docs/model-format.md), and write traces, spikes, a summary and a plot");
    cmd->add_option("model", options.file, "model file (JSON)")->required();
    cmd->add_option("-o,--output", options.output, "output folder (default ./<model name>.out); replaced files only once the run succeeds");
    cmd->add_option("--backend", options.backend,
                    "where to run: cpu, gpu, or auto (the GPU when one is usable); overrides the model's simulation.backend")
        ->check(CLI::IsMember(backend_names()));
    cmd->add_flag("-q,--quiet", options.quiet, "print no progress bar, no warnings and no run line");
    return cmd;
}

int run_run_command(const run_options& options, communicator& comm) {
    if (is_network_file(options.file)) return run_network(options, comm);
    if (comm.size() > 1) {
        // Every rank knows; one says so and ends them all.
        if (comm.rank() == 0) comm.abort(options.file + ": a single-cell model runs in one process; start it without mpirun");
        comm.min(0);   // waits for rank 0's abort
    }
    return run_cell(options);
}

} // namespace cajal::cli
