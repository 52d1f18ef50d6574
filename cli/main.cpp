// The `cajal` command and its subcommands. Errors that reach here exit with 1
// (bad input, a failed write); usage errors (unknown option, bad value) with 2.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cajal/core/communicator.hpp>
#include <cajal/io/version.hpp>
#include <cajal/morphology/swc.hpp>

#include "morph_command.hpp"
#include "run_command.hpp"

namespace {

constexpr int input_error = 1;
constexpr int usage_error = 2;

} // namespace

int main(int argc, char** argv) {
    // First, before any other thread: under mpirun this starts MPI.
    const auto comm = cajal::make_communicator(argc, argv);
    const bool root = comm->rank() == 0;
    CLI::App app{"cajal: simulator of morphologically detailed neurons"};
    app.set_version_flag("--version", std::string(cajal::version()));
    app.require_subcommand(1);
    cajal::cli::morph_options morph;
    const CLI::App* morph_cmd = cajal::cli::add_morph_command(app, morph);
    cajal::cli::run_options run;
    const CLI::App* run_cmd = cajal::cli::add_run_command(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Every rank parsed the same arguments; one of them reports.
        if (e.get_exit_code() == 0) return root ? app.exit(e) : 0;  // --help, --version
        if (root) fmt::print(stderr, "cajal: {} (see cajal --help)\n", e.what());
        return usage_error;
    }
    try {
        if (morph_cmd->parsed()) return root ? cajal::cli::run_morph_command(morph) : 0;
        if (run_cmd->parsed()) return cajal::cli::run_run_command(run, *comm);
    } catch (const cajal::swc_error& e) {
        fmt::print(stderr, "{}\n", e.what());
        return input_error;
    } catch (const std::exception& e) {
        fmt::print(stderr, "cajal: {}\n", e.what());
        return input_error;
    }
    return 0;
}
