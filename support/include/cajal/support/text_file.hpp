#pragma once
// Reading an input file whole, safely: only a regular file (never a device,
// a FIFO or a folder, which could hang or never end), and only up to a size
// limit, so that a wrong path cannot exhaust memory.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace cajal {

// Size limits of the inputs cajal reads whole.
inline constexpr std::uintmax_t model_file_limit = std::uintmax_t{256} << 20;       // JSON model files
inline constexpr std::uintmax_t morphology_file_limit = std::uintmax_t{1} << 30;   // SWC and other reconstructions
inline constexpr std::uintmax_t mod_file_limit = std::uintmax_t{16} << 20;         // NMODL sources

// The contents of `path`. `kind` names the file in messages ("model file",
// "morphology"). Throws input_error "PATH: cannot read the KIND: REASON" when
// the file is missing, not a regular file (naming what it is), unreadable, or
// larger than `limit` bytes (naming the limit).
std::string read_text_file(const std::filesystem::path& path, std::uintmax_t limit, std::string_view kind);

} // namespace cajal
