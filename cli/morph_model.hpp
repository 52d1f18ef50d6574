#pragma once
// `cajal morph MODEL.json`: the cell a model file builds (its morphology after
// the file's edits, its discretization), and what a drawing of it can show:
// a painted value as colour, the places of point processes and probes.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <cajal/io/morphology_svg.hpp>
#include <cajal/morphology/morphology.hpp>

namespace cajal::cli {

struct model_cell_view {
    std::string population;          // the cell's population ("cell" for a single-cell file)
    morphology morph;
    std::vector<int> segments;       // per branch, as the model discretizes it
    std::vector<std::string> warnings;
    std::optional<svg_colour_by> colour_by;
    std::vector<svg_marker> markers;
};

struct model_cell_request {
    std::optional<std::string> population;   // needed when the network has several
    std::optional<std::string> colour_by;    // MECHANISM.PARAMETER or cm
    bool mark = false;                       // placed processes and probes
};

// Reads and prepares the model file (model_file_error on a fault in it;
// input_error for a population or colour-by it does not have).
model_cell_view view_model_cell(const std::filesystem::path& file, const model_cell_request& request);

} // namespace cajal::cli
