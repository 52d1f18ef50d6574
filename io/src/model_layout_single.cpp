// A single-cell model file: the cell, what drives it (stimuli) and what is
// recorded (probes), read as the network of that one cell.
#include <set>

#include <fmt/format.h>

#include "model_layouts.hpp"
#include "model_sections.hpp"

namespace cajal::model_io {

namespace {

std::vector<cell_stimulus> read_stimuli(const std::optional<json_value>& section, model_paths& paths) {
    std::vector<cell_stimulus> stimuli;
    if (!section) return stimuli;
    for (const json_value& entry: section->elements()) {
        const json_object obj(entry, {"target", "weight", "times", "regular", "poisson"});
        cell_stimulus s;
        s.target = obj.required("target").string();
        s.source = read_spike_source(obj);
        s.weight = obj.required("weight").number();
        paths.source.push_back(entry.path());
        paths.connection.push_back(entry.path());
        stimuli.push_back(std::move(s));
    }
    return stimuli;
}

std::vector<probe_spec> read_probes(const std::optional<json_value>& section, const cell_model& cell, const empty_selections& empty,
                                    model_paths& paths) {
    std::vector<probe_spec> probes;
    if (!section) return probes;
    for (const json_value& entry: section->elements()) {
        for (auto& p: read_probe(json_object(entry, probe_keys()), cell, empty)) {
            probes.push_back(std::move(p));
            paths.probe.push_back(entry.path());
        }
    }
    return probes;
}

} // namespace

void read_single_cell_layout(const json_value& root, const model_source& source, model_file& out, model_paths& paths) {
    const json_object top(root, {"data_hint", "nmodl", "cell", "stimuli", "probes", "simulation", "study"});
    read_nmodl_folders(top.optional("nmodl"), source, out.catalogue, out.notes);
    const auto settings = read_simulation(top.optional("simulation"));
    cell_model cell;
    paths.single_cell = true;
    paths.population.push_back("");
    paths.cell.push_back("cell");
    paths.entries.emplace_back();
    model_reading r{source, cell, out.warnings, paths.entries.back()};
    read_cell(top.required("cell"), r);
    const auto stimuli = read_stimuli(top.optional("stimuli"), paths);
    auto probes = read_probes(top.optional("probes"), cell, r.empty, paths);
    if (const auto study = top.optional("study")) {
        // A study drives and records each run itself.
        for (const char* key: {"stimuli", "probes"}) {
            if (const auto given = top.optional(key)) given->fail("a study runs its own protocols and recording; remove this, or move it into the study");
        }
        out.study = read_study(*study, r, settings, paths, source);
    }
    out.model = single_cell_network(std::move(cell), stimuli, std::move(probes), settings);
    out.single_cell = true;
}

} // namespace cajal::model_io
