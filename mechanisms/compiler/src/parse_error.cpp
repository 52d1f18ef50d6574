#include "cajal/nmodl/parse_error.hpp"

namespace cajal::nmodl {

ParseError::ParseError(const std::string& file, SourcePosition position, const std::string& message)
    : std::runtime_error(file + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) + ": " +
                         message),
      position_(position) {}

} // namespace cajal::nmodl
