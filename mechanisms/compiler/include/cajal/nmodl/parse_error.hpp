#pragma once
// The error the lexer and parser throw: "file:line:column: message".

#include <stdexcept>
#include <string>

#include "cajal/nmodl/source_position.hpp"

namespace cajal::nmodl {

class ParseError : public std::runtime_error {
public:
    ParseError(const std::string& file, SourcePosition position, const std::string& message);
    SourcePosition position() const { return position_; }

private:
    SourcePosition position_;
};

} // namespace cajal::nmodl
