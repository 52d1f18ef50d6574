#pragma once
// `cajal run MODEL.json`: simulate a model file, a cell or a network, and write
// its traces, spikes, a summary and a plot into an output folder, all or
// nothing. Networks run on every rank mpirun starts; outputs come from rank 0.

#include <string>

#include <CLI/CLI.hpp>

#include <cajal/core/communicator.hpp>

namespace cajal::cli {

struct run_options {
    std::string file;
    std::string output;   // empty: ./<model stem>.out
    std::string backend;  // "cpu", "gpu" or "auto"; empty: as the model file says
    bool quiet = false;
};

// Registers the subcommand on app; options are filled when it is parsed.
CLI::App* add_run_command(CLI::App& app, run_options& options);

// Returns the exit status. A model file error is reported here as one line on
// stderr (status 1); other errors propagate as exceptions. With several ranks,
// any error ends every rank through comm.abort() after reporting it.
int run_run_command(const run_options& options, communicator& comm);

} // namespace cajal::cli
