#pragma once
// The readers of a model file's sections, each reading its part of the
// network after checking the JSON: types, keys, names, regions and
// locations. What needs the catalogue or the whole model (mechanisms, their
// parameters, labels, probe variables, delays, ...) is checked once, by core,
// when the model is prepared.

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include <cajal/core/network.hpp>
#include <cajal/io/model_file.hpp>
#include <cajal/mechanisms/catalogue.hpp>

#include "model_json.hpp"
#include "model_paths.hpp"

namespace cajal::model_io {

// What a region or locset that selects nothing does (the cell's
// `empty_selections`): a warning, and nothing painted, placed or recorded
// there; or an error.
struct empty_selections {
    bool are_errors = false;
    std::vector<std::string>* warnings = nullptr;

    // `what`: "region '...' selects no part of this cell", ...
    void report(const json_value& where, const std::string& what) const;
};

// Where a model file's data lie: its folder, and what to tell a user whose
// copy lacks a file it names (the file's `data_hint`).
struct model_source {
    std::filesystem::path base_dir;
    std::string data_hint;   // empty when not given
    std::size_t max_variants = 1000;   // a study's grid may make no more
    std::string variants;              // the study variants to run (model_file_options::variants)

    // Fails at `where` with `message`, followed by the hint when `path` is not there.
    [[noreturn]] void fail_reading(const json_value& where, const std::string& message, const std::filesystem::path& path) const;
};

// One cell being read: the cell of a single-cell file, or a cell template of
// a network.
struct model_reading {
    const model_source& source;
    cell_model& cell;
    std::vector<std::string>& warnings;
    model_paths::cell_entries& entries;   // where each painted and placed part came from
    empty_selections empty{false, &warnings};
};

// Compiles (or finds cached) and loads each folder of .mod files into the
// catalogue, noting what it did for each.
void read_nmodl_folders(const std::optional<json_value>& section, const model_source& source,
                        mechanism_catalogue& catalogue, std::vector<std::string>& notes);

simulation_settings read_simulation(const std::optional<json_value>& section);

// The body of a cell (`cell`, or an entry of a network's `cells`): morphology,
// discretization, properties, ions, paint, place and detectors.
void read_cell(const json_value& section, model_reading& r);

// A single-cell file's `study`, on the cell read (r.cell) and the file's settings.
study read_study(const json_value& section, model_reading& r, const simulation_settings& settings, model_paths& paths, const model_source& source);

void read_morphology(const json_value& section, model_reading& r);
cell_properties read_properties(const std::optional<json_value>& section);
// The axon replaced by a stub when the morphology section asks for one.
void replace_axon_as_asked(const json_value& morphology_section, const std::optional<json_value>& discretization, model_reading& r);
// Segments per branch: one policy, or a policy per region (whole branches).
std::vector<int> read_discretization(const std::optional<json_value>& section, const cell_model& cell);
void read_ions(const std::optional<json_value>& section, std::map<std::string, ion_settings>& ions);

// The label language (docs/labels.md): a cell's `labels`; a region; a
// locset (an expression, or {"branch": B, "x": X}); a locset of one location.
// Stores the cell's labels after checking their names.
void define_labels(const std::optional<json_value>& section, cell_model& cell);
// Evaluates each label, so that a fault names it; once the CVs are made.
void check_labels(const std::optional<json_value>& section, const cell_model& cell);
// A region expression at a place in the file, not checked for being empty.
std::vector<branch_interval> evaluate_region_at(const json_value& value, const cell_model& cell);
std::vector<branch_interval> read_region(const json_value& value, model_reading& r);
std::vector<location> read_locset(const json_value& value, const cell_model& cell);
location read_location(const json_value& value, const cell_model& cell);

void read_paint(const std::optional<json_value>& section, model_reading& r);
void read_place(const std::optional<json_value>& section, model_reading& r);
void read_detectors(const std::optional<json_value>& section, model_reading& r);

// A probe's name, variable, location (on `cell`) and interval; the caller
// has checked the entry's keys (probe_keys(), and any of its own) and sets the
// gid. A location of several points makes a probe at each, "name[0]", ...
std::vector<std::string_view> probe_keys();
std::vector<probe_spec> read_probe(const json_object& entry, const cell_model& cell, const empty_selections& empty);

// One entry of `sources` or `stimuli`: its kind (`regular`, `poisson` or `times`), checked.
spike_source_spec read_spike_source(const json_object& entry);

} // namespace cajal::model_io
