#pragma once
// Reading Neurolucida ASC files (the v3 text MBF Bioscience's products write,
// as in ModelDB models) exactly as NEURON's Import3d_Neurolucida3 reads them:
// its grammar, with what it accepts and rejects, its section types (Axon 2,
// Dendrite 3, Apical 4, a soma contour 1), its trees joined to the soma and
// its soma contours (see docs/morphology.md, "Neurolucida ASC files").

#include <filesystem>
#include <string_view>

#include <cajal/morphology/reconstruction.hpp>

namespace cajal {

// The sections of ASC text; `name` names it in messages. Samples are the
// points of branches and soma contours, each with its line number as its id.
// Throws morphology_file_error at the line and column where Import3d's parser
// stops, or where a value cannot be a 3-d point.
reconstruction parse_asc(std::string_view text, std::string_view name);
reconstruction read_asc(const std::filesystem::path& path);

} // namespace cajal
