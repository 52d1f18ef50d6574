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

// One cell being read: the single cell of a cell model file, or a cell
// template of a network.
struct model_reading {
    std::filesystem::path base_dir;   // the model file's folder
    const mechanism_catalogue& catalogue;
    cell_model& cell;
    std::vector<std::string>& warnings;

    cell_model& model() noexcept { return cell; }
    void warn(const json_value& where, std::string_view message) { warnings.push_back(where.located(message)); }
};

// Compiles (or finds cached) and loads each folder of .mod files into the
// catalogue, noting what it did for each.
void read_nmodl_folders(const std::optional<json_value>& section, const std::filesystem::path& base_dir,
                        mechanism_catalogue& catalogue, std::vector<std::string>& notes);

// `extra_keys`: keys of `simulation` that the caller reads itself.
run_settings read_simulation(const std::optional<json_value>& section, std::vector<std::string_view> extra_keys = {});

// The body of a cell (`cell`, or an entry of a network's `cells`): morphology,
// discretization, properties, ions, paint, place and detectors.
void read_cell(const json_value& section, model_reading& r);

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

// Probes of one cell. read() takes the keys name, location, variable and
// interval of an entry that the caller has checked for unknown keys; it does
// not check that names are unique.
class probe_reader {
public:
    explicit probe_reader(model_reading& r): r_(r) {}
    static std::vector<std::string_view> keys() { return {"name", "location", "variable", "interval"}; }
    probe_spec read(const json_object& obj);

private:
    void check_variable(const json_object& obj, const json_value& variable, const probe_spec& p);

    model_reading& r_;
    std::optional<discretization> disc_;   // made for the first mechanism probe
};

// Refuses runs whose step count or recorded samples cannot be held: before any work.
void check_run_size(const json_object& top, const run_settings& run, const std::vector<const probe_spec*>& probes);

} // namespace cajal::model_io
