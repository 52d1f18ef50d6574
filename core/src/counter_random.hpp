#pragma once
// Counter-based random numbers: the k-th number of a stream is a pure function
// of (seed, domain, stream, k), so a gid's draws never depend on which rank
// makes them or in which order. A stream is the splitmix64 sequence started
// from a key that hashes (seed, domain, stream); `domain` keeps the uses apart
// (Poisson trains, each kind of connection rule) when they share a seed.
// Statistically sound for simulation, not for cryptography.

#include <cmath>
#include <cstdint>
#include <limits>

namespace cajal::counter_random {

enum class domain: std::uint64_t { poisson = 1, probability_rule = 2, fixed_indegree_rule = 3 };

// splitmix64's output function: a bijection of 64-bit words with good avalanche.
constexpr std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t golden_gamma = 0x9e3779b97f4a7c15ULL;

class stream {
public:
    constexpr stream(std::uint64_t seed, domain d, std::uint64_t id)
        : key_(mix(mix(mix(seed) ^ static_cast<std::uint64_t>(d)) ^ id)) {}

    constexpr std::uint64_t bits(std::uint64_t counter) const { return mix(key_ + (counter + 1) * golden_gamma); }

    // Uniform in (0, 1]: never 0, so that log(u) is finite.
    double uniform(std::uint64_t counter) const {
        return static_cast<double>((bits(counter) >> 11) + 1) * 0x1.0p-53;
    }

    // Uniform integer in [0, n) for n > 0, without modulo bias: draws at
    // `counter`, `counter + 1`, ... until one is accepted; `counter` ends one
    // past the last draw used.
    std::uint64_t below(std::uint64_t n, std::uint64_t& counter) const {
        const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
        const std::uint64_t limit = max - (max % n + 1) % n;  // largest accepted value
        for (;;) {
            const std::uint64_t b = bits(counter++);
            if (b <= limit) return b % n;
        }
    }

private:
    std::uint64_t key_;
};

} // namespace cajal::counter_random
