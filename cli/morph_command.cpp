#include "morph_command.hpp"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include <fmt/core.h>

#include <cajal/io/atomic_file.hpp>
#include <cajal/io/morphology_summary.hpp>
#include <cajal/io/morphology_svg.hpp>
#include <cajal/morphology/morphology.hpp>

#include "cv_policy_option.hpp"

namespace cajal::cli {

CLI::App* add_morph_command(CLI::App& app, morph_options& options) {
    CLI::App* cmd = app.add_subcommand("morph", "Summarize a reconstruction (SWC or Neurolucida ASC); optionally draw it as SVG");
    cmd->add_option("file", options.file, "SWC (.swc) or Neurolucida ASC (.asc) file")->required();
    const CLI::Validator policy_syntax(
        [](std::string& text) {
            try {
                parse_cv_policy(text, 35.4, 1);
                return std::string();
            } catch (const std::invalid_argument& e) {
                return std::string(e.what());
            }
        },
        "POLICY");
    cmd->add_option("--policy", options.policy,
                    "CV policy: fixed:N, max-length:L (µm), per-length:L (µm) or d-lambda[:FREQ[:DLAMBDA]] "
                    "(default d-lambda:100:0.1)")
        ->check(policy_syntax);
    cmd->add_option("--Ra", options.Ra, "axial resistivity for d-lambda, Ω·cm (default 35.4)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--cm", options.cm, "specific capacitance for d-lambda, µF/cm² (default 1)")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--json", options.json, "print the summary as JSON");
    cmd->add_flag("--branches", options.branches,
                  "also list every branch: type, length, parent, distances from the soma, points, segments");
    CLI::Option* svg = cmd->add_option("--svg", options.svg, "draw the cell into this SVG file");
    cmd->add_option("--view", options.view, "projection plane of the drawing (default xy)")
        ->check(CLI::IsMember({"xy", "xz", "yz"}));
    cmd->add_flag("--label-branches", options.label_branches, "write each branch's index on the drawing")->needs(svg);
    cmd->add_flag("--soma-tree-only", options.soma_tree_only,
                  "keep only the tree holding the soma when an SWC file has several");
    return cmd;
}

int run_morph_command(const morph_options& options) {
    const std::filesystem::path path(options.file);
    if (!std::filesystem::exists(path)) {
        throw input_error(fmt::format("cannot read '{}': no such file", options.file));
    }
    if (std::filesystem::is_directory(path)) {
        throw input_error(fmt::format("cannot read '{}': it is a directory", options.file));
    }
    morphology_options load;
    load.swc.soma_tree_only = options.soma_tree_only;
    const morphology m = load_morphology(path, load);
    for (const morphology_warning& w: m.warnings()) {
        if (w.line > 0) {
            fmt::print(stderr, "{}:{}: warning: {}\n", options.file, w.line, w.message);
        } else {
            fmt::print(stderr, "{}: warning: {}\n", options.file, w.message);
        }
    }
    const cv_policy policy = parse_cv_policy(options.policy, options.Ra, options.cm);
    // What the geometry cannot give (a zero diameter for the d-lambda rule, say) is the file's fault.
    const auto the_file = [&](const std::invalid_argument& e) { return input_error(fmt::format("{}: {}", options.file, e.what())); };
    morphology_summary summary;
    branch_list branches;
    try {
        summary = summarize_morphology(m, options.file, policy);
        if (options.branches) branches = list_branches(m, segments_per_branch(m, policy));
    } catch (const std::invalid_argument& e) {
        throw the_file(e);
    }

    if (!options.svg.empty()) {
        svg_options drawing;
        drawing.view = parse_svg_view(options.view);
        drawing.title = fmt::format("{} ({} view)", path.filename().string(), options.view);
        drawing.label_branches = options.label_branches;
        std::string svg;
        try {
            svg = morphology_svg(m, drawing);
        } catch (const std::invalid_argument& e) {
            throw the_file(e);
        }
        write_file_atomically(options.svg, svg);
    }
    if (options.json) {
        nlohmann::json out = to_json(summary);
        if (options.branches) out["branch_list"] = to_json(branches);
        fmt::print("{}\n", out.dump(2));
    } else {
        fmt::print("{}", format_summary_table(summary));
        if (options.branches) fmt::print("\n{}", format_branch_table(branches));
    }
    return 0;
}

} // namespace cajal::cli
