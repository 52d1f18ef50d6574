#pragma once
// What `cajal run` needs beside the simulation: timing and the progress bar.

#include <chrono>

namespace cajal::cli {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start);

// A bar on stderr, drawn only when enabled (on a terminal) and only once a run
// has taken longer than a second, so that short runs and pipes stay silent.
class progress_bar {
public:
    explicit progress_bar(bool enabled): enabled_(enabled) {}
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;
    ~progress_bar() { finish(); }

    void update(double t, double tstop);
    // Erases the bar, so that what follows starts on a clean line.
    void finish();

private:
    bool enabled_;
    bool shown_ = false;
    clock_type::time_point start_ = clock_type::now();
};

} // namespace cajal::cli
