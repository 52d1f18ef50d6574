#include "run_command.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <unistd.h>

#include <cajal/core/simulation.hpp>
#include <cajal/io/atomic_file.hpp>
#include <cajal/io/model_file.hpp>
#include <cajal/io/run_output.hpp>

namespace cajal::cli {

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

// A bar on stderr, drawn only on a terminal and only once a run has taken
// longer than a second, so that short runs and pipes stay silent.
class progress_bar {
public:
    explicit progress_bar(bool enabled): enabled_(enabled) {}
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;
    ~progress_bar() { finish(); }

    void update(double t, double tstop) {
        if (!enabled_ || seconds_since(start_) < 1.0) return;
        constexpr int width = 30;
        const double fraction = tstop > 0 ? std::clamp(t / tstop, 0.0, 1.0) : 1.0;
        const int done = static_cast<int>(fraction * width);
        fmt::print(stderr, "\r[{:=<{}}{:<{}}] {:3.0f}%  {:.1f} / {:g} ms", "", done, "", width - done, 100 * fraction, t, tstop);
        std::fflush(stderr);
        shown_ = true;
    }

    // Erases the bar, so that what follows starts on a clean line.
    void finish() {
        if (!shown_) return;
        fmt::print(stderr, "\r\033[K");
        std::fflush(stderr);
        shown_ = false;
    }

private:
    bool enabled_;
    bool shown_ = false;
    clock_type::time_point start_ = clock_type::now();
};

// Output files are written into a hidden folder beside the target and moved
// into it only when all are complete; otherwise the hidden folder is removed.
class staged_output {
public:
    explicit staged_output(const fs::path& target): target_(normalized(target)) {
        temp_ = target_.parent_path() / fmt::format(".{}.partial-{}", target_.filename().string(), static_cast<long>(::getpid()));
    }
    staged_output(const staged_output&) = delete;
    staged_output& operator=(const staged_output&) = delete;
    ~staged_output() {
        std::error_code ec;
        if (!committed_) fs::remove_all(temp_, ec);
    }

    void write(const std::string& name, std::string_view text) {
        if (names_.empty()) {
            std::error_code ec;
            fs::create_directories(temp_, ec);
            if (ec) throw std::runtime_error(fmt::format("cannot write into '{}': {}", target_.string(), ec.message()));
        }
        write_file_atomically(temp_ / name, text);
        names_.push_back(name);
    }

    void commit() {
        std::error_code ec;
        if (!fs::exists(target_, ec)) {
            fs::create_directories(target_.parent_path());
            fs::rename(temp_, target_);
        } else {
            for (const auto& name: names_) fs::rename(temp_ / name, target_ / name);
            fs::remove(temp_, ec);
        }
        committed_ = true;
    }

private:
    // Absolute, without a trailing separator, so that the folder has a name.
    static fs::path normalized(const fs::path& p) {
        fs::path out = fs::absolute(p).lexically_normal();
        if (!out.has_filename()) out = out.parent_path();
        return out;
    }

    fs::path target_, temp_;
    std::vector<std::string> names_;
    bool committed_ = false;
};

// A run that produced NaN or infinity has failed, whatever it wrote.
void check_finite(const run_result& result) {
    for (const auto& tr: result.traces) {
        for (std::size_t i = 0; i < tr.values.size(); ++i) {
            if (!std::isfinite(tr.values[i])) {
                throw std::runtime_error(fmt::format("the simulation diverged: probe '{}' is {} at t = {:g} ms (try a smaller dt)",
                                                     tr.name, tr.values[i], tr.times[i]));
            }
        }
    }
}

// What ran and where, once the outputs are in place; the device is named so
// that a run left to `auto` says whether it found a GPU.
std::string run_line(const run_settings& settings, const run_statistics& stats, const fs::path& out_dir) {
    const std::string where = stats.device.empty() ? stats.backend : fmt::format("{} ({})", stats.backend, stats.device);
    return fmt::format("simulated {:g} ms: {} steps of {} CVs on {} in {:.3g} s; outputs in {}", settings.tstop, stats.steps,
                       stats.cvs, where, stats.integrate_seconds, out_dir.string());
}

fs::path output_folder(const run_options& options) {
    if (!options.output.empty()) return options.output;
    return fs::path(".") / (fs::path(options.file).stem().string() + ".out");
}

} // namespace

CLI::App* add_run_command(CLI::App& app, run_options& options) {
    CLI::App* cmd = app.add_subcommand("run", "Simulate a model file (see docs/model-format.md) and write traces, spikes, a summary and a plot");
    cmd->add_option("model", options.file, "model file (JSON)")->required();
    cmd->add_option("-o,--output", options.output, "output folder (default ./<model name>.out); replaced files only once the run succeeds");
    cmd->add_option("--backend", options.backend,
                    "where to run: cpu, gpu, or auto (the GPU when one is usable); overrides the model's simulation.backend")
        ->check(CLI::IsMember(backend_names()));
    cmd->add_flag("-q,--quiet", options.quiet, "print no progress bar, no warnings and no run line");
    return cmd;
}

int run_run_command(const run_options& options) {
    const fs::path out_dir = output_folder(options);
    std::error_code ec;
    if (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec)) {
        throw std::runtime_error(fmt::format("cannot write into '{}': it exists and is not a folder", out_dir.string()));
    }
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
    check_finite(result);
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

} // namespace cajal::cli
