#pragma once
// For tests of failure handling: CAJAL_FAULT=STAGE:RANK[:CLASS] makes rank RANK
// fail at STAGE (read, prepare, build, run, write) with an error of CLASS:
// input (the default: as if its input were bad), environment or internal. A
// test can then check that a fault on one rank ends every rank promptly with
// that rank's message, and that each class has its exit status. Unset, it
// does nothing.

namespace cajal::cli {

// Throws "injected fault (CAJAL_FAULT=...)" of the class asked for when
// CAJAL_FAULT names this stage and rank.
void inject_fault(const char* stage, int rank);

} // namespace cajal::cli
