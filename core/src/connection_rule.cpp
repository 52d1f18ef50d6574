#include <cajal/core/connection_rule.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

#include "counter_random.hpp"
#include "number_text.hpp"

namespace cajal {

namespace {

// The reason a connection's properties are invalid, or empty when they are fine.
std::string property_problem(const std::string& synapse, double weight, double delay) {
    if (synapse.empty()) return "synapse label is empty";
    if (!std::isfinite(weight)) return "weight must be finite, got " + number_text(weight);
    if (!std::isfinite(delay) || delay < 0) return "delay must be finite and >= 0 ms, got " + number_text(delay);
    return {};
}

std::string range_text(const gid_range& r) {
    return "[" + std::to_string(r.begin) + ", " + std::to_string(r.end) + ")";
}

bool overlap(const gid_range& a, const gid_range& b) {
    return std::max(a.begin, b.begin) < std::min(a.end, b.end);
}

const char* kind_name(const connection_list&) { return "list"; }
const char* kind_name(const ring_rule&) { return "ring"; }
const char* kind_name(const probability_rule&) { return "probability"; }
const char* kind_name(const fixed_indegree_rule&) { return "fixed in-degree"; }

// Sources that the worst-placed target may draw from: one fewer when some
// target lies in the source range and may not connect to itself.
std::uint64_t fewest_available(const gid_range& sources, const gid_range& targets, bool allow_autapses) {
    return sources.size() - (!allow_autapses && overlap(sources, targets) ? 1 : 0);
}

std::string problem_of_ranges(const gid_range& sources, const gid_range& targets) {
    if (sources.size() == 0) return "source range " + range_text(sources) + " is empty";
    if (targets.size() == 0) return "target range " + range_text(targets) + " is empty";
    return {};
}

template <class Rule>
std::string common_problem(const Rule& r) {
    if (auto p = problem_of_ranges(r.sources, r.targets); !p.empty()) return p;
    return property_problem(r.properties.synapse, r.properties.weight, r.properties.delay);
}

// Empty when the rule is valid, else why not.
std::string problem(const connection_list&) { return {}; }  // checked when it was made

std::string problem(const ring_rule& r) {
    if (auto p = common_problem(r); !p.empty()) return p;
    if (r.sources.size() != r.targets.size())
        return "source range " + range_text(r.sources) + " has " + std::to_string(r.sources.size()) +
               " gids but target range " + range_text(r.targets) + " has " + std::to_string(r.targets.size()) +
               "; a ring pairs them one to one";
    if (r.ring_size > 0 && r.targets.size() % r.ring_size != 0)
        return "the range of " + std::to_string(r.targets.size()) + " gids is not a whole number of rings of " +
               std::to_string(r.ring_size);
    return {};
}

std::string problem(const probability_rule& r) {
    if (auto p = common_problem(r); !p.empty()) return p;
    if (!(r.probability >= 0 && r.probability <= 1))
        return "probability must be in [0, 1], got " + number_text(r.probability);
    return {};
}

std::string problem(const fixed_indegree_rule& r) {
    if (auto p = common_problem(r); !p.empty()) return p;
    if (r.indegree == 0) return {};
    const std::uint64_t available = fewest_available(r.sources, r.targets, r.allow_autapses);
    if (available == 0)
        return "in-degree " + std::to_string(r.indegree) + " but the only source is the target itself (autapses not allowed)";
    if (!r.allow_multapses && r.indegree > available)
        return "in-degree " + std::to_string(r.indegree) + " is larger than the " + std::to_string(available) +
               " distinct sources a target can draw from" + (available < r.sources.size() ? " (autapses not allowed)" : "");
    return {};
}

void validate_rule(const connection_rule& rule, std::size_t index) {
    std::visit(
        [&](const auto& r) {
            const std::string p = problem(r);
            if (!p.empty())
                throw std::invalid_argument("connection rule " + std::to_string(index) + " (" + kind_name(r) + "): " + p);
        },
        rule);
}

// The sources a target may draw from, as indices 0..count-1 in increasing gid
// order: the source range less the target itself where autapses are not allowed.
struct candidate_sources {
    candidate_sources(const gid_range& sources, std::uint64_t target, bool allow_autapses)
        : begin(sources.begin), skip(!allow_autapses && sources.contains(target)), skipped(target - sources.begin),
          count(sources.size() - (skip ? 1 : 0)) {}
    std::uint64_t gid(std::uint64_t index) const { return begin + index + (skip && index >= skipped ? 1 : 0); }

