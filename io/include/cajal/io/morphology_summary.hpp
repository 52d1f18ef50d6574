#pragma once
// What a morphology is made of: branch counts, lengths, membrane areas,
// control volumes and segments per SWC type, as `cajal morph` reports them.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/swc.hpp>

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
    cv_policy policy;
    std::vector<type_totals> types;    // one per SWC type present, ascending type
    type_totals total;                 // the whole cell; total.type is unused
    std::vector<swc_warning> warnings;
};

morphology_summary summarize_morphology(const morphology& m, std::string file, const cv_policy& policy);

// "soma", "axon", "basal", "apical", "undefined", or "type N".
std::string swc_type_name(int type);

// "d-lambda (100 Hz, d_lambda 0.1, Ra 35.4 Ω·cm, cm 1 µF/cm²)" and the like.
std::string describe_cv_policy(const cv_policy& policy);

nlohmann::json to_json(const morphology_summary& summary);

// A human-readable table, one row per type and a total row, ending in a newline.
std::string format_summary_table(const morphology_summary& summary);

} // namespace cajal
