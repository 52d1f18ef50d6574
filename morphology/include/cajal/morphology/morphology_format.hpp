#pragma once
// The morphology file formats cajal reads, and telling which one a file is.

#include <filesystem>
#include <optional>
#include <string_view>

namespace cajal {

enum class morphology_format { swc, asc };

std::string_view to_string(morphology_format format);  // "swc", "asc"

// From the file name's extension: .swc or .asc, in any case; nullopt otherwise.
std::optional<morphology_format> format_from_extension(const std::filesystem::path& path);

// From the text, as NEURON's Import3d_GUI guesses: the first line that begins
// an SWC sample (seven numbers) or a Neurolucida file ('(' after blanks, or a
// "; V3" comment) decides. Throws morphology_file_error (line 0) naming the
// known formats when no line does.
morphology_format format_from_content(std::string_view text, std::string_view name);

} // namespace cajal
