#pragma once
// The functions NMODL code may call without defining them, and what the
// generated C++ calls for each.

#include <cstddef>
#include <string>

namespace cajal::nmodl {

struct builtin_function {
    const char* name;
    const char* symbol;   // in the generated code
    std::size_t arity;
};

// nullptr when `name` is not a built-in function.
const builtin_function* find_builtin_function(const std::string& name);

} // namespace cajal::nmodl
