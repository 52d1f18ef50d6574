#pragma once
// A morphology file read by cajal against the same file read by NEURON's
// Import3d (tests/reference/neuron_morphology.py): the same sections in the
// same order, with the same types, parents, parent_x, 3-d points, and lengths,
// areas, segment areas and axial resistances within a relative tolerance.

#include <filesystem>

namespace cajal::test {

// Skips (CAJAL_SKIP) the calling test case's checks when NEURON is absent:
// returns false then. A file that NEURON's parser rejects fails the check.
bool compare_morphology_with_neuron(const std::filesystem::path& file, double relative_tolerance);

} // namespace cajal::test
