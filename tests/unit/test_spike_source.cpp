// Spike sources: regular trains against NEURON's NetStim, the statistics and
// the rank independence of Poisson trains, explicit times, and every error.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/core/spike_source.hpp>

#include "test_support.hpp"

using namespace cajal;
using Catch::Matchers::Contains;

namespace {

std::string shortest(double x) {
    std::array<char, 32> buf{};
    return std::string(buf.data(), std::to_chars(buf.data(), buf.data() + buf.size(), x).ptr);
}

struct regular_case {
    regular_spikes spec;
    double tstop;
};

} // namespace

TEST_CASE("regular spike sources give NetStim's event times bit for bit", "[network]") {
    const std::vector<regular_case> cases = {
        {{1, 2, 5}, 100},          // the basic train
        {{0, 2, 5}, 100},          // first event at 0
        {{1.013, 2.3, 5}, 100},    // times that accumulate rounding
        {{0.1, 0.7, 6}, 100},      // (start + interval) - interval != start
        {{0.7, 2.2, 4}, 100},
        {{1, 2, 5}, 7},            // an event at tstop is kept, the next one is not
        {{5, 2, 3}, 5},            // the only event in the run at tstop
        {{1, 2, 0}, 100},          // number 0: no event
        {{0.3, 0.01, 5}, 100},     // interval shorter than dt
        {{2, 3, 1000000}, 30},     // number larger than the run holds
    };
    std::string args;
    for (const auto& c: cases)
        args += " " + shortest(c.spec.start) + ":" + shortest(c.spec.interval) + ":" + std::to_string(c.spec.number) +
                ":" + shortest(c.tstop);
    const auto ref = test::neuron_reference("netstim.py", args);
    if (!ref) CAJAL_SKIP("NEURON is not installed");
    const auto& trains = ref->at("trains");
    REQUIRE(trains.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("case " << i << ":" << args);
        const auto expected = trains[i].get<std::vector<double>>();
        CHECK(spike_times(cases[i].spec, 0, cases[i].tstop) == expected);
    }
}

TEST_CASE("regular spike sources start at start and step by interval", "[network]") {
    CHECK(spike_times(regular_spikes{1, 2, 5}, 7, 100) == std::vector<double>{1, 3, 5, 7, 9});
    CHECK(spike_times(regular_spikes{1, 2, 5}, 7, 6.999) == std::vector<double>{1, 3, 5});
    CHECK(spike_times(regular_spikes{1, 2, 5}, 7, 0.5).empty());
    // The gid does not matter for a regular source.
    CHECK(spike_times(regular_spikes{1, 2, 5}, 0, 100) == spike_times(regular_spikes{1, 2, 5}, 12345, 100));
}

TEST_CASE("explicit spike sources give their times up to tstop", "[network]") {
    const explicit_spikes s{{0, 1.5, 1.5, 4, 10}};
    CHECK(spike_times(s, 3, 100) == s.times);
    CHECK(spike_times(s, 3, 4) == std::vector<double>{0, 1.5, 1.5, 4});
    CHECK(spike_times(s, 3, 3.9) == std::vector<double>{0, 1.5, 1.5});
    CHECK(spike_times(explicit_spikes{}, 3, 100).empty());
}

TEST_CASE("Poisson trains have the stated rate and exponential intervals", "[network]") {
    // Counts over many gids: 20 Hz over 50 s, 1000 spikes expected per gid, a
    // million in all, so that a rate 1 % off is 10 standard deviations away.
    const poisson_spikes s{20, 100, 50100, 7};
    const std::uint64_t gids = 1000;
    std::vector<double> counts;
    double first_offset = 0;
    double total = 0;
    for (std::uint64_t gid = 0; gid < gids; ++gid) {
        const auto t = spike_times(s, 1000 + gid, 60000);
        REQUIRE(std::is_sorted(t.begin(), t.end()));
        REQUIRE(!t.empty());
        REQUIRE((t.front() > s.start && t.back() < s.stop));
        first_offset += t.front() - s.start;
        counts.push_back(static_cast<double>(t.size()));
        total += static_cast<double>(t.size());
    }
    // The total count is Poisson with mean rate * duration * gids: within 4 standard deviations.
    const double expected = 20.0 * 50.0 * gids;
    CHECK(std::fabs(total - expected) < 4 * std::sqrt(expected));
    // The first event follows start by an exponential interval too (no event at start).
    CHECK(first_offset / static_cast<double>(gids) == Approx(50).margin(4 * 50 / std::sqrt(static_cast<double>(gids))));
    // Neighbouring gids are independent: their counts do not correlate.
    double cov = 0, var_a = 0, var_b = 0;
    const double mean_count = total / static_cast<double>(gids);
    for (std::size_t g = 0; g + 1 < counts.size(); g += 2) {
        const double a = counts[g] - mean_count, b = counts[g + 1] - mean_count;
        cov += a * b;
        var_a += a * a;
        var_b += b * b;
    }
    CHECK(std::fabs(cov / std::sqrt(var_a * var_b)) < 4 / std::sqrt(static_cast<double>(gids / 2)));

    // Intervals from long trains (a window of n intervals biases their mean by
    // about 1/n): exponential with mean 50 ms, so CV 1 and P(isi < mean) = 1 - 1/e;
    // each within 4 standard errors (the sample sd of exponentials has SE sd * sqrt(2 / n)).
    std::vector<double> intervals;
    for (std::uint64_t gid = 0; gid < 20; ++gid) {
        const auto t = spike_times(poisson_spikes{20, 0, 2.5e6, 8}, gid, 2.5e6);
        for (std::size_t i = 1; i < t.size(); ++i) intervals.push_back(t[i] - t[i - 1]);
    }
    const double n = static_cast<double>(intervals.size());
    const double mean = std::accumulate(intervals.begin(), intervals.end(), 0.0) / n;
    double var = 0;
    for (double x: intervals) var += (x - mean) * (x - mean);
    var /= n - 1;
    CHECK(mean == Approx(50).margin(4 * 50 / std::sqrt(n)));
    CHECK(std::sqrt(var) / mean == Approx(1).margin(4 * std::sqrt(2 / n)));
    const double below_mean = static_cast<double>(std::count_if(intervals.begin(), intervals.end(),
                                                                [](double x) { return x < 50; })) / n;
    CHECK(below_mean == Approx(1 - std::exp(-1.0)).margin(4 * std::sqrt(0.25 / n)));
}

