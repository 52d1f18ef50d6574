#pragma once
// The per-instance host-device functions of a mechanism, which both the C++
// loops and the CUDA kernels of code_generator.cpp call: its FUNCTIONs and
// PROCEDUREs, the solvers of its SOLVEs, and initialize_instance,
// compute_currents_instance (where it has currents), advance_state_instance,
// net_receive_instance and net_init_instance (where it has NET_RECEIVE and
// NET_RECEIVE's INITIAL), check_watches_instance (where it has WATCHes).

#include <string>

#include "cajal/nmodl/analysis.hpp"

namespace cajal::nmodl {

// The functions as C++ for the body of the mechanism's namespace; throws
// semantic_error for what the blocks' statements cannot do.
std::string instance_functions(const analyzed_mechanism& mechanism);

// NET_RECEIVE's INITIAL block, where it has one (at its top level).
const nested_initial* nested_initial_of(const code_block& net_receive);

} // namespace cajal::nmodl
