// Reading a model file: JSON syntax, its layout (one cell or a network), and
// the network's preparation by core, faults reported at their JSON path.
#include <cajal/io/model_file.hpp>

#include <nlohmann/json.hpp>

#include <cajal/study/study_run.hpp>

#include "model_layouts.hpp"

namespace cajal {

model_file parse_model_file(std::string_view text, const std::string& name, const std::filesystem::path& base_dir,
                            const mechanism_catalogue& catalogue, const model_file_options& options) {
    using namespace model_io;
    nlohmann::json doc = parse_json(text, name);
    apply_overrides(doc, options.set);
    model_file result;
    result.name = name;
    result.catalogue = catalogue;
    auto paths = std::make_shared<model_paths>();
    const json_value root(doc, "", name);
    const json_object top = json_object::peek(root);
    model_source source{base_dir, {}, options.max_variants, options.variants};
    if (const auto hint = top.optional("data_hint")) source.data_hint = hint->string();
    if (top.has("populations") || top.has("cells")) {
        read_network_layout(root, source, result, *paths);
    } else {
        read_single_cell_layout(root, source, result, *paths);
    }
    result.paths = std::move(paths);
    return result;
}

model_file read_model_file(const std::filesystem::path& path, const mechanism_catalogue& catalogue, const model_file_options& options) {
    return parse_model_file(model_io::read_text(path), path.string(), path.parent_path(), catalogue, options);
}

namespace model_io {

void model_source::fail_reading(const json_value& where, const std::string& message, const std::filesystem::path& path) const {
    std::error_code ignored;
    if (data_hint.empty() || std::filesystem::exists(path, ignored)) where.fail(message);
    where.fail(message + " (" + data_hint + ")");
}

} // namespace model_io

void model_file::check_study_variants() const {
    check_study(*study);   // protocols and recording: settings-like faults, located as such
    try {
        prepared_network(study_check_network(*study), catalogue);
    } catch (const model_error& e) {
        if (!e.address() || !paths) throw;
        throw model_file_error(name + ": " + paths->study_path_of(*e.address()) + ": " + e.message());
    }
}

std::string model_file::locate(const model_error& e) const {
    if (!e.address() || !paths) return name + ": " + e.message();
    const auto path = paths->path_of(*e.address());
    return path.empty() ? name + ": " + e.message() : name + ": " + path + ": " + e.message();
}

prepared_network model_file::prepare() const {
    try {
        prepared_network control(model, catalogue);
        if (study) check_study_variants();
        return control;
    } catch (const model_error& e) {
        throw model_file_error(locate(e));
    }
}

} // namespace cajal
