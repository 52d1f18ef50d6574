#include <cajal/core/spike_source.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "counter_random.hpp"
#include "number_text.hpp"

namespace cajal {

namespace {

[[noreturn]] void fail(const std::string& kind, const std::string& what) {
    throw std::invalid_argument(kind + " spike source: " + what);
}

void check_start(const std::string& kind, double start) {
    if (!std::isfinite(start) || start < 0) fail(kind, "start must be finite and >= 0 ms, got " + number_text(start));
}

void check(const regular_spikes& s) {
    check_start("regular", s.start);
    if (!std::isfinite(s.interval) || s.interval <= 0)
        fail("regular", "interval must be finite and > 0 ms, got " + number_text(s.interval));
}

void check(const poisson_spikes& s) {
    if (!std::isfinite(s.rate) || s.rate < 0) fail("poisson", "rate must be finite and >= 0 Hz, got " + number_text(s.rate));
    check_start("poisson", s.start);
    if (!(s.stop >= s.start))
        fail("poisson", "stop must be >= start (" + number_text(s.start) + " ms), got " + number_text(s.stop));
}

void check(const explicit_spikes& s) {
    for (std::size_t i = 0; i < s.times.size(); ++i) {
        const double t = s.times[i];
        const std::string name = "times[" + std::to_string(i) + "] = " + number_text(t);
        if (!std::isfinite(t)) fail("explicit", name + " is not finite");
        if (t < 0) fail("explicit", name + " ms is negative");
        if (i > 0 && t < s.times[i - 1])
            fail("explicit", "times must be sorted: " + name + " ms comes after times[" + std::to_string(i - 1) +
                                 "] = " + number_text(s.times[i - 1]) + " ms");
    }
}

std::vector<double> train(const regular_spikes& s, std::uint64_t, double tstop) {
    std::vector<double> out;
    if (s.number == 0) return out;
    // NetStim's first event, bit for bit: start + interval - interval, which
    // can differ from start in the last bit; later ones add interval each time.
    double t = (s.start + s.interval) - s.interval;
    for (std::uint64_t k = 0; k < s.number && t <= tstop; ++k) {
        out.push_back(t);
        const double next = t + s.interval;
        if (next <= t)
            fail("regular", "interval " + number_text(s.interval) + " ms is too small to advance time from " +
                                number_text(t) + " ms");
        t = next;
    }
    return out;
}

std::vector<double> train(const poisson_spikes& s, std::uint64_t gid, double tstop) {
    std::vector<double> out;
    if (s.rate == 0) return out;
    const double mean_interval = 1000.0 / s.rate;  // Hz to ms
    const counter_random::stream draws(s.seed, counter_random::domain::poisson, gid);
    double t = s.start;
    for (std::uint64_t k = 0;; ++k) {
        t -= std::log(draws.uniform(k)) * mean_interval;
        if (t >= s.stop || t > tstop) return out;
        out.push_back(t);
    }
}

std::vector<double> train(const explicit_spikes& s, std::uint64_t, double tstop) {
    return {s.times.begin(), std::upper_bound(s.times.begin(), s.times.end(), tstop)};
}

} // namespace

void validate(const spike_source_spec& spec) {
    std::visit([](const auto& s) { check(s); }, spec);
}

std::vector<double> spike_times(const spike_source_spec& spec, std::uint64_t gid, double tstop) {
    if (!std::isfinite(tstop) || tstop < 0)
        throw std::invalid_argument("spike source: tstop must be finite and >= 0 ms, got " + number_text(tstop));
    validate(spec);
    return std::visit([&](const auto& s) { return train(s, gid, tstop); }, spec);
}

} // namespace cajal
