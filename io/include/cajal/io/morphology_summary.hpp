#pragma once
// What a morphology is made of: branch counts, lengths, membrane areas,
// control volumes and segments per SWC type, and every branch on its own, as
// `cajal morph` reports them.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/region.hpp>

namespace cajal {

// Totals over the branches of one SWC type (or of the whole cell).
struct type_totals {
    int type = 0;
    std::size_t branches = 0;
    double length = 0;  // µm
    double area = 0;    // µm², lateral membrane
    // The nodes of the discretization under the policy (layout_cvs), as the
    // simulation counts them, each counted for the type of the branch it lies on.
    std::size_t cvs = 0;
    std::size_t segments = 0;  // NEURON's nseg, summed over the branches
};

struct morphology_summary {
    std::string file;                  // as named in messages
    std::size_t samples = 0;           // SWC samples kept in the morphology
    // The policy that made the segments; none when a model file gave them
    // (its cell.discretization, possibly a policy per region).
    std::optional<cv_policy> policy;
    std::vector<type_totals> types;    // one per SWC type present, ascending type
    type_totals total;                 // the whole cell; total.type is unused
    std::vector<morphology_warning> warnings;
};

morphology_summary summarize_morphology(const morphology& m, std::string file, const cv_policy& policy);
// The same with the segments per branch a model file gives.
morphology_summary summarize_morphology(const morphology& m, std::string file, const std::vector<int>& segments);

// One branch (NEURON's section) as `cajal morph --branches` lists it.
struct branch_row {
    std::size_t index = 0;
    int type = 0;
    double length = 0;            // µm
    std::ptrdiff_t parent = -1;   // -1 for the root
    double parent_x = 1;          // where it joins its parent
    // Path distance along the cell from the soma centre (the middle of the
    // first soma branch; without one, the root's start) to x = 0 and x = 1, µm.
    double distance_start = 0;
    double distance_end = 0;
    std::size_t points = 0;       // 3-d points
    int segments = 0;             // NEURON's nseg under the policy
};

struct branch_list {
    location origin;              // where distances are measured from
    std::vector<branch_row> rows; // in branch order
};

branch_list list_branches(const morphology& m, const std::vector<int>& segments);

// "soma", "axon", "basal", "apical", "undefined", or "type N".
std::string swc_type_name(int type);

// "d-lambda (100 Hz, d_lambda 0.1, Ra 35.4 Ω·cm, cm 1 µF/cm²)" and the like.
std::string describe_cv_policy(const cv_policy& policy);

nlohmann::json to_json(const morphology_summary& summary);
nlohmann::json to_json(const branch_list& branches);  // an array, one object per branch

// A human-readable table, one row per type and a total row, ending in a newline.
std::string format_summary_table(const morphology_summary& summary);
// One row per branch, after a line saying where distances start.
std::string format_branch_table(const branch_list& branches);

} // namespace cajal
