#include <cajal/morphology/morphology_error.hpp>

namespace cajal {

namespace {

std::string place(const std::string& file, std::size_t line, std::size_t column) {
    std::string at = file + ":" + std::to_string(line);
    if (column > 0) at += ":" + std::to_string(column);
    return at;
}

} // namespace

morphology_file_error::morphology_file_error(std::string file, std::size_t line, const std::string& message,
                                             std::size_t column):
    input_error(place(file, line, column) + ": " + message),
    file_(std::move(file)),
    line_(line),
    column_(column),
    message_(message) {}

} // namespace cajal
