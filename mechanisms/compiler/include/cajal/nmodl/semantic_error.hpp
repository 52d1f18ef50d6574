#pragma once
// The error semantic analysis and code generation throw for a .mod file that
// parses but means something cajal cannot compile: "file:line:column: message".

#include <cajal/support/errors.hpp>
#include <stdexcept>
#include <string>

#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

class semantic_error: public input_error {
public:
    semantic_error(const std::string& file, source_position position, const std::string& message);
    source_position position() const { return position_; }

private:
    source_position position_;
};

} // namespace cajal::nmodl
