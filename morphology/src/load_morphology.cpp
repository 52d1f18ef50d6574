#include <cajal/morphology/asc.hpp>
#include <cajal/morphology/morphology.hpp>

#include <stdexcept>

#include <cajal/support/text_file.hpp>

namespace cajal {

morphology load_morphology(const std::filesystem::path& path, const morphology_options& opts) {
    const std::string text = read_text_file(path, morphology_file_limit, "morphology");
    const std::string name = path.string();
    std::optional<morphology_format> format = opts.format ? opts.format : format_from_extension(path);
    if (!format) format = format_from_content(text, name);
    switch (*format) {
        case morphology_format::swc: return make_morphology(parse_swc(text, name, opts.swc));
        case morphology_format::asc: return make_morphology(parse_asc(text, name));
    }
    throw std::invalid_argument("load_morphology: unknown format");
}

} // namespace cajal
