#pragma once
// The readers of the model file's sections, each filling its part of a
// cell_model after checking it. They run in dependency order: simulation
// (probes need dt), morphology, properties (d-lambda needs cm and Ra),
// discretization, ions, paint, place, detectors, stimuli, probes.

#include <filesystem>
#include <optional>
#include <string_view>

#include <cajal/io/model_file.hpp>
#include <cajal/mechanisms/catalogue.hpp>

#include "model_json.hpp"

namespace cajal::model_io {

struct model_reading {
    std::filesystem::path base_dir;   // the model file's folder
    const mechanism_catalogue& catalogue;
    model_file& result;

    cell_model& model() noexcept { return result.model; }
    void warn(const json_value& where, std::string_view message) { result.warnings.push_back(where.located(message)); }
};

// Compiles (or finds cached) and loads each folder of .mod files into result.catalogue.
void read_nmodl_folders(const std::optional<json_value>& section, const std::filesystem::path& base_dir, model_file& result);

run_settings read_simulation(const std::optional<json_value>& section);

void read_morphology(const json_value& section, model_reading& r);
cell_properties read_properties(const std::optional<json_value>& section);
std::vector<int> read_discretization(const std::optional<json_value>& section, const morphology& m, const cell_properties& p);
void read_ions(const std::optional<json_value>& section, std::map<std::string, ion_settings>& ions);

// "soma", "sample:ID" or {"branch": B, "x": X}.
location read_location(const json_value& value, const morphology& m);

void read_paint(const std::optional<json_value>& section, model_reading& r);
void read_place(const std::optional<json_value>& section, model_reading& r);
void read_detectors(const std::optional<json_value>& section, model_reading& r);

void read_stimuli(const std::optional<json_value>& section, model_reading& r);
void read_probes(const std::optional<json_value>& section, model_reading& r);
// Refuses runs whose step count or recorded samples cannot be held: before any work.
void check_run_size(const json_object& top, const cell_model& model);

} // namespace cajal::model_io
