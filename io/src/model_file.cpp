// Reading a model file: JSON syntax, then the sections in dependency order.
#include <cajal/io/model_file.hpp>

#include <nlohmann/json.hpp>

#include "model_json.hpp"
#include "model_sections.hpp"

namespace cajal {

model_file parse_model_file(std::string_view text, const std::string& name, const std::filesystem::path& base_dir,
                            const mechanism_catalogue& catalogue) {
    using namespace model_io;
    const nlohmann::json doc = parse_json(text, name);
    model_file result;
    result.catalogue = catalogue;
    const json_value root(doc, "", name);
    if (doc.is_object() && doc.contains("populations")) {
        root.fail("this is a network model (it has `populations`); read it with read_network_file");
    }
    const json_object top(root, {"nmodl", "cell", "stimuli", "probes", "simulation"});
    read_nmodl_folders(top.optional("nmodl"), base_dir, result.catalogue, result.notes);
    model_reading r{base_dir, result.catalogue, result.model, result.warnings};
    result.model.run = read_simulation(top.optional("simulation"));
    read_cell(top.required("cell"), r);
    read_stimuli(top.optional("stimuli"), r);
    read_probes(top.optional("probes"), r);
    std::vector<const probe_spec*> probes;
    for (const auto& p: result.model.probes) probes.push_back(&p);
    check_run_size(top, result.model.run, probes);
    return result;
}

model_file read_model_file(const std::filesystem::path& path, const mechanism_catalogue& catalogue) {
    return parse_model_file(model_io::read_text(path), path.string(), path.parent_path(), catalogue);
}

} // namespace cajal
