#pragma once
// For tests of failure handling under mpirun: CAJAL_FAULT=STAGE:RANK makes
// rank RANK fail at STAGE (read, prepare, build, run, write) as if its input
// were bad, so that a test can check that a fault on one rank ends every rank
// promptly with that rank's message. Unset, it does nothing.

namespace cajal::cli {

// Throws input_error "injected fault (CAJAL_FAULT=...)" when CAJAL_FAULT names
// this stage and rank.
void inject_fault(const char* stage, int rank);

} // namespace cajal::cli
