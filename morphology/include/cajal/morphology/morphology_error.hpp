#pragma once
// What reading a morphology file reports: errors that stop it, at a place in
// the file, and warnings about input that loads but looks wrong. Shared by
// every format's reader.

#include <cstddef>
#include <string>

#include <cajal/support/errors.hpp>

namespace cajal {

// Raised on input that cannot be a neuron. what() is "file:line: message", or
// "file:line:column: message" when the column is known (column 0: not known;
// line 0: the whole file).
class morphology_file_error: public input_error {
public:
    morphology_file_error(std::string file, std::size_t line, const std::string& message, std::size_t column = 0);
    const std::string& file() const noexcept { return file_; }
    std::size_t line() const noexcept { return line_; }
    std::size_t column() const noexcept { return column_; }
    const std::string& message() const noexcept { return message_; }

private:
    std::string file_;
    std::size_t line_;
    std::size_t column_;
    std::string message_;
};

// A suspicious but loadable feature of the file.
struct morphology_warning {
    std::size_t line = 0;  // 1-based; 0 when not tied to one line
    std::string message;
};

} // namespace cajal
