#include <cajal/io/atomic_file.hpp>
#include <cajal/support/errors.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

#include <fmt/core.h>
#include <unistd.h>

namespace cajal {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
    throw environment_error(fmt::format("cannot write '{}': {}", path.string(), why));
}

// Writes and closes; false (with errno set) on any failure.
bool write_and_close(std::FILE* f, std::string_view text) {
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    const int write_errno = errno;
    const bool closed = std::fclose(f) == 0;
    if (!written) errno = write_errno;
    return written && closed;
}

} // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
    if (path.filename().empty()) fail(path, "not a file name");
    const std::filesystem::path dir = path.parent_path();
    std::error_code ec;
    if (!dir.empty()) {
        std::filesystem::create_directories(dir, ec);
        if (ec) fail(path, ec.message());
    }
    // A hidden name beside the target, unique to this process; "x" refuses to
    // reuse one that exists.
    const std::filesystem::path temp =
        dir / fmt::format(".{}.{}.tmp", path.filename().string(), static_cast<long>(::getpid()));
    std::FILE* f = std::fopen(temp.c_str(), "wx");
    if (!f) fail(path, std::strerror(errno));
    if (!write_and_close(f, text)) {
        const std::string why = std::strerror(errno);
        std::filesystem::remove(temp, ec);
        fail(path, why);
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        const std::string why = ec.message();
        std::filesystem::remove(temp, ec);
        fail(path, why);
    }
}

} // namespace cajal
