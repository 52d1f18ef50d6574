#include "morph_model.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include <cajal/core/cell_values.hpp>
#include <cajal/io/model_file.hpp>

namespace cajal::cli {

namespace {

std::size_t population_index(const network& model, const std::optional<std::string>& name) {
    std::vector<std::string> names;
    for (const auto& p: model.populations) names.push_back(p.name);
    if (!name) {
        if (names.size() == 1) return 0;
        throw input_error(fmt::format("the network has {} populations; choose one with --population: {}", names.size(), fmt::join(names, ", ")));
    }
    const auto at = std::find(names.begin(), names.end(), *name);
    if (at == names.end()) throw input_error(fmt::format("--population: no population '{}'; the network's: {}", *name, fmt::join(names, ", ")));
    return static_cast<std::size_t>(at - names.begin());
}

// One value per segment, at its centre, as the drawing takes it.
svg_colour_by colour_by(const prepared_network& prepared, std::size_t population, const std::string& variable) {
    cell_values values;
    try {
        values = initial_cell_values(prepared, population, variable);
    } catch (const std::invalid_argument& e) {
        throw input_error(fmt::format("--colour-by: {}", e.what()));
    }
    const discretization& disc = cell_discretization(prepared, population);
    svg_colour_by out{variable, values.units, {}};
    for (std::size_t b = 0; b < disc.segments.size(); ++b) {
        branch_values along;
        const int n = disc.segments[b];
        for (int s = 0; s < n; ++s) {
            along.x.push_back((s + 0.5) / n);
            along.values.push_back(values.values[disc.first_cv[b] + static_cast<std::size_t>(s)]);
        }
        out.branches.push_back(std::move(along));
    }
    return out;
}

// Where the cell's point processes sit, and the probes of its population's
// cells that read at a location (one marker per place and name).
std::vector<svg_marker> markers(const network& model, std::size_t population) {
    std::vector<svg_marker> out;
    const auto add = [&](const location& where, const std::string& label) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const svg_marker& m) {
            return m.branch == where.branch && m.x == where.x && m.label == label;
        });
        if (!seen) out.push_back({where.branch, where.x, label});
    };
    for (const placed_process& p: model.populations[population].cell.placed) add(p.where, p.label);
    std::uint64_t first = 0;
    for (std::size_t k = 0; k < population; ++k) first += model.populations[k].count;
    const std::uint64_t last = first + model.populations[population].count;
    for (const probe_spec& p: model.probes) {
        if (p.gid >= first && p.gid < last && p.where) add(*p.where, p.name);
    }
    return out;
}

} // namespace

model_cell_view view_model_cell(const std::filesystem::path& file, const model_cell_request& request) {
    const model_file model = read_model_file(file);
    const std::size_t population = population_index(model.model, request.population);
    const prepared_network prepared = model.prepare();
    const cell_population& cells = model.model.populations[population];
    model_cell_view view{cells.name, cells.cell.morph, cells.cell.segments, model.warnings, std::nullopt, {}};
    if (request.colour_by) view.colour_by = colour_by(prepared, population, *request.colour_by);
    if (request.mark) view.markers = markers(model.model, population);
    return view;
}

} // namespace cajal::cli
