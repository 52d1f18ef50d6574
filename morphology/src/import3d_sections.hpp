#pragma once
// The sections NEURON's Import3d reader forms from an SWC file, before any are
// removed or instantiated. Private to the morphology library; the rules are
// described in docs/morphology.md ("NEURON-compatible sections").

#include <cstddef>
#include <vector>

#include <cajal/morphology/swc.hpp>

namespace cajal::detail {

// A point as Import3d reads it (in single precision), with the diameter
// (twice the SWC radius).
struct raw_point {
    double x = 0, y = 0, z = 0, d = 0;
};

struct import3d_section {
    std::size_t first = 0;        // index (into swc_file::samples) of its first own sample
    std::size_t count = 0;        // number of own samples
    std::ptrdiff_t parent = -1;   // index of the parent section, -1 for the root
    double parent_x = 1;
    bool wire = false;            // the copied parent point is dropped (a wire connection)
    int type = 0;
    // The copied parent point (all but the root) followed by the own samples.
    std::vector<raw_point> raw;
    std::size_t own_offset() const noexcept { return parent < 0 ? 0 : 1; }
};

struct import3d_layout {
    std::vector<import3d_section> sections;  // in the reader's order: parents first
    std::vector<std::size_t> sample_section; // section of each sample
    // NeuroMorpho's three-point soma: samples 0..2 stand for one sphere about sample 0.
    bool neuromorpho_soma = false;
};

import3d_layout import3d_sections(const swc_file& file);

} // namespace cajal::detail
