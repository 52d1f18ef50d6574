#include "run_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <system_error>

#include <fmt/core.h>
#include <unistd.h>

#include <cajal/io/atomic_file.hpp>

namespace cajal::cli {

namespace fs = std::filesystem;

namespace {

// Absolute, without a trailing separator, so that the folder has a name.
fs::path normalized(const fs::path& p) {
    fs::path out = fs::absolute(p).lexically_normal();
    if (!out.has_filename()) out = out.parent_path();
    return out;
}

} // namespace

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

void progress_bar::update(double t, double tstop) {
    if (!enabled_ || seconds_since(start_) < 1.0) return;
    constexpr int width = 30;
    const double fraction = tstop > 0 ? std::clamp(t / tstop, 0.0, 1.0) : 1.0;
    const int done = static_cast<int>(fraction * width);
    fmt::print(stderr, "\r[{:=<{}}{:<{}}] {:3.0f}%  {:.1f} / {:g} ms", "", done, "", width - done, 100 * fraction, t, tstop);
    std::fflush(stderr);
    shown_ = true;
}

void progress_bar::finish() {
    if (!shown_) return;
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
    shown_ = false;
}

staged_output::staged_output(const fs::path& target): target_(normalized(target)) {
    temp_ = target_.parent_path() / fmt::format(".{}.partial-{}", target_.filename().string(), static_cast<long>(::getpid()));
}

staged_output::~staged_output() {
    std::error_code ec;
    if (!committed_) fs::remove_all(temp_, ec);
}

void staged_output::write(const std::string& name, std::string_view text) {
    if (names_.empty()) {
        std::error_code ec;
        fs::create_directories(temp_, ec);
        if (ec) throw std::runtime_error(fmt::format("cannot write into '{}': {}", target_.string(), ec.message()));
    }
    write_file_atomically(temp_ / name, text);
    names_.push_back(name);
}

void staged_output::commit() {
    std::error_code ec;
    if (!fs::exists(target_, ec)) {
        fs::create_directories(target_.parent_path());
        fs::rename(temp_, target_);
    } else {
        for (const auto& name: names_) fs::rename(temp_ / name, target_ / name);
        fs::remove(temp_, ec);
    }
    committed_ = true;
}

fs::path output_folder(const run_options& options) {
    if (!options.output.empty()) return options.output;
    return fs::path(".") / (fs::path(options.file).stem().string() + ".out");
}

void check_output_folder(const fs::path& out_dir) {
    std::error_code ec;
    if (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec)) {
        throw std::runtime_error(fmt::format("cannot write into '{}': it exists and is not a folder", out_dir.string()));
    }
}

void check_finite(const std::vector<trace>& traces) {
    for (const auto& tr: traces) {
        for (std::size_t i = 0; i < tr.values.size(); ++i) {
            if (!std::isfinite(tr.values[i])) {
                throw std::runtime_error(fmt::format("the simulation diverged: probe '{}' is {} at t = {:g} ms (try a smaller dt)",
                                                     tr.name, tr.values[i], tr.times[i]));
            }
        }
    }
}

} // namespace cajal::cli
