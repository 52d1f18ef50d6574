#pragma once
// What every reader produces and make_morphology() builds a morphology from:
// the sections of a reconstruction as NEURON's Import3d readers hand them to
// Import3d_GUI.instantiate(), before anything is removed, reordered or rounded.
// The format's own rules (SWC's soma conventions, Neurolucida's contours and
// trees) are the readers'; what instantiation does is make_morphology's.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <cajal/morphology/morphology_error.hpp>

namespace cajal {

// A point as the reader holds it (µm), with a diameter, not a radius. Readers
// keep the precision the format is read with in NEURON (SWC: single, ASC: double).
struct reader_point {
    double x = 0, y = 0, z = 0, d = 0;
};

struct reader_section {
    int type = 0;                 // SWC numbering: soma 1, axon 2, dendrite 3, apical 4
    std::ptrdiff_t parent = -1;   // index into reconstruction::sections (parents first); -1 for a root
    double parent_x = 1;          // where on the parent it attaches
    // points[0] only says where the section is joined from (NEURON's pt3dstyle
    // logical connection) and is not one of its 3-d points.
    bool wire = false;
    std::vector<reader_point> points;
    // A soma drawn as closed contours: points is the outline (the first of a
    // stack), stack the further outlines; instantiation turns them into 3-d
    // points along the soma's axis, as Import3d's contour2centroid does.
    bool contour = false;
    std::vector<std::vector<reader_point>> stack;
    std::size_t line = 0;         // line of its first own sample, for messages
};

// Where one sample of the file (an SWC sample, an ASC point) belongs: at point
// `point` of section `section`, or, when point < 0, at relative position x.
struct reader_sample {
    std::int64_t id = 0;
    std::size_t section = 0;
    std::ptrdiff_t point = -1;
    double x = 0.5;
};

struct reconstruction {
    std::string name;  // the file as named in messages
    std::vector<reader_section> sections;
    std::vector<reader_sample> samples;
    std::vector<morphology_warning> warnings;
};

} // namespace cajal