TEST_CASE("a Poisson train depends on (seed, gid) only, not on the order gids are drawn in", "[network]") {
    const poisson_spikes s{50, 0, 1000, 42};
    std::vector<std::uint64_t> gids(64);
    std::iota(gids.begin(), gids.end(), std::uint64_t{500});
    std::map<std::uint64_t, std::vector<double>> forward;
    for (auto g: gids) forward[g] = spike_times(s, g, 1000);
    // Three "ranks" each drawing every third gid, last rank first, in reverse.
    for (std::uint64_t rank = 3; rank-- > 0;)
        for (auto g = gids.rbegin(); g != gids.rend(); ++g)
            if (*g % 3 == rank) CHECK(spike_times(s, *g, 1000) == forward[*g]);
    // A shorter run gives a prefix of the same train.
    const auto& full = forward[gids[5]];
    const auto part = spike_times(s, gids[5], 300);
    REQUIRE(part.size() <= full.size());
    CHECK(std::equal(part.begin(), part.end(), full.begin()));
    CHECK((part.size() == full.size() || full[part.size()] > 300));
    // Other gids and other seeds give other trains.
    CHECK(forward[gids[0]] != forward[gids[1]]);
    CHECK(spike_times(poisson_spikes{50, 0, 1000, 43}, gids[0], 1000) != forward[gids[0]]);
    // Rate 0 and an empty window give nothing.
    CHECK(spike_times(poisson_spikes{0, 0, 1000, 1}, 1, 1000).empty());
    CHECK(spike_times(poisson_spikes{100, 10, 10, 1}, 1, 1000).empty());
}

TEST_CASE("invalid spike sources are clear errors", "[network]") {
    const auto error = [](const spike_source_spec& s, double tstop = 100) {
        try {
            spike_times(s, 0, tstop);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error(regular_spikes{-1, 2, 5}) == "regular spike source: start must be finite and >= 0 ms, got -1");
    CHECK(error(regular_spikes{1, -2, 5}) == "regular spike source: interval must be finite and > 0 ms, got -2");
    CHECK(error(regular_spikes{1, 0, 5}) == "regular spike source: interval must be finite and > 0 ms, got 0");
    CHECK(error(regular_spikes{1, NAN, 5}) == "regular spike source: interval must be finite and > 0 ms, got nan");
    CHECK(error(regular_spikes{1e6, 1e-12, 5}, 2e6) ==
          "regular spike source: interval 1e-12 ms is too small to advance time from 1e+06 ms");
    CHECK(error(poisson_spikes{-3, 0, 10, 1}) == "poisson spike source: rate must be finite and >= 0 Hz, got -3");
    CHECK(error(poisson_spikes{INFINITY, 0, 10, 1}) == "poisson spike source: rate must be finite and >= 0 Hz, got inf");
    CHECK(error(poisson_spikes{3, -0.5, 10, 1}) == "poisson spike source: start must be finite and >= 0 ms, got -0.5");
    CHECK(error(poisson_spikes{3, 5, 2, 1}) == "poisson spike source: stop must be >= start (5 ms), got 2");
    CHECK(error(explicit_spikes{{1, 5, 2}}) ==
          "explicit spike source: times must be sorted: times[2] = 2 ms comes after times[1] = 5 ms");
    CHECK(error(explicit_spikes{{-1, 5}}) == "explicit spike source: times[0] = -1 ms is negative");
    CHECK(error(explicit_spikes{{1, INFINITY}}) == "explicit spike source: times[1] = inf is not finite");
    CHECK(error(regular_spikes{1, 2, 5}, -1) == "spike source: tstop must be finite and >= 0 ms, got -1");
    CHECK(error(regular_spikes{1, 2, 5}, INFINITY) == "spike source: tstop must be finite and >= 0 ms, got inf");
    // validate() alone reports the same, without a run.
    CHECK_THROWS_WITH(validate(regular_spikes{1, 0, 5}), Contains("interval must be finite"));
    CHECK_NOTHROW(validate(poisson_spikes{3, 0, 10, 1}));
}
