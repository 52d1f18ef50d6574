#pragma once
// Edited copies of a morphology, as published models change the cell they
// load: the reconstructed axon replaced by a stub of a few cylinders, or only
// some types of branch kept. Each returns a new morphology and leaves its
// argument as it was; branch indices change (see docs/morphology.md, "Edits").

#include <vector>

#include <cajal/morphology/morphology.hpp>

namespace cajal {

// A section of a stub: a cylinder, as NEURON makes a section whose L and diam
// are set without 3-d points.
struct stub_section {
    double length = 30;    // µm
    double diameter = 1;   // µm
};

// Sections that take the place of the axon, chained from the soma outward:
// the first joins the first soma branch (NEURON's soma[0]) at soma_x, each
// next one the end (x = 1) of the one before.
struct axon_stub {
    std::vector<stub_section> sections;
    double soma_x = 0.5;
};

// Hay et al. 2011 (L5PCtemplate.hoc, delete_axon): two sections of 30 µm ×
// 1 µm, the first at soma(0.5).
axon_stub hay_axon_stub();

// BluePyOpt's replace_axon (bluepyopt/ephys/morphologies.py): two sections of
// 30 µm at soma[0](1). Their diameters come from the reconstructed axon as
// NEURON reports them once every section has `segments[b]` segments (BluePyOpt
// sets nseg first): the first is axon[0]'s diam (its middle segment's mean
// diameter); the second is the diam of the first axon branch, in branch order,
// whose middle lies more than 60 µm from soma[0](0.5) along the cell, else
// axon[0]'s. With one axon branch both are its diam; with none, both 1 µm.
axon_stub bluepyopt_axon_stub(const morphology& m, const std::vector<int>& segments);

// Every axon branch (type 2) removed and the stub's sections added, of type 2,
// where the first axon branch was in branch order (without an axon: before
// the first branch of a type above 2). The stub's points start at the place it
// joins and run along the removed axon's first branch (or down the y axis),
// for drawing; lengths, areas and axial resistances are the cylinders'.
// Samples on the axon are dropped. Throws std::invalid_argument when the cell
// has no soma branch, when a branch of another type hangs from the axon, or
// for a stub section that is not a positive finite length and diameter.
morphology replace_axon(const morphology& m, const axon_stub& stub);

// Only the branches of the given types (SWC numbering), in their order;
// samples on the others are dropped. Throws std::invalid_argument when the
// root is not kept, or a kept branch hangs from one that is not (NEURON would
// leave it unconnected).
morphology keep_types(const morphology& m, const std::vector<int>& types);

} // namespace cajal
