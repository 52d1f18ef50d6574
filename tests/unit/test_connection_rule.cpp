// Connection rules: the structure each rule promises (ring, exact in-degree,
// connection probability), their independence from the order targets are
// asked for, min_delay, and every error.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/core/connection_rule.hpp>

using namespace cajal;

namespace {

const connection_properties syn{"syn", 0.5, 2.0};

std::vector<std::uint64_t> sources_of(const std::vector<connection>& cs) {
    std::vector<std::uint64_t> s;
    for (const auto& c: cs) s.push_back(c.source);
    return s;
}

std::string error_of(const std::vector<connection_rule>& rules) {
    try {
        validate(rules);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("a ring connects each target to the previous source, wrapping", "[network]") {
    const std::vector<connection_rule> same{ring_rule{{10, 20}, {10, 20}, syn}};
    std::vector<int> used(10, 0);
    for (std::uint64_t t = 10; t < 20; ++t) {
        const auto in = incoming_connections(same, t);
        REQUIRE(in.size() == 1);
        CHECK(in[0].source == (t == 10 ? 19 : t - 1));
        CHECK(in[0].target == t);
        CHECK(in[0].synapse == "syn");
        CHECK(in[0].weight == 0.5);
        CHECK(in[0].delay == 2.0);
        ++used[in[0].source - 10];
    }
    CHECK(std::all_of(used.begin(), used.end(), [](int n) { return n == 1; }));
    CHECK(incoming_connections(same, 9).empty());
    CHECK(incoming_connections(same, 20).empty());

    const std::vector<connection_rule> apart{ring_rule{{100, 105}, {0, 5}, syn}};
    CHECK(sources_of(incoming_connections(apart, 0)) == std::vector<std::uint64_t>{104});
    CHECK(sources_of(incoming_connections(apart, 3)) == std::vector<std::uint64_t>{102});
    CHECK(incoming_connections(apart, 100).empty());

    const std::vector<connection_rule> one{ring_rule{{7, 8}, {7, 8}, syn}};
    CHECK(sources_of(incoming_connections(one, 7)) == std::vector<std::uint64_t>{7});
}

TEST_CASE("a ring rule with a ring size makes separate rings of consecutive members", "[network]") {
    // Three rings of four: targets 20..31 from sources 0..11.
    const std::vector<connection_rule> rings{ring_rule{{0, 12}, {20, 32}, syn, 4}};
    const std::vector<std::uint64_t> expected{3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10};
    for (std::uint64_t i = 0; i < 12; ++i) CHECK(sources_of(incoming_connections(rings, 20 + i)) == std::vector<std::uint64_t>{expected[i]});
    CHECK(error_of({ring_rule{{0, 10}, {0, 10}, syn, 4}}) == "connection rule 0 (ring): the range of 10 gids is not a whole number of rings of 4");
}

TEST_CASE("fixed in-degree gives exactly k distinct sources, never the target itself", "[network]") {
    const std::vector<connection_rule> rules{fixed_indegree_rule{{0, 100}, {50, 150}, 10, syn, 11}};
    std::map<std::uint64_t, std::vector<connection>> forward;
    for (std::uint64_t t = 50; t < 150; ++t) forward[t] = incoming_connections(rules, t);
    for (std::uint64_t t = 150; t-- > 50;) {
        const auto in = incoming_connections(rules, t);
        const auto s = sources_of(in);
        REQUIRE(s.size() == 10);
        CHECK(std::adjacent_find(s.begin(), s.end(), std::greater_equal<>()) == s.end());  // strictly increasing
        CHECK(s.back() < 100);
        CHECK(std::find(s.begin(), s.end(), t) == s.end());
        CHECK(s == sources_of(forward[t]));  // the same whatever order targets are asked for in
        CHECK(std::all_of(in.begin(), in.end(), [&](const connection& c) {
            return c.target == t && c.synapse == "syn" && c.weight == 0.5 && c.delay == 2.0;
        }));
    }
    CHECK(sources_of(forward[60]) != sources_of(forward[61]));
    CHECK(incoming_connections(rules, 150).empty());

    // Taking every available source: all but the target itself.
    const std::vector<connection_rule> all{fixed_indegree_rule{{0, 10}, {0, 10}, 9, syn, 1}};
    CHECK(sources_of(incoming_connections(all, 4)) == std::vector<std::uint64_t>{0, 1, 2, 3, 5, 6, 7, 8, 9});
    const std::vector<connection_rule> self{fixed_indegree_rule{{0, 10}, {0, 10}, 10, syn, 1, true}};
    CHECK(sources_of(incoming_connections(self, 4)) == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    const std::vector<connection_rule> none{fixed_indegree_rule{{0, 10}, {0, 10}, 0, syn, 1}};
    CHECK(incoming_connections(none, 4).empty());
}

TEST_CASE("fixed in-degree draws sources uniformly", "[network]") {
    // 2000 targets x 5 draws over 20 sources: 500 expected each; the chi-square
    // statistic (19 degrees of freedom) stays below mean + 5 sd.
    const std::vector<connection_rule> rules{fixed_indegree_rule{{0, 20}, {1000, 3000}, 5, syn, 3}};
    std::vector<double> counts(20, 0);
    for (std::uint64_t t = 1000; t < 3000; ++t)
        for (const auto& c: incoming_connections(rules, t)) counts[c.source] += 1;
    double chi2 = 0;
    for (double n: counts) chi2 += (n - 500) * (n - 500) / 500;
    CHECK(chi2 < 19 + 5 * std::sqrt(2 * 19.0));
}

TEST_CASE("fixed in-degree costs O(k), not O(sources)", "[network]") {
    const std::uint64_t huge = std::uint64_t{1} << 62;
    const std::vector<connection_rule> rules{fixed_indegree_rule{{0, huge}, {0, 1000}, 10, syn, 5}};
    for (std::uint64_t t = 0; t < 1000; ++t) {
        const auto s = sources_of(incoming_connections(rules, t));
        REQUIRE(s.size() == 10);
        CHECK(std::adjacent_find(s.begin(), s.end(), std::greater_equal<>()) == s.end());
        CHECK(std::find(s.begin(), s.end(), t) == s.end());
    }
}

TEST_CASE("fixed in-degree with multapses repeats sources", "[network]") {
    const std::vector<connection_rule> rules{fixed_indegree_rule{{0, 3}, {10, 12}, 50, syn, 9, false, true}};
    const auto s = sources_of(incoming_connections(rules, 10));
    REQUIRE(s.size() == 50);
    CHECK(std::is_sorted(s.begin(), s.end()));
    CHECK(s.front() == 0);  // 50 draws over 3 sources: each is drawn (failure odds ~1e-8)
    CHECK(s.back() == 2);
    // With multapses but no autapses, the target is never drawn.
    const std::vector<connection_rule> mixed{fixed_indegree_rule{{0, 3}, {0, 3}, 30, syn, 9, false, true}};
    const auto m = sources_of(incoming_connections(mixed, 1));
    REQUIRE(m.size() == 30);
    CHECK(std::count(m.begin(), m.end(), 1) == 0);
}

TEST_CASE("connection probability p connects a fraction p of the pairs", "[network]") {
    const double p = 0.1;
    const std::vector<connection_rule> rules{probability_rule{{0, 1000}, {0, 200}, p, syn, 21}};
    std::vector<std::vector<std::uint64_t>> forward;
    double total = 0, first_half = 0;
    for (std::uint64_t t = 0; t < 200; ++t) {
        const auto s = sources_of(incoming_connections(rules, t));
        REQUIRE(!s.empty());
        CHECK(std::adjacent_find(s.begin(), s.end(), std::greater_equal<>()) == s.end());
        CHECK(std::find(s.begin(), s.end(), t) == s.end());
        CHECK(s.back() < 1000);
        total += static_cast<double>(s.size());
        first_half += static_cast<double>(std::count_if(s.begin(), s.end(), [](std::uint64_t x) { return x < 500; }));
        forward.push_back(s);
    }
    // 200 x 999 Bernoulli trials: within 4 standard errors of p; sources in the
    // first half of the range as likely as in the second.
    const double pairs = 200.0 * 999.0;
    CHECK(total / pairs == Approx(p).margin(4 * std::sqrt(p * (1 - p) / pairs)));
    CHECK(first_half / total == Approx(0.5).margin(4 * std::sqrt(0.25 / total)));
    for (std::uint64_t t = 200; t-- > 0;) CHECK(sources_of(incoming_connections(rules, t)) == forward[t]);
    CHECK(forward[0] != forward[1]);

    // Sparse over many sources: the same fraction, quickly.
    const std::vector<connection_rule> sparse{probability_rule{{0, 1000000}, {0, 50}, 0.001, syn, 4}};
    double sparse_total = 0;
    for (std::uint64_t t = 0; t < 50; ++t) sparse_total += static_cast<double>(incoming_connections(sparse, t).size());
    const double sparse_pairs = 50.0 * 999999.0;
    CHECK(sparse_total / sparse_pairs == Approx(0.001).margin(4 * std::sqrt(0.001 * 0.999 / sparse_pairs)));

    const std::vector<connection_rule> never{probability_rule{{0, 100}, {0, 100}, 0, syn, 1}};
    CHECK(incoming_connections(never, 5).empty());
    const std::vector<connection_rule> always{probability_rule{{0, 100}, {0, 100}, 1, syn, 1}};
    CHECK(incoming_connections(always, 5).size() == 99);
    const std::vector<connection_rule> always_self{probability_rule{{0, 100}, {0, 100}, 1, syn, 1, true}};
    CHECK(incoming_connections(always_self, 5).size() == 100);
}

TEST_CASE("explicit lists and rule order", "[network]") {
    const connection_list list({{1, 9, "a", 1, 1.5}, {2, 8, "b", 2, 0.5}, {3, 9, "c", 3, 3}});
    const std::vector<connection_rule> rules{ring_rule{{0, 10}, {0, 10}, syn}, list};
    const auto in = incoming_connections(rules, 9);
    REQUIRE(in.size() == 3);
    CHECK(in[0].source == 8);  // the ring, the first rule
    CHECK(in[1].source == 1);  // then the list, in its order
    CHECK(in[1].synapse == "a");
    CHECK(in[2].source == 3);
    CHECK(in[2].weight == 3);
    CHECK(sources_of(incoming_connections({list}, 8)) == std::vector<std::uint64_t>{2});
    CHECK(incoming_connections({list}, 7).empty());
}

TEST_CASE("min_delay is the smallest delay any rule can make from the given sources", "[network]") {
    const connection_list list({{1, 9, "a", 1, 1.5}, {2, 8, "b", 2, 0.25}});
    const gid_range all{0, 100};
    CHECK(min_delay({ring_rule{{0, 10}, {0, 10}, syn}, list}, all) == 0.25);
    CHECK(min_delay({ring_rule{{0, 10}, {0, 10}, syn}, probability_rule{{0, 3}, {0, 3}, 0, {"s", 0, 1}, 1}}, all) == 1);
    CHECK(min_delay({}, all) == std::numeric_limits<double>::infinity());
    CHECK(min_delay({connection_list({})}, all) == std::numeric_limits<double>::infinity());
    // Only connections whose source lies in the range count: sources (gids 10 on) may have any delay.
    CHECK(min_delay({list, ring_rule{{10, 12}, {0, 2}, {"s", 0, 0}}}, {0, 3}) == 0.25);
    CHECK(min_delay({list, ring_rule{{10, 12}, {0, 2}, {"s", 0, 0}}}, {0, 2}) == 1.5);
    CHECK(min_delay({list, ring_rule{{10, 12}, {0, 2}, {"s", 0, 0}}}, {0, 1}) == std::numeric_limits<double>::infinity());
    CHECK(min_delay({ring_rule{{10, 12}, {0, 2}, {"s", 0, 0}}}, {0, 10}) == std::numeric_limits<double>::infinity());
}

TEST_CASE("expected_connections counts what a rule makes", "[network]") {
    CHECK(expected_connections(connection_list({{1, 9, "a", 1, 1.5}, {2, 8, "b", 2, 0.25}})) == 2);
    CHECK(expected_connections(ring_rule{{0, 10}, {0, 10}, syn}) == 10);
    CHECK(expected_connections(fixed_indegree_rule{{0, 10}, {5, 30}, 4, syn, 1}) == 100);
    // 10 x 10 pairs less the 5 self-pairs of gids 5..9, each with probability 0.5.
    CHECK(expected_connections(probability_rule{{0, 10}, {5, 15}, 0.5, syn, 1}) == Approx(47.5));
    CHECK(expected_connections(probability_rule{{0, 10}, {5, 15}, 0.5, syn, 1, true}) == Approx(50));
}

TEST_CASE("invalid connection rules are clear errors", "[network]") {
    // A delay of 0 is a connection's own business (from a source, say); from a cell, preparing a network asks for dt.
    CHECK(error_of({ring_rule{{0, 10}, {0, 10}, {"syn", 1, 0}}}) == "no error");
    CHECK(error_of({ring_rule{{0, 10}, {0, 10}, syn}, ring_rule{{0, 10}, {0, 10}, {"syn", 1, -1}}}) ==
          "connection rule 1 (ring): delay must be finite and >= 0 ms, got -1");
    CHECK(error_of({ring_rule{{0, 10}, {0, 10}, {"syn", 1, NAN}}}) ==
          "connection rule 0 (ring): delay must be finite and >= 0 ms, got nan");
    CHECK(error_of({ring_rule{{0, 10}, {0, 10}, {"syn", INFINITY, 1}}}) ==
          "connection rule 0 (ring): weight must be finite, got inf");
    CHECK(error_of({ring_rule{{0, 10}, {0, 10}, {"", 1, 1}}}) == "connection rule 0 (ring): synapse label is empty");
    CHECK(error_of({ring_rule{{5, 5}, {0, 10}, syn}}) == "connection rule 0 (ring): source range [5, 5) is empty");
    CHECK(error_of({ring_rule{{0, 10}, {9, 3}, syn}}) == "connection rule 0 (ring): target range [9, 3) is empty");
    CHECK(error_of({ring_rule{{0, 4}, {10, 15}, syn}}) ==
          "connection rule 0 (ring): source range [0, 4) has 4 gids but target range [10, 15) has 5; "
          "a ring pairs them one to one");
    CHECK(error_of({probability_rule{{0, 10}, {0, 10}, 1.5, syn, 1}}) ==
          "connection rule 0 (probability): probability must be in [0, 1], got 1.5");
    CHECK(error_of({probability_rule{{0, 10}, {0, 10}, -0.1, syn, 1}}) ==
          "connection rule 0 (probability): probability must be in [0, 1], got -0.1");
    CHECK(error_of({probability_rule{{0, 10}, {0, 10}, NAN, syn, 1}}) ==
          "connection rule 0 (probability): probability must be in [0, 1], got nan");
    CHECK(error_of({probability_rule{{0, 0}, {0, 10}, 0.5, syn, 1}}) ==
          "connection rule 0 (probability): source range [0, 0) is empty");
    CHECK(error_of({fixed_indegree_rule{{0, 10}, {20, 30}, 11, syn, 1}}) ==
          "connection rule 0 (fixed in-degree): in-degree 11 is larger than the 10 distinct sources a target can draw from");
    CHECK(error_of({fixed_indegree_rule{{0, 10}, {5, 30}, 10, syn, 1}}) ==
          "connection rule 0 (fixed in-degree): in-degree 10 is larger than the 9 distinct sources a target can draw "
          "from (autapses not allowed)");
    CHECK(error_of({fixed_indegree_rule{{4, 5}, {0, 10}, 2, syn, 1, false, true}}) ==
          "connection rule 0 (fixed in-degree): in-degree 2 but the only source is the target itself (autapses not allowed)");
    CHECK(error_of({fixed_indegree_rule{{0, 10}, {5, 30}, 10, syn, 1, true}}) == "no error");
    CHECK(error_of({fixed_indegree_rule{{0, 10}, {5, 30}, 100, syn, 1, false, true}}) == "no error");
    CHECK(error_of({fixed_indegree_rule{{0, 10}, {0, 0}, 1, syn, 1}}) ==
          "connection rule 0 (fixed in-degree): target range [0, 0) is empty");

    // The same errors from incoming_connections and min_delay, whatever the target.
    const std::vector<connection_rule> bad{ring_rule{{0, 10}, {0, 10}, {"syn", 1, -1}}};
    CHECK_THROWS_WITH(incoming_connections(bad, 1000), "connection rule 0 (ring): delay must be finite and >= 0 ms, got -1");
    CHECK_THROWS_WITH(min_delay(bad, {0, 10}), "connection rule 0 (ring): delay must be finite and >= 0 ms, got -1");

    // Lists are checked when made.
    CHECK_THROWS_WITH(connection_list({{1, 2, "a", 1, 1}, {3, 4, "b", 1, -2}}),
                      "connection list: connections[1] (source 3 -> target 4): delay must be finite and >= 0 ms, got -2");
    CHECK_THROWS_WITH(connection_list({{1, 2, "", 1, 1}}),
                      "connection list: connections[0] (source 1 -> target 2): synapse label is empty");
}
