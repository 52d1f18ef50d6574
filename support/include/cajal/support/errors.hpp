#pragma once
// The classes of error cajal reports, each with its own exit status
// (docs/cli.md): bad input (1), usage (2, the command line alone),
// environment (3), internal (4, any other exception).

#include <stdexcept>

namespace cajal {

// The user's input cannot be used: a model, morphology or .mod file, or a
// value in one. what() names the file and the place in it.
class input_error: public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// This machine lacks what the run needs: a usable GPU, a compiler for
// `nmodl` folders, a writable cache or output folder, memory. what() says
// what is missing and how to fix it.
class environment_error: public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace cajal
