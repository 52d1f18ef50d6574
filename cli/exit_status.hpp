#pragma once
// The exit statuses of `cajal` (docs/cli.md), one per class of error.

namespace cajal::cli {

enum exit_status : int {
    success = 0,
    input_failure = 1,         // bad input: a model, morphology or .mod file, or a value in one
    usage_failure = 2,         // the command line
    environment_failure = 3,   // this machine lacks something: a GPU, a compiler, memory, a writable folder
    internal_failure = 4,      // a fault of cajal's own
    // Ended by SIGINT or SIGTERM: 128 + the signal, as shells report it.
};

} // namespace cajal::cli