    std::uint64_t begin;
    bool skip;
    std::uint64_t skipped;
    std::uint64_t count;
};

void add(std::vector<connection>& out, std::uint64_t source, std::uint64_t target, const connection_properties& p) {
    out.push_back({source, target, p.synapse, p.weight, p.delay});
}

void generate(const connection_list& r, std::uint64_t target, std::vector<connection>& out) {
    const auto& all = r.connections();
    const auto first = std::lower_bound(all.begin(), all.end(), target,
                                        [](const connection& c, std::uint64_t t) { return c.target < t; });
    for (auto c = first; c != all.end() && c->target == target; ++c) out.push_back(*c);
}

void generate(const ring_rule& r, std::uint64_t target, std::vector<connection>& out) {
    if (!r.targets.contains(target)) return;
    const std::uint64_t size = r.ring_size > 0 ? r.ring_size : r.targets.size();
    const std::uint64_t i = target - r.targets.begin;
    const std::uint64_t first = i - i % size;
    const std::uint64_t previous = i == first ? first + size - 1 : i - 1;
    add(out, r.sources.begin + previous, target, r.properties);
}

// Bernoulli trials over the candidates, by geometric gaps between successes:
// O(connections made), not O(sources).
void generate(const probability_rule& r, std::uint64_t target, std::vector<connection>& out) {
    if (!r.targets.contains(target)) return;
    const candidate_sources candidates(r.sources, target, r.allow_autapses);
    if (r.probability == 0) return;
    if (r.probability == 1) {
        for (std::uint64_t i = 0; i < candidates.count; ++i) add(out, candidates.gid(i), target, r.properties);
        return;
    }
    const counter_random::stream draws(r.seed, counter_random::domain::probability_rule, target);
    const double log_miss = std::log1p(-r.probability);
    std::uint64_t next = 0;  // first candidate not yet decided
    for (std::uint64_t k = 0; next < candidates.count; ++k) {
        const double gap = std::floor(std::log(draws.uniform(k)) / log_miss);  // failures before the next success
        if (gap >= static_cast<double>(candidates.count - next)) return;
        next += static_cast<std::uint64_t>(gap);
        add(out, candidates.gid(next), target, r.properties);
        ++next;
    }
}

// Distinct sources by Floyd's sampling (O(in-degree), whatever the number of
// sources); with multapses, independent uniform draws.
void generate(const fixed_indegree_rule& r, std::uint64_t target, std::vector<connection>& out) {
    if (!r.targets.contains(target)) return;
    const candidate_sources candidates(r.sources, target, r.allow_autapses);
    const counter_random::stream draws(r.seed, counter_random::domain::fixed_indegree_rule, target);
    std::uint64_t counter = 0;
    std::vector<std::uint64_t> chosen;
    chosen.reserve(r.indegree);
    if (r.allow_multapses) {
        for (std::uint64_t k = 0; k < r.indegree; ++k) chosen.push_back(draws.below(candidates.count, counter));
    } else {
        std::unordered_set<std::uint64_t> taken;
        taken.reserve(r.indegree);
        for (std::uint64_t j = candidates.count - r.indegree; j < candidates.count; ++j) {
            const std::uint64_t pick = draws.below(j + 1, counter);
            const std::uint64_t c = taken.contains(pick) ? j : pick;
            taken.insert(c);
            chosen.push_back(c);
        }
    }
    std::sort(chosen.begin(), chosen.end());
    for (std::uint64_t i: chosen) add(out, candidates.gid(i), target, r.properties);
}

double rule_min_delay(const connection_list& r, const gid_range& from) {
    double d = std::numeric_limits<double>::infinity();
    for (const auto& c: r.connections()) {
        if (from.contains(c.source)) d = std::min(d, c.delay);
    }
    return d;
}

template <class Rule>
double rule_min_delay(const Rule& r, const gid_range& from) {
    return overlap(r.sources, from) ? r.properties.delay : std::numeric_limits<double>::infinity();
}

double expected(const connection_list& r) { return double(r.connections().size()); }
double expected(const ring_rule& r) { return double(r.targets.size()); }
double expected(const probability_rule& r) {
    const std::uint64_t lo = std::max(r.sources.begin, r.targets.begin), hi = std::min(r.sources.end, r.targets.end);
    const double self_pairs = r.allow_autapses || hi <= lo ? 0.0 : double(hi - lo);
    return r.probability * (double(r.sources.size()) * double(r.targets.size()) - self_pairs);
}
double expected(const fixed_indegree_rule& r) { return double(r.targets.size()) * double(r.indegree); }

} // namespace

connection_list::connection_list(std::vector<connection> connections): connections_(std::move(connections)) {
    for (std::size_t i = 0; i < connections_.size(); ++i) {
        const auto& c = connections_[i];
        const std::string p = property_problem(c.synapse, c.weight, c.delay);
        if (!p.empty())
            throw std::invalid_argument("connection list: connections[" + std::to_string(i) + "] (source " +
                                        std::to_string(c.source) + " -> target " + std::to_string(c.target) + "): " + p);
    }
    std::stable_sort(connections_.begin(), connections_.end(),
                     [](const connection& a, const connection& b) { return a.target < b.target; });
}

void validate(const std::vector<connection_rule>& rules) {
    for (std::size_t i = 0; i < rules.size(); ++i) validate_rule(rules[i], i);
}

std::vector<connection> incoming_connections(const std::vector<connection_rule>& rules, std::uint64_t target_gid) {
    std::vector<connection> out;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        validate_rule(rules[i], i);
        std::visit([&](const auto& r) { generate(r, target_gid, out); }, rules[i]);
    }
    return out;
}

double min_delay(const std::vector<connection_rule>& rules, const gid_range& from) {
    validate(rules);
    double d = std::numeric_limits<double>::infinity();
    for (const auto& rule: rules) d = std::min(d, std::visit([&](const auto& r) { return rule_min_delay(r, from); }, rule));
    return d;
}

double expected_connections(const connection_rule& rule) {
    return std::visit([](const auto& r) { return expected(r); }, rule);
}

} // namespace cajal
