#pragma once
// Writing an output file so that readers never see it half-written.

#include <filesystem>
#include <string_view>

namespace cajal {

// Writes text to path through a temporary file in the same directory and a rename,
// so that path is either untouched or complete. Creates missing parent directories.
// Throws std::runtime_error naming the path on failure, leaving no temporary behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

} // namespace cajal
