// The `cajal` command.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cajal/io/version.hpp>

int main(int argc, char** argv) {
    CLI::App app{"cajal: simulator of morphologically detailed neurons"};
    app.set_version_flag("--version", std::string(cajal::version()));
    app.require_subcommand(1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return 0;
}
