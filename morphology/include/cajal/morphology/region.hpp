#pragma once
// Pieces of branches and locations on them: what regions and locsets of the
// label language (labels.hpp) evaluate to.

#include <cajal/support/errors.hpp>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/morphology/morphology.hpp>

namespace cajal {

// A piece of one branch, [x0, x1] in relative position.
struct branch_interval {
    std::size_t branch = 0;
    double x0 = 0, x1 = 1;
};

struct location {
    std::size_t branch = 0;
    double x = 0;
};

// Location expressions: "soma" (the middle, x = 0.5, of the soma branch nearest
// the root) or "sample:ID" (where a sample lies: an SWC sample by its id, an
// ASC point by its line); or a branch and relative position checked by
// make_location. Throws location_error.
location resolve_location(const morphology& m, std::string_view expression);
location make_location(const morphology& m, std::size_t branch, double x);

class location_error: public input_error { using input_error::input_error; };

} // namespace cajal
