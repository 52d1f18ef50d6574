// Structure checks on parsed SWC samples and their parent-before-child order.
// Everything here is iterative and at most O(n log n): inputs may be hostile.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

#include "swc_stages.hpp"

namespace cajal::swc_detail {

namespace {

constexpr std::size_t no_index = std::numeric_limits<std::size_t>::max();

class checker {
public:
    checker(const parsed_swc& parsed, std::string name): parsed_(parsed), name_(std::move(name)) {}

    const std::string& name() const { return name_; }
    const swc_sample& sample(std::size_t i) const { return parsed_.samples[i]; }
    std::size_t size() const { return parsed_.samples.size(); }

    [[noreturn]] void fail(std::size_t i, const std::string& what, const std::string& expected) const {
        throw swc_error(name_, sample(i).line,
                        what + " in line " + quote_swc_text(parsed_.line_text[i]) + "; expected " + expected);
    }

    std::string line_ref(std::size_t i) const {
        return "line " + std::to_string(sample(i).line) + " " + quote_swc_text(parsed_.line_text[i]);
    }

private:
    const parsed_swc& parsed_;
    std::string name_;
};

// (id, file index) of every sample, sorted by id, ties in file order. Ids sit
// beside their indices so that sorting and searching touch contiguous memory.
using id_index = std::pair<std::int64_t, std::size_t>;

// The samples sorted by id; throws on a repeated id.
std::vector<id_index> sort_by_id(const checker& c) {
    std::vector<id_index> by_id(c.size());
    for (std::size_t i = 0; i < by_id.size(); ++i) by_id[i] = {c.sample(i).id, i};
    std::sort(by_id.begin(), by_id.end());
    // Report the repeat that comes first in the file.
    std::size_t first = no_index, repeat = no_index;
    for (std::size_t k = 1; k < by_id.size(); ++k) {
        const auto [a_id, a] = by_id[k - 1];
        const auto [b_id, b] = by_id[k];
        bool starts_group = k == 1 || by_id[k - 2].first != a_id;
        if (starts_group && a_id == b_id && (repeat == no_index || b < repeat)) {
            first = a;
            repeat = b;
        }
    }
    if (repeat != no_index) {
        c.fail(repeat, "duplicate id " + std::to_string(c.sample(repeat).id) + " (also on " + c.line_ref(first) + ")",
               "each id once");
    }
    return by_id;
}

// Parent of each sample as a file index (no_index for a root).
std::vector<std::size_t> resolve_parents(const checker& c, const std::vector<id_index>& by_id) {
    std::vector<std::size_t> parent(c.size(), no_index);
    for (std::size_t i = 0; i < c.size(); ++i) {
        const swc_sample& s = c.sample(i);
        if (s.parent_id < 0) continue;
        if (s.parent_id == s.id) {
            c.fail(i, "sample " + std::to_string(s.id) + " is its own parent", "a parent id of another sample, or -1");
        }
        auto it = std::lower_bound(by_id.begin(), by_id.end(), s.parent_id,
                                   [](const id_index& k, std::int64_t id) { return k.first < id; });
        if (it == by_id.end() || it->first != s.parent_id) {
            c.fail(i, "parent " + std::to_string(s.parent_id) + " of sample " + std::to_string(s.id) + " is not in the file",
                   "a parent id of a sample in the file, or -1");
        }
        parent[i] = it->second;
    }
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.sample(i).type == swc_soma && parent[i] != no_index && c.sample(parent[i]).type != swc_soma) {
            c.fail(i, "soma sample " + std::to_string(c.sample(i).id) + " has a parent of type " +
                          std::to_string(c.sample(parent[i]).type) + " (" + c.line_ref(parent[i]) + ")",
                   "a soma sample's parent to be a soma sample (type 1) or -1");
        }
    }
    return parent;
}

// Children of each sample in compressed form: children of i are
// child[first[i]] .. child[first[i+1]-1].
struct child_lists {
    std::vector<std::size_t> first;
    std::vector<std::size_t> child;
};

child_lists make_child_lists(const std::vector<std::size_t>& parent) {
    child_lists lists;
    lists.first.assign(parent.size() + 1, 0);
    for (std::size_t p: parent) {
        if (p != no_index) ++lists.first[p + 1];
    }
    for (std::size_t i = 0; i < parent.size(); ++i) lists.first[i + 1] += lists.first[i];
    lists.child.resize(lists.first.back());
    std::vector<std::size_t> fill(lists.first.begin(), lists.first.end() - 1);
    for (std::size_t i = 0; i < parent.size(); ++i) {
        if (parent[i] != no_index) lists.child[fill[parent[i]]++] = i;
    }
    return lists;
}

