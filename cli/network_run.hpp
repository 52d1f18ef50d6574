#pragma once
// `cajal run` of a network model file, on every rank that mpirun started:
// each rank reads the file and simulates its own cells; rank 0 gathers the
// traces and writes every output once.

#include <cajal/core/communicator.hpp>

#include "run_command.hpp"

namespace cajal::cli {

int run_network(const run_options& options, communicator& comm);

} // namespace cajal::cli
