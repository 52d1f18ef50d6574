#pragma once
// The --policy option of commands that discretize a cell.

#include <string_view>

#include <cajal/morphology/discretization.hpp>

namespace cajal::cli {

// "fixed:N", "max-length:L", "per-length:L" (1 + 2*int(length/L) segments) or
// "d-lambda[:FREQ[:DLAMBDA]]" with Ra and cm for the d-lambda rule. Throws
// std::invalid_argument with a one-line reason.
cv_policy parse_cv_policy(std::string_view text, double Ra, double cm);

} // namespace cajal::cli