// Parent-before-child order that always takes the smallest available id: with
// every parent id below its child's this is ascending id. Samples on or below a
// cycle are never available and are left out.
std::vector<std::size_t> smallest_id_first_order(const checker& c, const std::vector<std::size_t>& parent,
                                                 const std::vector<id_index>& by_id) {
    std::vector<std::size_t> order;
    order.reserve(c.size());
    const bool ascending = std::all_of(by_id.begin(), by_id.end(), [&](const id_index& k) {
        return parent[k.second] == no_index || c.sample(parent[k.second]).id < k.first;
    });
    if (ascending) {
        for (const auto& k: by_id) order.push_back(k.second);
        return order;
    }
    const child_lists children = make_child_lists(parent);
    using entry = std::pair<std::int64_t, std::size_t>;
    std::priority_queue<entry, std::vector<entry>, std::greater<>> available;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (parent[i] == no_index) available.emplace(c.sample(i).id, i);
    }
    while (!available.empty()) {
        std::size_t i = available.top().second;
        available.pop();
        order.push_back(i);
        for (std::size_t k = children.first[i]; k < children.first[i + 1]; ++k) {
            available.emplace(c.sample(children.child[k]).id, children.child[k]);
        }
    }
    return order;
}

// Called when some samples never became available: the first of them in the
// file leads, through its parents, into a cycle; report the cycle's first line.
[[noreturn]] void fail_on_cycle(const checker& c, const std::vector<std::size_t>& parent,
                                const std::vector<std::size_t>& order) {
    std::vector<char> state(c.size(), 0);  // 1: ordered, 2: visited on the walk
    for (std::size_t i: order) state[i] = 1;
    std::size_t walk = static_cast<std::size_t>(std::find(state.begin(), state.end(), 0) - state.begin());
    while (state[walk] == 0) {
        state[walk] = 2;
        walk = parent[walk];
    }
    std::vector<std::size_t> cycle{walk};
    for (std::size_t k = parent[walk]; k != walk; k = parent[k]) cycle.push_back(k);
    std::size_t first = *std::min_element(cycle.begin(), cycle.end());
    auto at = std::find(cycle.begin(), cycle.end(), first);
    std::rotate(cycle.begin(), at, cycle.end());

    constexpr std::size_t max_listed = 8;
    std::string chain;
    for (std::size_t k = 0; k < std::min(cycle.size(), max_listed); ++k) chain += std::to_string(c.sample(cycle[k]).id) + " -> ";
    chain += cycle.size() > max_listed ? "..." : std::to_string(c.sample(first).id);
    c.fail(first, "sample " + std::to_string(c.sample(first).id) + " is on a cycle of parents (" + chain + ")",
           "parents that lead to a root (parent -1)");
}

// With several trees and soma_tree_only, the samples of the one tree holding
// soma samples, in the same order; otherwise an error.
std::vector<std::size_t> soma_tree(const checker& c, const std::vector<std::size_t>& parent,
                                   const std::vector<std::size_t>& order, std::vector<swc_warning>& warnings) {
    std::vector<std::size_t> root(c.size(), no_index);
    for (std::size_t i: order) root[i] = parent[i] == no_index ? i : root[parent[i]];
    std::size_t soma_root = no_index, soma_sample = no_index;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.sample(i).type != swc_soma) continue;
        if (soma_root == no_index) {
            soma_root = root[i];
            soma_sample = i;
        } else if (root[i] != soma_root) {
            c.fail(i, "soma sample " + std::to_string(c.sample(i).id) + " is in another tree than the soma sample on " +
                          c.line_ref(soma_sample),
                   "all soma samples (type 1) in one tree");
        }
    }
    if (soma_root == no_index) {
        throw swc_error(c.name(), 0, "no tree holds a soma sample; expected one tree with soma samples (type 1)");
    }
    std::vector<std::size_t> kept;
    std::size_t dropped_trees = 0;
    for (std::size_t i: order) {
        if (root[i] == soma_root) kept.push_back(i);
        else if (parent[i] == no_index) ++dropped_trees;
    }
    warnings.push_back({0, "kept only the tree with the soma (root on line " + std::to_string(c.sample(soma_root).line) +
                               "); dropped " + std::to_string(order.size() - kept.size()) + " samples in " +
                               std::to_string(dropped_trees) + (dropped_trees == 1 ? " other tree" : " other trees")});
    return kept;
}

// A length in µm to four significant digits.
std::string format_um(double value) {
    std::array<char, 32> buf{};
    auto end = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::general, 4).ptr;
    return std::string(buf.data(), end) + " um";
}

