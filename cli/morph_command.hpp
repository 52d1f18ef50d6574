#pragma once
// `cajal morph FILE`: what a reconstruction (SWC or Neurolucida ASC), or the
// cell of a model file, is made of, as a table or JSON, optionally branch by
// branch, and a drawing of it as SVG, coloured by type or by a painted value.

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace cajal::cli {

struct morph_options {
    std::string file;
    // For a reconstruction; a model file brings its own discretization.
    std::optional<std::string> policy;   // default d-lambda
    std::optional<double> Ra;            // Ω·cm, default 35.4
    std::optional<double> cm;            // µF/cm², default 1
    bool json = false;
    bool branches = false;       // list every branch
    std::string svg;             // empty: no drawing
    std::string view = "xy";
    bool label_branches = false; // branch indices on the drawing
    bool soma_tree_only = false;
    // For a model file only.
    std::optional<std::string> population;
    std::optional<std::string> colour_by;
    bool mark = false;
};

// Registers the subcommand on app; options are filled when it is parsed.
CLI::App* add_morph_command(CLI::App& app, morph_options& options);

// Prints the summary on stdout and warnings on stderr, writes the SVG when asked.
// Returns the exit status; errors (morphology_file_error among them) propagate as exceptions.
int run_morph_command(const morph_options& options);

} // namespace cajal::cli
