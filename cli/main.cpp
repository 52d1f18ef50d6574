// The `cajal` command and its subcommands. Exit statuses by class of error
// (exit_status.hpp, docs/cli.md); under mpirun, an error on any rank ends
// every rank with that rank's message.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cajal/core/communicator.hpp>
#include <cajal/io/model_file.hpp>
#include <cajal/io/version.hpp>
#include <cajal/morphology/swc.hpp>
#include <cajal/support/errors.hpp>

#include "exit_status.hpp"
#include "interrupt.hpp"
#include "morph_command.hpp"
#include "run_command.hpp"
#include "suggest.hpp"

namespace {

using namespace cajal::cli;

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* o: app.get_options()) {
        for (const auto& n: o->get_lnames()) names.push_back("--" + n);
        for (const auto& n: o->get_snames()) names.push_back("-" + n);
    }
    return names;
}

// What a usage error says: CLI11's message, and for a word that is no
// subcommand or option, the nearest one.
std::string usage_message(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
    std::vector<std::string> subcommands;
    for (const CLI::App* sub: app.get_subcommands({})) subcommands.push_back(sub->get_name());
    const CLI::App* chosen = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (!chosen && word[0] != '-') {
            for (const CLI::App* sub: app.get_subcommands({})) {
                if (sub->get_name() == word) chosen = sub;
            }
            if (chosen) continue;
            if (const auto near = nearest_name(word, subcommands)) return fmt::format("unknown command '{}'; did you mean '{}'?", word, *near);
            continue;
        }
        if (word.size() < 2 || word[0] != '-') continue;
        const std::string name = word.substr(0, word.find('='));
        auto known = option_names(app);
        if (chosen) {
            const auto own = option_names(*chosen);
            known.insert(known.end(), own.begin(), own.end());
        }
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        if (const auto near = nearest_name(name, known)) return fmt::format("unknown option '{}'; did you mean '{}'?", name, *near);
    }
    return e.what();
}

int status_of(const std::exception& e) {
    if (dynamic_cast<const cajal::input_error*>(&e)) return input_failure;
    if (dynamic_cast<const cajal::environment_error*>(&e)) return environment_failure;
    return internal_failure;
}

// What an error says: located input errors (FILE: PATH: message,
// FILE:LINE: message) stand alone; cajal says the others.
struct report {
    std::string text;
    bool located = false;
    std::string line() const { return located ? text : "cajal: " + text; }
};

report report_of(const std::exception& e) {
    if (dynamic_cast<const cajal::model_file_error*>(&e) || dynamic_cast<const cajal::swc_error*>(&e)) return {e.what(), true};
    if (status_of(e) == internal_failure) return {fmt::format("internal error: {}; please report it with the model file", e.what())};
    return {e.what()};
}

} // namespace

int main(int argc, char** argv) {
    std::unique_ptr<cajal::communicator> comm;
    try {
        // First, before any other thread: under mpirun this starts MPI.
        comm = cajal::make_communicator(argc, argv);
    } catch (const std::exception& e) {
        fmt::print(stderr, "cajal: cannot start MPI: {}\n", e.what());
        return environment_failure;
    }
    handle_interrupts();
    const bool root = comm->rank() == 0;
    CLI::App app{"cajal: simulator of morphologically detailed neurons"};
    app.set_version_flag("--version", std::string(cajal::version()));
    app.require_subcommand(1);
    morph_options morph;
    const CLI::App* morph_cmd = add_morph_command(app, morph);
    run_options run;
    const CLI::App* run_cmd = add_run_command(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Every rank parsed the same arguments; one of them reports.
        if (e.get_exit_code() == 0) return root ? app.exit(e) : 0;   // --help, --version
        if (root) fmt::print(stderr, "cajal: {} (see cajal --help)\n", usage_message(app, e, argc, argv));
        return usage_failure;
    }
    try {
        if (morph_cmd->parsed()) return root ? run_morph_command(morph) : 0;
        if (run_cmd->parsed()) return run_run_command(run, *comm);
    } catch (const interrupted& i) {
        fmt::print(stderr, "cajal: interrupted (signal {}); no output was written\n", i.signal);
        return 128 + i.signal;
    } catch (const std::exception& e) {
        const auto r = report_of(e);
        // A rank that failed alone must not leave the others waiting.
        if (comm->size() > 1) comm->abort(r.text, status_of(e));
        fmt::print(stderr, "{}\n", r.line());
        return status_of(e);
    }
    return success;
}