double distance(const swc_sample& a, const swc_sample& b) {
    return std::hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

// Why three soma samples are not NeuroMorpho's three-point soma (the rule of
// NEURON's Import3d): empty when they are.
std::string three_point_soma_mismatch(const swc_file& f, const std::vector<std::size_t>& soma,
                                      const std::vector<std::size_t>& child_count) {
    std::size_t centre = soma[0];
    const swc_sample& c = f.samples[centre];
    if (f.parent[centre] != -1) return "the first is not a root";
    for (std::size_t k = 1; k < 3; ++k) {
        if (f.parent[soma[k]] != static_cast<std::ptrdiff_t>(centre)) {
            return "sample " + std::to_string(f.samples[soma[k]].id) + " is not a child of the first, " + std::to_string(c.id);
        }
    }
    for (std::size_t k = 1; k < 3; ++k) {
        if (child_count[soma[k]] != 0) return "sample " + std::to_string(f.samples[soma[k]].id) + " has children";
    }
    if (f.samples[soma[1]].radius != c.radius || f.samples[soma[2]].radius != c.radius) return "the radii differ";
    if (c.radius <= 0) return "the radius is 0";
    double span = distance(c, f.samples[soma[1]]) + distance(c, f.samples[soma[2]]);
    if (std::fabs(span / (2 * c.radius) - 1) >= 0.01) {
        return "the outer samples lie " + format_um(span) + " apart through the centre, not one diameter (" +
               format_um(2 * c.radius) + ") within 1%";
    }
    return {};
}

void add_geometry_warnings(swc_file& f) {
    std::vector<std::size_t> child_count(f.samples.size(), 0);
    std::vector<std::size_t> soma;
    for (std::size_t i = 0; i < f.samples.size(); ++i) {
        const swc_sample& s = f.samples[i];
        if (s.type == swc_soma) soma.push_back(i);
        if (s.radius == 0) f.warnings.push_back({s.line, "sample " + std::to_string(s.id) + " has radius 0"});
        if (f.parent[i] < 0) continue;
        auto p = static_cast<std::size_t>(f.parent[i]);
        ++child_count[p];
        const swc_sample& ps = f.samples[p];
        if (s.x == ps.x && s.y == ps.y && s.z == ps.z) {
            f.warnings.push_back({s.line, "sample " + std::to_string(s.id) + " is at the same position as its parent " +
                                              std::to_string(ps.id) + " (a segment of length 0)"});
        }
    }
    if (soma.size() == 3) {
        if (std::string why = three_point_soma_mismatch(f, soma, child_count); !why.empty()) {
            f.warnings.push_back({f.samples[soma[0]].line,
                                  "three soma samples that are not NeuroMorpho's three-point soma: " + why});
        }
    }
}

} // namespace

swc_file validate_swc(const parsed_swc& parsed, std::string name, const swc_options& opts) {
    checker c(parsed, std::move(name));
    if (c.size() == 0) {
        throw swc_error(c.name(), 0, "no samples; expected lines of 7 columns: id type x y z radius parent");
    }
    const std::vector<id_index> by_id = sort_by_id(c);
    std::vector<std::size_t> parent = resolve_parents(c, by_id);
    std::vector<std::size_t> order = smallest_id_first_order(c, parent, by_id);
    if (order.size() < c.size()) fail_on_cycle(c, parent, order);

    swc_file f;
    f.name = c.name();
    std::size_t second_root = no_index;
    for (std::size_t i = 0, roots = 0; i < c.size() && second_root == no_index; ++i) {
        if (parent[i] == no_index && ++roots == 2) second_root = i;
    }
    if (second_root != no_index) {
        if (!opts.soma_tree_only) {
            std::size_t first_root = static_cast<std::size_t>(std::find(parent.begin(), parent.end(), no_index) - parent.begin());
            c.fail(second_root, "a second root (the first is on " + c.line_ref(first_root) + ")",
                   "one tree (set soma_tree_only to keep only the tree with the soma)");
        }
        order = soma_tree(c, parent, order, f.warnings);
    }

    std::vector<std::size_t> position(c.size(), no_index);
    f.samples.reserve(order.size());
    f.parent.reserve(order.size());
    for (std::size_t i: order) {
        position[i] = f.samples.size();
        f.samples.push_back(c.sample(i));
        f.parent.push_back(parent[i] == no_index ? -1 : static_cast<std::ptrdiff_t>(position[parent[i]]));
    }
    add_geometry_warnings(f);
    std::stable_sort(f.warnings.begin(), f.warnings.end(),
                     [](const swc_warning& a, const swc_warning& b) { return a.line < b.line; });
    return f;
}

} // namespace cajal::swc_detail
