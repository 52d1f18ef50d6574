#pragma once
// What both kinds of run (a cell, a network) share: timing, the progress bar,
// all-or-nothing output folders.

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/core/simulation.hpp>

#include "run_command.hpp"

namespace cajal::cli {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start);

// A bar on stderr, drawn only when enabled (on a terminal) and only once a run
// has taken longer than a second, so that short runs and pipes stay silent.
class progress_bar {
public:
    explicit progress_bar(bool enabled): enabled_(enabled) {}
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;
    ~progress_bar() { finish(); }

    void update(double t, double tstop);
    // Erases the bar, so that what follows starts on a clean line.
    void finish();

private:
    bool enabled_;
    bool shown_ = false;
    clock_type::time_point start_ = clock_type::now();
};

// Output files are written into a hidden folder beside the target and moved
// into it only when all are complete; otherwise the hidden folder is removed.
class staged_output {
public:
    explicit staged_output(const std::filesystem::path& target);
    staged_output(const staged_output&) = delete;
    staged_output& operator=(const staged_output&) = delete;
    ~staged_output();

    void write(const std::string& name, std::string_view text);
    void commit();

private:
    std::filesystem::path target_, temp_;
    std::vector<std::string> names_;
    bool committed_ = false;
};

// The folder a run writes into: --output, or ./<model stem>.out.
std::filesystem::path output_folder(const run_options& options);

// Throws when the output folder exists and is not a folder: before any work.
void check_output_folder(const std::filesystem::path& out_dir);

// A run that produced NaN or infinity has failed, whatever it wrote.
void check_finite(const std::vector<trace>& traces);

} // namespace cajal::cli
