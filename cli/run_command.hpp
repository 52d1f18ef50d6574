#pragma once
// `cajal run MODEL.json`: simulate a model file, a cell or a network, in one
// process or on every rank mpirun starts, and write its traces, spikes, a
// summary and a plot into an output folder, all or nothing (rank 0 writes).

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <cajal/core/communicator.hpp>

namespace cajal::cli {

struct run_options {
    std::string file;
    std::string output;   // empty: ./<model stem>.out
    bool output_given = false;
    std::string backend;  // "cpu", "gpu" or "auto"; empty: as the model file says
    unsigned threads = 0; // 0: as the model file says
    bool quiet = false;
    bool dry_run = false;
    bool ignore_limits = false;
    std::size_t max_variants = 1000;   // a study's grid may make no more
    std::vector<std::string> set;      // PATH=VALUE
    std::string variants;              // a study's variants to run; empty: all
};

// Registers the subcommand on app; options are filled when it is parsed.
CLI::App* add_run_command(CLI::App& app, run_options& options);

// Returns the exit status (0); errors propagate as exceptions of their class
// (support/errors.hpp). The caller must end every rank when one fails.
int run_run_command(const run_options& options, communicator& comm);

} // namespace cajal::cli
