#pragma once
// Connections of a network and the rules that generate them. The connections
// into a target gid are computed from the rules and that gid alone, so each
// rank builds its own cells' incoming connections and all ranks agree.
// See docs/network.md.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace cajal {

struct connection {
    std::uint64_t source = 0;   // gid of the cell (detector) or spike source that fires
    std::uint64_t target = 0;   // gid of the receiving cell
    std::string synapse;        // label of the target's synapse (point process)
    double weight = 0;
    double delay = 0;           // ms, >= 0 (from a cell: at least dt)
};

// The gids [begin, end); a rule's range must not be empty.
struct gid_range {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    std::uint64_t size() const { return end > begin ? end - begin : 0; }
    bool contains(std::uint64_t gid) const { return gid >= begin && gid < end; }
};

// What every connection a rule makes carries.
struct connection_properties {
    std::string synapse;        // not empty
    double weight = 0;          // finite
    double delay = 0;           // ms, finite and >= 0 (from a cell: at least dt)
};

// Connections given one by one. Kept sorted by target (given order among the
// connections of one target), so a target's lookup is a binary search; the
// constructor validates them.
class connection_list {
public:
    explicit connection_list(std::vector<connection> connections);
    const std::vector<connection>& connections() const { return connections_; }

private:
    std::vector<connection> connections_;
};

// The ranges are cut into consecutive rings of `ring_size` members (0: one ring
// of the whole range). The i-th target of a ring gets one connection from the
// (i-1)-th source of the same ring, its first target from its last source. Both
// ranges have the same size, a multiple of ring_size; they may be the same range.
struct ring_rule {
    gid_range sources;
    gid_range targets;
    connection_properties properties;
    std::uint64_t ring_size = 0;
};

// Each (source, target) pair is connected with this probability.
struct probability_rule {
    gid_range sources;
    gid_range targets;
    double probability = 0;     // in [0, 1]
    connection_properties properties;
    std::uint64_t seed = 0;
    bool allow_autapses = false;   // source == target
};

// Each target gets exactly `indegree` connections from sources drawn uniformly.
struct fixed_indegree_rule {
    gid_range sources;
    gid_range targets;
    std::uint64_t indegree = 0;
    connection_properties properties;
    std::uint64_t seed = 0;
    bool allow_autapses = false;   // source == target
    bool allow_multapses = false;  // the same source more than once
};

using connection_rule = std::variant<connection_list, ring_rule, probability_rule, fixed_indegree_rule>;

// Throws std::invalid_argument naming the rule (its index) and the problem:
// an empty range, a negative delay, a probability outside [0, 1], an in-degree
// larger than the sources a target may draw from, ...
void validate(const std::vector<connection_rule>& rules);

// The connections into `target_gid`: rule by rule in the given order; within a
// list, in the list's order; within a generated rule, by increasing source gid
// (repeated sources adjacent). Validates the rules.
std::vector<connection> incoming_connections(const std::vector<connection_rule>& rules, std::uint64_t target_gid);

// The smallest delay any rule may produce for a connection whose source lies
// in `from` (a rule counts even where it happens to make no connection);
// infinity when there is none. Validates the rules.
double min_delay(const std::vector<connection_rule>& rules, const gid_range& from);

// How many connections a rule makes: exact, but for probability rules, whose
// expected number it is.
double expected_connections(const connection_rule& rule);

} // namespace cajal
