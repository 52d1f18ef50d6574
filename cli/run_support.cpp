#include "run_support.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/core.h>

namespace cajal::cli {

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

} // namespace cajal::cli
