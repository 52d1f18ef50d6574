#include "run_command.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>

#include <fmt/core.h>
#include <unistd.h>

#include <cajal/core/simulation.hpp>
#include <cajal/io/model_file.hpp>
#include <cajal/io/run_output.hpp>
#include <cajal/support/errors.hpp>

#include "fault_injection.hpp"
#include "interrupt.hpp"
#include "output_folder.hpp"
#include "run_resources.hpp"
#include "run_support.hpp"
#include "study_command.hpp"

namespace cajal::cli {

namespace {

namespace fs = std::filesystem;

// The folder a run writes into: --output, or ./<model stem>.out.
fs::path output_folder(const run_options& options) {
    if (options.output_given) return options.output;
    return fs::path(".") / (fs::path(options.file).stem().string() + ".out");
}

// Rank 0 reads first, so that `nmodl` folders are compiled once and the
// other ranks find them cached.
model_file read_on_every_rank(const run_options& options, communicator& comm) {
    std::optional<model_file> file;
    auto read = [&] {
        inject_fault("read", comm.rank());
        file = read_model_file(options.file, builtin_catalogue(), {options.set, options.variants, options.max_variants});
    };
    if (comm.rank() == 0) read();
    comm.min(0);
    if (comm.rank() != 0) read();
    auto apply = [&options](simulation_settings& s) {
        if (!options.backend.empty()) s.backend = *backend_from_name(options.backend);
        if (options.threads > 0) s.threads = options.threads;
    };
    apply(file->model.settings);
    if (file->study) apply(file->study->settings);
    return std::move(*file);
}

// What ran and where, once the outputs are in place; the device is named so
// that a run left to `auto` says whether it found a GPU.
std::string run_line(const model_file& file, const simulation_result& result, const fs::path& out_dir) {
    const auto& stats = result.stats;
    const std::string where = stats.device.empty() ? stats.backend : fmt::format("{} ({})", stats.backend, stats.device);
    const auto cells = file.model.num_cells();
    const std::string what = file.single_cell ? fmt::format("{} CVs", stats.cvs) : fmt::format("{} cells ({} CVs)", cells, stats.cvs);
    return fmt::format("simulated {:g} ms: {} steps of {} on {}{}, {} spikes in {:.3g} s; outputs in {}", file.model.settings.tstop, stats.steps, what, where,
                       stats.ranks > 1 ? fmt::format(", {} ranks", stats.ranks) : "", result.spikes.size(), stats.integrate_seconds + stats.exchange_seconds,
                       out_dir.string());
}

void write_outputs(const run_options& options, const fs::path& out_dir, const prepared_network& network, const simulation_result& result,
                   run_timings& timings) {
    const staging_guard guard;
    const auto start = clock_type::now();
    staged_output out(out_dir);
    out.write("traces.csv", traces_csv(result.traces));
    out.write("spikes.csv", spikes_csv(network, result.spikes));
    out.write("traces.svg", run_plot_svg(network, result, fs::path(options.file).filename().string()));
    timings.write = seconds_since(start);
    out.write("summary.json", run_summary(options.file, network, result, timings).dump(2) + "\n");
    out.commit();
}

} // namespace

CLI::App* add_run_command(CLI::App& app, run_options& options) {
    CLI::App* cmd = app.add_subcommand(
        "run", "Simulate a model file, a cell or a network (see docs/model-format.md), and write traces, spikes, a summary and a plot");
    cmd->add_option("model", options.file, "model file (JSON)")->required();
    cmd->add_option("-o,--output", options.output, "output folder (default ./<model name>.out), replaced whole once the run succeeds")
        ->each([&options](const std::string&) { options.output_given = true; });
    cmd->add_option("--backend", options.backend,
                    "where to run: cpu, gpu, or auto (the GPU when one is usable); overrides the model's simulation.backend")
        ->check(CLI::IsMember(backend_names()));
    cmd->add_option("--threads", options.threads,
                    "threads stepping the cells on the CPU (default: the cores this process may use); overrides the model's simulation.threads")
        ->check(CLI::Range(1, 1024));
    cmd->add_flag("-q,--quiet", options.quiet, "print no progress bar, no warnings and no run line");
    cmd->add_flag("--dry-run", options.dry_run, "check the model, print its counts and the memory and output estimates, and stop");
    cmd->add_flag("--ignore-limits", options.ignore_limits, "run even where the estimates exceed the memory or disk this machine has");
    cmd->add_option("--max-variants", options.max_variants, "the most variants a study's grid may make (default 1000)")->check(CLI::PositiveNumber);
    cmd->add_option("--set", options.set, "PATH=VALUE: set a value of the model file before it is checked (repeatable), e.g. simulation.tstop=200")
        ->allow_extra_args(false);
    cmd->add_option("--variants", options.variants,
                    "run only these study variants: names or index ranges (1-50), separated by commas; the control always runs");
    return cmd;
}

int run_run_command(const run_options& options, communicator& comm) {
    const bool root = comm.rank() == 0;
    const fs::path out_dir = output_folder(options);
    if (root && !options.dry_run) check_output_folder(out_dir);
    run_timings timings;
    auto start = clock_type::now();
    const model_file file = read_on_every_rank(options, comm);
    inject_fault("prepare", comm.rank());
    const prepared_network network = file.prepare();
    timings.read = seconds_since(start);
    if (root && !options.quiet) {
        for (const auto& n: file.notes) fmt::print(stderr, "{}\n", n);
        for (const auto& w: file.warnings) fmt::print(stderr, "{}\n", w);
        const auto cells = network.model().num_cells();
        if (cells < std::uint64_t(comm.size())) {
            fmt::print(stderr, "{}: warning: {} of {} ranks have no cell to simulate (the model has {})\n", options.file, std::uint64_t(comm.size()) - cells,
                       comm.size(), cells == 1 ? "1 cell" : fmt::format("{} cells", cells));
        }
    }
    const bool gpu = network.model().settings.backend != backend_kind::cpu;
    const auto estimate = network.estimate(comm.size(), network.model().settings.backend);
    const auto limits = query_limits(out_dir, gpu);
    if (options.dry_run) {
        if (root) fmt::print("{}", describe_run(network, estimate, limits, comm.size(), comm.local_size()));
        return 0;
    }
    if (file.study) {
        // A study runs on rank 0; its runs are cells of one simulation there.
        if (root && comm.size() > 1 && !options.quiet) fmt::print(stderr, "{}: warning: a study runs on rank 0 only; {} ranks idle\n", options.file, comm.size() - 1);
        const int status = root ? run_study_file(options, file, out_dir, timings.read) : 0;
        comm.min(0);
        return status;
    }
    if (!options.ignore_limits) check_limits(estimate, limits, comm.local_size(), network.model().settings.backend == backend_kind::gpu);

    inject_fault("build", comm.rank());
    simulation sim(network, comm);
    simulation_result result;
    {
        progress_bar bar(root && !options.quiet && ::isatty(STDERR_FILENO));
        inject_fault("run", comm.rank());
        result = sim.run([&bar](double t, double tstop) { bar.update(t, tstop); });
    }
    timings.build = result.stats.build_seconds;
    timings.initialize = result.stats.initialize_seconds;
    timings.integrate = result.stats.integrate_seconds;
    timings.exchange = result.stats.exchange_seconds;
    if (root) {
        inject_fault("write", comm.rank());
        write_outputs(options, out_dir, network, result, timings);
        if (!options.quiet) fmt::print("{}\n", run_line(file, result, out_dir));
    }
    comm.min(0);   // no rank ends before rank 0 has written: a failure there ends them all
    return 0;
}

} // namespace cajal::cli
