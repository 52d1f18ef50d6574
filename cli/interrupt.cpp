#include "interrupt.hpp"

#include <atomic>
#include <csignal>

#include <unistd.h>

namespace cajal::cli {

namespace {

std::atomic<int> requested{0};
std::atomic<int> staging{0};

extern "C" void on_signal(int signal) {
    if (staging.load() == 0 || requested.load() != 0) _exit(128 + signal);   // nothing staged, or asked twice
    requested.store(signal);
}

} // namespace

void handle_interrupts() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int interrupt_requested() noexcept { return requested.load(); }

staging_guard::staging_guard() { staging.fetch_add(1); }
staging_guard::~staging_guard() { staging.fetch_sub(1); }

void stop_if_interrupted() {
    if (const int signal = requested.load()) throw interrupted{signal};
}

} // namespace cajal::cli
