#pragma once
// The nearest of a set of names to a typo, for "did you mean" hints.

#include <optional>
#include <string>
#include <vector>

namespace cajal::cli {

// The name closest to `typo` by edit distance (insertions, deletions,
// substitutions and swaps of neighbours), if it is close enough to be meant:
// at most 2 edits, and fewer than half of the typo's length.
std::optional<std::string> nearest_name(const std::string& typo, const std::vector<std::string>& names);

} // namespace cajal::cli
