#pragma once
// Control volumes (CVs) of a morphology under a policy, with NEURON's node
// placement: each branch of n segments has nodes at the segment centres and a
// zero-area node at its distal end (x = 1); the root branch also has one at x = 0.
// A branch's x = 0 end is the node of its parent at parent_x. Invalid policy
// parameters throw std::invalid_argument (see docs/morphology.md).

#include <cstddef>
#include <vector>

#include <cajal/morphology/morphology.hpp>

namespace cajal {

struct cv_policy {
    enum class kind { fixed_per_branch, max_length, d_lambda, per_length };
    kind policy = kind::fixed_per_branch;
    int per_branch = 1;        // fixed_per_branch: segments per branch (NEURON's nseg)
    double max_length = 10;    // max_length: longest segment, µm (smallest odd count that fits)
    double frequency = 100;    // d_lambda: Hz
    double d_lambda = 0.1;     // d_lambda: fraction of the AC length constant
    double Ra = 35.4;          // d_lambda: Ω·cm
    double cm = 1;             // d_lambda: µF/cm²
    double length_step = 40;   // per_length: 1 + 2 int(L / length_step) segments (µm)

    static cv_policy fixed(int n);
    static cv_policy max_extent(double length);
    static cv_policy lambda_rule(double frequency = 100, double d_lambda = 0.1, double Ra = 35.4, double cm = 1);
    // nseg = 1 + 2*int(L/step): the rule of Hay et al. 2011's geom_nseg and
    // BluePyOpt's set_nseg (step 40 µm).
    static cv_policy per_length(double step = 40);
};

// Segments (NEURON's nseg) per branch under a policy.
std::vector<int> segments_per_branch(const morphology& m, const cv_policy& policy);

// NEURON's lambda_f: the AC length constant of a branch at a frequency (µm),
// from its 3-d points. Throws for a zero diameter before the last point.
double lambda_f(const morphology& m, std::size_t b, double frequency, double Ra, double cm);

struct cv_node {
    std::size_t branch = 0;
    double x = 0;  // relative position on the branch
};

// Where the nodes of a discretized cell lie and how they connect, in Hines
// order: parent[i] < i for every CV but the root. Branches are numbered
// depth-first from the root, children in branch order; the root's x = 0 node is
// CV 0. These nodes are the unknowns of the cable equation: every count of CVs
// (`cajal run`, `cajal morph`) is a count of them.
struct cv_layout {
    std::vector<std::ptrdiff_t> parent;        // -1 for the root CV
    std::vector<cv_node> node;                 // where each CV's node lies
    std::vector<int> segments;                 // per branch
    // CV index of segment s of branch b: first_cv[b] + s; the branch's distal end node
    // is first_cv[b] + segments[b].
    std::vector<std::size_t> first_cv;
    std::vector<std::size_t> proximal_cv;      // per branch: the CV at its x = 0 end

    std::size_t size() const noexcept { return parent.size(); }
    // The CV holding relative position x of a branch, as NEURON's node for
    // sec(x): x = 0 the proximal node, x = 1 the end node, otherwise the segment
    // containing x. Throws std::out_of_range for a bad branch or x.
    std::size_t cv_at(std::size_t branch, double x) const;
};

// The discretized cell: its layout and each CV's geometry.
struct discretization: cv_layout {
    std::vector<double> area;                  // membrane area, µm²
    std::vector<double> diameter;              // µm: the segment's mean diameter over its length (end nodes: at x)
    std::vector<double> capacitance;           // area × cm, pF
    std::vector<double> axial_conductance;     // to the parent CV, µS (0 for the root)
};

// The layout of the CVs for given segments per branch (NEURON's nseg of each
// section): what discretize() fills with geometry. Throws std::invalid_argument
// for a count per branch that is missing or below 1.
cv_layout layout_cvs(const morphology& m, const std::vector<int>& segments);

// Discretize with uniform cm (µF/cm²) and Ra (Ω·cm), the segments per branch
// from a policy or given directly (as NEURON's nseg of each section).
discretization discretize(const morphology& m, const cv_policy& policy, double cm = 1.0, double Ra = 35.4);
discretization discretize(const morphology& m, const std::vector<int>& segments, double cm = 1.0, double Ra = 35.4);

} // namespace cajal
