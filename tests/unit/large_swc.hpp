#pragma once
// Large synthetic SWC reconstructions for the scale tests, one per shape that
// once made some step of loading super-linear, and some of them as Neurolucida
// ASC files. benchmarks/large_swc.py writes the same shapes for
// benchmarks/morphology_load.sh.

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace cajal::test {

enum class swc_shape {
    chain,     // a soma sample and one unbranched dendrite
    binary,    // a balanced binary tree of 4-sample branches on a soma sample
    comb,      // a spine whose every sample carries a one-sample tooth: branches nested n/2 deep
    star,      // a soma sample with n/2 two-sample dendrites
    forest,    // the chain on half the samples, and 1000 soma-less trees (needs soma_tree_only)
    shuffled,  // the binary tree with its ids permuted and its lines in random order
    soma,      // a branched soma of n/2 samples (a comb), ten-sample dendrites on every fifth spine sample
};

std::string_view to_string(swc_shape shape);

// Writes about `samples` samples of the shape to `path`; returns how many.
std::size_t write_large_swc(const std::filesystem::path& path, swc_shape shape, std::size_t samples);

// The points of an ASC soma outline (a circle as wide as the soma sample).
inline constexpr std::size_t soma_outline_points = 16;

// The chain, binary or comb shape as a Neurolucida ASC file: the soma sample
// as a circular CellBody contour, the rest as trees of Dendrite branches (the
// comb's nested as deep as in SWC). Returns the number of points.
std::size_t write_large_asc(const std::filesystem::path& path, swc_shape shape, std::size_t samples);

} // namespace cajal::test
