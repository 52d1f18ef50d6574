#include "morph_command.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include <fmt/core.h>

#include <cajal/io/atomic_file.hpp>
#include <cajal/io/morphology_summary.hpp>
#include <cajal/io/morphology_svg.hpp>
#include <cajal/morphology/morphology.hpp>

#include "cv_policy_option.hpp"
#include "morph_model.hpp"

namespace cajal::cli {

CLI::App* add_morph_command(CLI::App& app, morph_options& options) {
    CLI::App* cmd = app.add_subcommand("morph", "Summarize a reconstruction (SWC or Neurolucida ASC); optionally draw it as SVG");
    cmd->add_option("file", options.file, "SWC (.swc) or Neurolucida ASC (.asc) file, or a model file (.json): its cell as the model builds it")
        ->required();
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
    cmd->add_option("--population", options.population, "model file: the population whose cell is shown (needed when there are several)");
    cmd->add_option("--colour-by", options.colour_by,
                    "model file: colour the drawing by a painted parameter, MECHANISM.PARAMETER (e.g. hh.gnabar), or cm")
        ->needs(svg);
    cmd->add_flag("--mark", options.mark, "model file: mark the placed point processes and the probes on the drawing")->needs(svg);
    return cmd;
}

namespace {

bool is_model_file(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".json";
}

void print_warning(const std::string& file, const morphology_warning& w) {
    if (w.line > 0) {
        fmt::print(stderr, "{}:{}: warning: {}\n", file, w.line, w.message);
    } else {
        fmt::print(stderr, "{}: warning: {}\n", file, w.message);
    }
}

// What is drawn and summarized: a reconstruction under a policy, or a model's cell.
struct shown_cell {
    morphology morph;
    std::vector<int> segments;
    std::optional<cv_policy> policy;
    std::string title;
    svg_options drawing;
};

shown_cell reconstruction(const morph_options& options) {
    if (options.population || options.colour_by || options.mark) {
        throw input_error("--population, --colour-by and --mark show a model file's cell; '" + options.file + "' is a reconstruction");
    }
    morphology_options load;
    load.swc.soma_tree_only = options.soma_tree_only;
    shown_cell cell;
    cell.morph = load_morphology(options.file, load);
    for (const morphology_warning& w: cell.morph.warnings()) print_warning(options.file, w);
    cell.policy = parse_cv_policy(options.policy.value_or("d-lambda"), options.Ra.value_or(35.4), options.cm.value_or(1));
    cell.title = std::filesystem::path(options.file).filename().string();
    return cell;
}

shown_cell model_cell(const morph_options& options) {
    if (options.policy || options.Ra || options.cm || options.soma_tree_only) {
        throw input_error("--policy, --Ra, --cm and --soma-tree-only are for reconstructions; the model file '" + options.file +
                          "' gives its cell's morphology and discretization");
    }
    model_cell_view view = view_model_cell(options.file, {options.population, options.colour_by, options.mark});
    for (const std::string& w: view.warnings) fmt::print(stderr, "{}\n", w);
    shown_cell cell;
    cell.morph = std::move(view.morph);
    cell.segments = std::move(view.segments);
    cell.title = fmt::format("{}, {}", std::filesystem::path(options.file).filename().string(), view.population);
    cell.drawing.colour_by = std::move(view.colour_by);
    cell.drawing.markers = std::move(view.markers);
    return cell;
}

} // namespace

int run_morph_command(const morph_options& options) {
    const std::filesystem::path path(options.file);
    if (!std::filesystem::exists(path)) {
        throw input_error(fmt::format("cannot read '{}': no such file", options.file));
    }
    if (std::filesystem::is_directory(path)) {
        throw input_error(fmt::format("cannot read '{}': it is a directory", options.file));
    }
    shown_cell cell = is_model_file(path) ? model_cell(options) : reconstruction(options);
    const morphology& m = cell.morph;
    // What the geometry cannot give (a zero diameter for the d-lambda rule, say) is the file's fault.
    const auto the_file = [&](const std::invalid_argument& e) { return input_error(fmt::format("{}: {}", options.file, e.what())); };
    morphology_summary summary;
    branch_list branches;
    try {
        summary = cell.policy ? summarize_morphology(m, options.file, *cell.policy) : summarize_morphology(m, options.file, cell.segments);
        if (options.branches) branches = list_branches(m, cell.policy ? segments_per_branch(m, *cell.policy) : cell.segments);
    } catch (const std::invalid_argument& e) {
        throw the_file(e);
    }

    if (!options.svg.empty()) {
        svg_options& drawing = cell.drawing;
        drawing.view = parse_svg_view(options.view);
        drawing.title = fmt::format("{} ({} view)", cell.title, options.view);
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
