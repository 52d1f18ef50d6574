#pragma once
// The error the lexer and parser throw: "file:line:column: message".

#include <cajal/support/errors.hpp>
#include <stdexcept>
#include <string>

#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

class parse_error : public input_error {
public:
    parse_error(const std::string& file, source_position position, const std::string& message);
    source_position position() const { return position_; }

private:
    source_position position_;
};

} // namespace cajal::nmodl
