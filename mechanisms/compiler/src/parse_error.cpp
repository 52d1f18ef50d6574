#include "cajal/nmodl/parse_error.hpp"

namespace cajal::nmodl {

parse_error::parse_error(const std::string& file, source_position position, const std::string& message)
    : input_error(file + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) + ": " +
                         message),
      position_(position) {}

} // namespace cajal::nmodl
