#pragma once
// SIGINT and SIGTERM during `cajal run`: before any output is staged the
// process ends at once (there is nothing to clean up); while outputs are being
// staged the request is noted, the staging folder removed, and the run ends
// with status 128 + the signal.

#include <filesystem>

namespace cajal::cli {

// Installs the handlers; call once, early.
void handle_interrupts();

// Whether a signal asked the run to stop while outputs were staged: its
// number, or 0.
int interrupt_requested() noexcept;

// While one of these lives, a signal is noted rather than ending the process.
class staging_guard {
public:
    staging_guard();
    ~staging_guard();
    staging_guard(const staging_guard&) = delete;
    staging_guard& operator=(const staging_guard&) = delete;
};

// Thrown where a noted signal is acted on.
struct interrupted {
    int signal = 0;
};

// Throws interrupted when a signal was noted.
void stop_if_interrupted();

} // namespace cajal::cli
