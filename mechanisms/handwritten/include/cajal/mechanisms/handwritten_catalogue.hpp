#pragma once
// pas, hh, IClamp, ExpSyn and Exp2Syn written by hand in C++ (SIMD loops over
// the element functions in builtin/): the reference the compiled built-in
// mechanisms are tested and benchmarked against. Not part of the installed
// library: cajal runs the mechanisms compiled from mechanisms/mod.

#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

const mechanism_catalogue& handwritten_catalogue();

} // namespace cajal
