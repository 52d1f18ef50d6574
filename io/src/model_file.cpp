// Reading a model file: JSON syntax, then the sections in dependency order.
#include <cajal/io/model_file.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "model_json.hpp"
#include "model_sections.hpp"

namespace cajal {

namespace {

// nlohmann reports the 1-based byte offset of the offending character (one
// past the end at the end of input); editors count lines and characters, so
// UTF-8 continuation bytes do not advance the column.
std::string syntax_error_message(std::string_view text, const std::string& name, const nlohmann::json::parse_error& e) {
    const std::string_view before = text.substr(0, std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size()));
    const std::size_t newline = before.rfind('\n');
    const std::string_view line_before = newline == std::string_view::npos ? before : before.substr(newline + 1);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto column = 1 + std::count_if(line_before.begin(), line_before.end(),
                                          [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    // what() is "[json.exception.parse_error.N] parse error at line L, column C: REASON".
    std::string reason = e.what();
    if (const auto colon = reason.find(": ", reason.find("parse error")); colon != std::string::npos) {
        reason = reason.substr(colon + 2);
    }
    return fmt::format("{}:{}:{}: invalid JSON: {}", name, line, column, reason);
}

} // namespace

model_file parse_model_file(std::string_view text, const std::string& name, const std::filesystem::path& base_dir,
                            const mechanism_catalogue& catalogue) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw model_file_error(syntax_error_message(text, name, e));
    }
    using namespace model_io;
    model_file result;
    result.catalogue = catalogue;
    const json_value root(doc, "", name);
    const json_object top(root, {"nmodl", "cell", "stimuli", "probes", "simulation"});
    read_nmodl_folders(top.optional("nmodl"), base_dir, result);
    model_reading r{base_dir, result.catalogue, result};
    result.model.run = read_simulation(top.optional("simulation"));

    const json_object cell(top.required("cell"),
                           {"morphology", "discretization", "properties", "ions", "paint", "place", "detectors"});
    read_morphology(cell.required("morphology"), r);
    result.model.properties = read_properties(cell.optional("properties"));
    result.model.segments = read_discretization(cell.optional("discretization"), result.model.morph, result.model.properties);
    read_ions(cell.optional("ions"), result.model.ions);
    read_paint(cell.optional("paint"), r);
    read_place(cell.optional("place"), r);
    read_detectors(cell.optional("detectors"), r);

    read_stimuli(top.optional("stimuli"), r);
    read_probes(top.optional("probes"), r);
    check_run_size(top, result.model);
    return result;
}

model_file read_model_file(const std::filesystem::path& path, const mechanism_catalogue& catalogue) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw model_file_error(name + ": cannot read: it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const char* why = std::filesystem::exists(path, ec) ? "permission denied" : "no such file";
        throw model_file_error(fmt::format("{}: cannot read: {}", name, why));
    }
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    return parse_model_file(text, name, path.parent_path(), catalogue);
}

} // namespace cajal
