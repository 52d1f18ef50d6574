#include <cajal/morphology/asc.hpp>

#include <string>

#include <cajal/support/text_file.hpp>

#include "asc_stages.hpp"

namespace cajal {

reconstruction parse_asc(std::string_view text, std::string_view name) {
    const std::string file(name);
    reconstruction r = asc_detail::asc_reconstruction(asc_detail::parse_asc_sections(text, file), file);
    if (r.sections.empty()) {
        throw morphology_file_error(file, 0, "no soma contour (\"CellBody\") and no tree with points; expected at "
                                             "least one, as NEURON's Import3d reads them");
    }
    return r;
}

reconstruction read_asc(const std::filesystem::path& path) {
    return parse_asc(read_text_file(path, morphology_file_limit, "morphology"), path.string());
}

} // namespace cajal
