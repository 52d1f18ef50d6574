#pragma once
// Parses NMODL source into a mod_file. Throws parse_error on bad input, with
// "file:line:column: expected ..., found ..."; nesting deeper than
// max_nesting_depth is an error too, so no input can exhaust the stack. Each
// operator of a chain such as `a + b + c` nests the tree one level deeper.

#include <filesystem>
#include <string>
#include <string_view>

#include "cajal/nmodl/ast_module.hpp"
#include "cajal/nmodl/parse_error.hpp"

namespace cajal::nmodl {

inline constexpr int max_nesting_depth = 200;

// `file` names the source in error messages.
mod_file parse_module(std::string_view source, const std::string& file);

// Reads and parses a .mod file; a file that cannot be read is a parse_error
// at 0:0.
mod_file parse_module_file(const std::filesystem::path& path);

} // namespace cajal::nmodl
