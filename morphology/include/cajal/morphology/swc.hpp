#pragma once
// Reading SWC files (NeuroMorpho.org, Allen Cell Types) into a validated list of
// samples, and the sections NEURON's Import3d forms from them. Structure checks
// live here; building a morphology from sections lives in morphology.hpp.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/morphology/morphology_error.hpp>
#include <cajal/morphology/reconstruction.hpp>

namespace cajal {

// SWC sample types with a fixed meaning; 0 and 5+ are kept as given.
inline constexpr int swc_undefined = 0;
inline constexpr int swc_soma = 1;
inline constexpr int swc_axon = 2;
inline constexpr int swc_basal = 3;
inline constexpr int swc_apical = 4;

struct swc_sample {
    std::int64_t id = 0;
    int type = 0;
    double x = 0, y = 0, z = 0;  // µm
    double radius = 0;           // µm
    std::int64_t parent_id = -1; // negative: a root
    std::size_t line = 0;        // 1-based line in the file
};

// The names SWC reading has always used for what every reader reports.
using swc_warning = morphology_warning;
using swc_error = morphology_file_error;

struct swc_options {
    // Several trees are an error unless this is set; then only the tree holding
    // the soma is kept (and a warning says how many samples were dropped).
    bool soma_tree_only = false;
};

// A structurally valid SWC file. `samples` is in parent-before-child order:
// ascending id when the file allows it (as NEURON's Import3d sorts), otherwise
// the topological order that always takes the smallest available id.
struct swc_file {
    std::string name;                   // as used in messages
    std::vector<swc_sample> samples;
    std::vector<std::ptrdiff_t> parent; // index into samples, -1 for the root
    std::vector<swc_warning> warnings;
};

swc_file parse_swc(std::string_view text, std::string_view name, const swc_options& opts = {});
swc_file read_swc(const std::filesystem::path& path, const swc_options& opts = {});

// The sections NEURON's Import3d_SWC_read forms from the file, with every
// sample placed (docs/morphology.md, "NEURON-compatible sections").
reconstruction swc_reconstruction(const swc_file& file);

} // namespace cajal
