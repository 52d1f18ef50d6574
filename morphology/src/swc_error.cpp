#include <cajal/morphology/swc.hpp>

namespace cajal {

swc_error::swc_error(std::string name, std::size_t line, const std::string& message):
    input_error(name + ":" + std::to_string(line) + ": " + message),
    file_(std::move(name)),
    line_(line),
    message_(message) {}

} // namespace cajal
