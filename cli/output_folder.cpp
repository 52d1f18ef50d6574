#include "output_folder.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <csignal>
#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <unistd.h>

#include <cajal/support/errors.hpp>

#include "interrupt.hpp"

namespace cajal::cli {

namespace fs = std::filesystem;

namespace {

// Absolute, without a trailing separator, so that the folder has a name.
fs::path normalized(const fs::path& p) {
    fs::path out = fs::absolute(p).lexically_normal();
    if (!out.has_filename()) out = out.parent_path();
    return out;
}

bool process_alive(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

std::string hidden(const fs::path& target, const char* kind, long pid) {
    return fmt::format(".{}.{}-{}", target.filename().string(), kind, pid);
}

// The pid of "<prefix><pid>", or -1.
long pid_after(const std::string& name, const std::string& prefix) {
    if (name.compare(0, prefix.size(), prefix) != 0) return -1;
    try {
        std::size_t used = 0;
        const long pid = std::stol(name.substr(prefix.size()), &used);
        return used == name.size() - prefix.size() ? pid : -1;
    } catch (const std::exception&) {
        return -1;
    }
}

// Staging folders of runs that died go; a previous folder that a crash left
// aside comes back when the target is missing.
void remove_stale(const fs::path& target) {
    std::error_code ec;
    const std::string name = target.filename().string();
    for (const auto& entry: fs::directory_iterator(target.parent_path(), ec)) {
        const std::string file = entry.path().filename().string();
        for (const char* kind: {"staging", "previous"}) {
            const long pid = pid_after(file, "." + name + "." + kind + "-");
            if (pid <= 0 || process_alive(pid)) continue;
            if (std::string_view(kind) == "previous" && !fs::exists(target, ec)) {
                fs::rename(entry.path(), target, ec);
            } else {
                fs::remove_all(entry.path(), ec);
            }
        }
    }
}

void write_file(const fs::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw environment_error(fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
}

// Whether a folder can be made where `folder` is (or below its nearest
// existing ancestor): tried with a temporary folder, removed at once.
void check_writable(const fs::path& folder) {
    std::error_code ec;
    fs::path existing = folder;
    while (!existing.empty() && !fs::exists(existing, ec)) existing = existing.parent_path();
    auto probe = (existing / ".cajal-write-test-XXXXXX").string();
    if (::mkdtemp(probe.data()) == nullptr) {
        throw environment_error(fmt::format("cannot write into '{}': {}", existing.string(), std::strerror(errno)));
    }
    fs::remove(probe, ec);
}

} // namespace

const std::vector<std::string>& output_file_names() {
    // A single cell's or a network's, then a study's.
    static const std::vector<std::string> names{"traces.csv",   "spikes.csv", "traces.svg", "summary.json",
                                                "features.csv", "variants.csv", "fi.csv", "rheobase.csv"};
    return names;
}

void check_output_folder(const fs::path& given) {
    if (given.empty()) throw input_error("the output folder is empty; name one with -o DIR");
    const fs::path target = normalized(given);
    const fs::path here = normalized(fs::current_path());
    // The folder is replaced whole: never the current folder, nor one above it.
    const auto rel = here.lexically_relative(target);
    if (target == target.root_path() || (!rel.empty() && *rel.begin() != "..")) {
        throw input_error(fmt::format("cannot write into '{}': outputs replace their folder whole, and this one holds the current folder; name a new folder", given.string()));
    }
    std::error_code ec;
    const auto status = fs::status(target, ec);
    check_writable(target.parent_path());
    if (status.type() == fs::file_type::not_found) return;
    if (status.type() != fs::file_type::directory) throw input_error(fmt::format("cannot write into '{}': it exists and is not a folder", given.string()));
    std::vector<std::string> others;
    for (const auto& entry: fs::directory_iterator(target, ec)) {
        const auto name = entry.path().filename().string();
        if (std::find(output_file_names().begin(), output_file_names().end(), name) == output_file_names().end()) others.push_back(name);
    }
    if (!others.empty()) {
        throw input_error(fmt::format("cannot write into '{}': it holds files a run does not write ({}{}); outputs replace their folder whole, so name "
                                      "a new folder",
                                      given.string(), others.front(), others.size() > 1 ? fmt::format(" and {} more", others.size() - 1) : ""));
    }
}

staged_output::staged_output(const fs::path& target): target_(normalized(target)) {
    remove_stale(target_);
    staging_ = target_.parent_path() / hidden(target_, "staging", static_cast<long>(::getpid()));
    std::error_code ec;
    fs::create_directories(staging_, ec);
    if (ec) throw environment_error(fmt::format("cannot write into '{}': {}", target_.parent_path().string(), ec.message()));
}

staged_output::~staged_output() {
    std::error_code ec;
    if (!committed_) fs::remove_all(staging_, ec);
}

void staged_output::write(const std::string& name, std::string_view text) {
    stop_if_interrupted();
    write_file(staging_ / name, text);
}

void staged_output::commit() {
    stop_if_interrupted();
    std::error_code ec;
    try {
        if (!fs::exists(target_, ec)) {
            fs::create_directories(target_.parent_path());
            fs::rename(staging_, target_);
        } else {
            const auto previous = target_.parent_path() / hidden(target_, "previous", static_cast<long>(::getpid()));
            fs::rename(target_, previous);
            fs::rename(staging_, target_);
            fs::remove_all(previous, ec);
        }
    } catch (const fs::filesystem_error& e) {
        throw environment_error(fmt::format("cannot put the outputs in '{}': {}", target_.string(), e.code().message()));
    }
    committed_ = true;
}

} // namespace cajal::cli
