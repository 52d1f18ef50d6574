#include <cajal/support/text_file.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include <cajal/support/errors.hpp>

namespace cajal {

namespace {

namespace fs = std::filesystem;

std::string_view type_name(fs::file_type type) {
    switch (type) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::fifo: return "a FIFO (named pipe)";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
    }
}

// "1 GiB", "256 MiB".
std::string size_text(std::uintmax_t bytes) {
    if (bytes % (std::uintmax_t{1} << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
    if (bytes % (std::uintmax_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

} // namespace

std::string read_text_file(const fs::path& path, std::uintmax_t limit, std::string_view kind) {
    const std::string prefix = path.string() + ": cannot read the " + std::string(kind) + ": ";
    std::error_code ec;
    const auto status = fs::status(path, ec);   // follows symbolic links
    if (ec || status.type() == fs::file_type::not_found) {
        throw input_error(prefix + (status.type() == fs::file_type::not_found ? "no such file" : ec.message()));
    }
    if (status.type() != fs::file_type::regular) throw input_error(prefix + "it is " + std::string(type_name(status.type())));
    const auto size = fs::file_size(path, ec);
    if (ec) throw input_error(prefix + ec.message());
    if (size > limit) {
        throw input_error(prefix + "it is " + std::to_string(size) + " bytes, more than the limit of " + size_text(limit));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error(prefix + std::strerror(errno));
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw input_error(prefix + "reading failed");
    // A file that grew while it was read is taken as it was when its size was asked.
    return text;
}

} // namespace cajal
