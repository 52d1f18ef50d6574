// Evaluating label expressions against a cell (see labels.hpp and docs/labels.md).
#include <cajal/morphology/labels.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <set>

#include <cajal/morphology/path_distance.hpp>

#include "label_syntax.hpp"
#include "region_algebra.hpp"

namespace cajal {

namespace {

using labels::interval_set;
using labels::sexpr;

constexpr std::string_view region_functions = "all, tag, branch, distance-between, distance-lt, distance-gt, subtree, apical-trunk, join, "
                                              "intersect, difference, complement, region";
constexpr std::string_view locset_functions = "soma, root, location, sample, terminals, on-distance, widest, proximal, cv-centres, "
                                              "uniform, join, restrict, locset";

bool is_region_function(const std::string& f) {
    for (std::string_view name: {"all", "tag", "branch", "distance-between", "distance-lt", "distance-gt", "subtree", "apical-trunk", "intersect",
                                 "difference", "complement", "region"}) {
        if (f == name) return true;
    }
    return false;
}

bool is_locset_function(const std::string& f) {
    for (std::string_view name: {"soma", "root", "location", "sample", "terminals", "on-distance", "widest", "proximal", "cv-centres", "uniform",
                                 "restrict", "locset"}) {
        if (f == name) return true;
    }
    return false;
}

// splitmix64's finaliser: a counter-based stream of uniform numbers in [0, 1).
double uniform_draw(std::uint64_t seed, std::uint64_t k) {
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + (k + 1) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return double(z >> 11) * 0x1.0p-53;
}

// The old form "dend|apic": names joined with '|'.
std::string legacy(std::string_view expression) {
    if (expression.find('(') != std::string_view::npos || expression.find('|') == std::string_view::npos) return std::string(expression);
    std::string out = "(join";
    std::size_t start = 0;
    while (true) {
        const auto bar = expression.find('|', start);
        auto name = expression.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name.empty()) throw label_error(0, "an empty name in '" + std::string(expression) + "'; names are joined with '|' as in dend|apic");
        out += " " + std::string(name);
        if (bar == std::string_view::npos) break;
        start = bar + 1;
    }
    return out + ")";
}

class evaluator {
public:
    explicit evaluator(const label_context& c): c_(c), m_(*c.morph) {}

    label_kind kind(const sexpr& e) {
        if (e.what == sexpr::kind::symbol) {
            if (is_region_name(e.text)) return label_kind::region;
            if (e.text.starts_with("sample:")) return label_kind::locset;
            return through_label(e.text, e.column, [&](const sexpr& body) { return kind(body); });
        }
        if (!e.is_list()) fail(e, "expected a region or a locset, not a " + std::string(e.what == sexpr::kind::number ? "number" : "string"));
        const auto& f = e.head();
        if (f == "join") return e.items.size() > 1 ? kind(e.items[1]) : label_kind::region;
        if (is_region_function(f)) return label_kind::region;
        if (is_locset_function(f)) return label_kind::locset;
        fail(e.items.front(), "unknown function '" + f + "'; regions: " + std::string(region_functions) + "; locsets: " + std::string(locset_functions));
    }

    interval_set region(const sexpr& e) {
        if (e.what == sexpr::kind::symbol) {
            if (is_region_name(e.text)) return named_region(e);
            if (e.text.starts_with("sample:")) fail(e, "expected a region here, not the locset '" + e.text + "'");
            return through_label(e.text, e.column, [&](const sexpr& body) { return region(body); });
        }
        if (!e.is_list() || kind(e) != label_kind::region) fail(e, "expected a region here, not a locset or a value");
        const auto& f = e.head();
        if (f == "all") return arity(e, 0), every_branch([](const branch&) { return true; });
        if (f == "tag") {
            std::set<int> tags;
            for (std::size_t i = 1; i < e.items.size(); ++i) tags.insert(static_cast<int>(whole(e.items[i])));
            if (tags.empty()) fail(e, "(tag T ...) needs at least one type");
            return every_branch([&](const branch& b) { return tags.count(b.type) > 0; });
        }
        if (f == "branch") {
            interval_set out;
            for (std::size_t i = 1; i < e.items.size(); ++i) {
                const auto b = whole(e.items[i]);
                if (b >= m_.num_branches()) fail(e.items[i], "no branch " + std::to_string(b) + " (the cell has " + std::to_string(m_.num_branches()) + ")");
                out.push_back({b, 0, 1});
            }
            return labels::normalized(std::move(out));
        }
        if (f == "distance-between") return arity(e, 2), distance_band(number(e.items[1]), number(e.items[2]), e);
        if (f == "distance-lt") return arity(e, 1), distance_band(0, number(e.items[1]), e);
        if (f == "distance-gt") return arity(e, 1), distance_band(number(e.items[1]), INFINITY, e);
        if (f == "subtree") return arity(e, 1), subtree(locset(e.items[1]));
        if (f == "apical-trunk") return arity(e, 0), apical_trunk(e);
        if (f == "join") return fold(e, labels::join);
        if (f == "intersect") return fold(e, labels::intersect);
        if (f == "difference") return arity(e, 2), labels::difference(region(e.items[1]), region(e.items[2]));
        if (f == "complement") return arity(e, 1), labels::difference(every_branch([](const branch&) { return true; }), region(e.items[1]));
        if (f == "region") {
            arity(e, 1);
            return through_label(text(e.items[1]), e.items[1].column, [&](const sexpr& body) { return region(body); });
        }
        fail(e, "unknown region function '" + f + "'");
    }

    std::vector<location> locset(const sexpr& e) {
        if (e.what == sexpr::kind::symbol) {
            if (e.text == "soma") return {soma_centre(e)};
            if (e.text.starts_with("sample:")) return {sample(e, e.text.substr(7))};
            if (is_region_name(e.text)) fail(e, "expected a locset here, not the region '" + e.text + "'");
            return through_label(e.text, e.column, [&](const sexpr& body) { return locset(body); });
        }
        if (!e.is_list() || kind(e) != label_kind::locset) fail(e, "expected a locset here, not a region or a value");
        const auto& f = e.head();
        if (f == "soma") return arity(e, 0), std::vector<location>{soma_centre(e)};
        if (f == "root") return arity(e, 0), std::vector<location>{{0, 0.0}};
        if (f == "location") {
            arity(e, 2);
            const auto b = whole(e.items[1]);
            const double x = number(e.items[2]);
            try {
                return {make_location(m_, b, x)};
            } catch (const location_error& error) {
                fail(e, error.what());
            }
        }
        if (f == "sample") return arity(e, 1), std::vector<location>{sample(e, std::to_string(whole(e.items[1])))};
        if (f == "terminals") {
            if (e.items.size() > 2) fail(e, "(terminals) takes at most a region");
            return terminals(e.items.size() == 2 ? region(e.items[1]) : every_branch([](const branch&) { return true; }));
        }
        if (f == "on-distance") return arity(e, 2), on_distance(number(e.items[1]), region(e.items[2]));
        if (f == "widest") return arity(e, 1), widest(locset(e.items[1]));
        if (f == "proximal") return arity(e, 1), proximal(region(e.items[1]));
        if (f == "cv-centres") return arity(e, 1), cv_centres(region(e.items[1]), e);
        if (f == "uniform") return arity(e, 3), uniform(region(e.items[1]), whole(e.items[2]), whole(e.items[3]));
        if (f == "join") {
            std::vector<location> out;
            for (std::size_t i = 1; i < e.items.size(); ++i) {
                auto more = locset(e.items[i]);
                out.insert(out.end(), more.begin(), more.end());
            }
            return out;
        }
        if (f == "restrict") {
            arity(e, 2);
            const auto r = region(e.items[2]);
            std::vector<location> out;
            for (const auto& l: locset(e.items[1])) {
                if (labels::contains(r, l.branch, l.x)) out.push_back(l);
            }
            return out;
        }
        if (f == "locset") {
            arity(e, 1);
            return through_label(text(e.items[1]), e.items[1].column, [&](const sexpr& body) { return locset(body); });
        }
        fail(e, "unknown locset function '" + f + "'");
    }

private:
    [[noreturn]] void fail(const sexpr& at, const std::string& message) const { throw label_error(at.column, message); }

    void arity(const sexpr& e, std::size_t n) const {
        if (e.items.size() != n + 1) {
            fail(e, "(" + e.head() + ") takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") + ", not " + std::to_string(e.items.size() - 1));
        }
    }
    double number(const sexpr& e) const {
        if (e.what != sexpr::kind::number || !std::isfinite(e.number)) fail(e, "expected a number");
        return e.number;
    }
    std::size_t whole(const sexpr& e) const {
        const double x = number(e);
        if (x < 0 || x != std::floor(x) || x > 9e15) fail(e, "expected a whole number of at least 0");
        return static_cast<std::size_t>(x);
    }
    std::string text(const sexpr& e) const {
        if (e.what != sexpr::kind::string && e.what != sexpr::kind::symbol) fail(e, "expected a label's name");
        return e.text;
    }

    static bool is_region_name(const std::string& s) {
        return s == "all" || s == "soma" || s == "axon" || s == "dend" || s == "apic" || s.starts_with("type:");
    }

    interval_set named_region(const sexpr& e) {
        if (e.text == "all") return every_branch([](const branch&) { return true; });
        int type = swc_soma;
        if (e.text == "axon") type = swc_axon;
        else if (e.text == "dend") type = swc_basal;
        else if (e.text == "apic") type = swc_apical;
        else if (e.text.starts_with("type:")) {
            const std::string digits = e.text.substr(5);
            if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) fail(e, "'" + e.text + "' needs a whole SWC type after 'type:'");
            type = std::stoi(digits);
        }
        return every_branch([&](const branch& b) { return b.type == type; });
    }

    // Evaluates a label's expression (parsed once); a label reached again
    // while it is being evaluated refers to itself.
    template <class Use>
    auto through_label(const std::string& name, std::size_t column, Use use) -> decltype(use(std::declval<const sexpr&>())) {
        if (!c_.labels || !c_.labels->count(name)) {
            std::string known;
            if (c_.labels) {
                for (const auto& [n, expression]: *c_.labels) known += (known.empty() ? "" : ", ") + n;
            }
            throw label_error(column, "unknown name '" + name + "'; regions: all, soma, axon, dend, apic, type:N; locsets: soma, sample:ID" +
                                          (known.empty() ? "" : "; labels: " + known));
        }
        if (!visiting_.insert(name).second) throw label_error(column, "label '" + name + "' refers to itself");
        try {
            auto it = parsed_.find(name);
            if (it == parsed_.end()) it = parsed_.emplace(name, labels::parse(legacy(c_.labels->at(name)))).first;
            auto result = use(it->second);
            visiting_.erase(name);
            return result;
        } catch (const label_error& e) {
            visiting_.erase(name);
            // The inner column counts within the label's own expression.
            throw label_error(column, "in label '" + name + "': " + e.what());
        }
    }

    template <class Keep>
    interval_set every_branch(Keep keep) const {
        interval_set out;
        for (std::size_t b = 0; b < m_.num_branches(); ++b) {
            if (keep(m_.branch_at(b))) out.push_back({b, 0, 1});
        }
        return out;
    }

    interval_set fold(const sexpr& e, interval_set (*op)(const interval_set&, const interval_set&)) {
        if (e.items.size() < 2) fail(e, "(" + e.head() + ") needs at least one region");
        interval_set acc = region(e.items[1]);
        for (std::size_t i = 2; i < e.items.size(); ++i) acc = op(acc, region(e.items[i]));
        return acc;
    }

    const path_distance& distances() {
        if (!distances_) distances_.emplace(m_, c_.origin ? *c_.origin : default_distance_origin(m_));
        return *distances_;
    }

    // Where lo <= distance <= hi, solved piece by piece (the distance is linear in x on each).
    interval_set distance_band(double lo, double hi, const sexpr& e) {
        if (!(lo <= hi)) fail(e, "the lower distance is above the upper one");
        interval_set out;
        for (std::size_t b = 0; b < m_.num_branches(); ++b) {
            for (const auto& p: distances().pieces(b)) {
                const double d0 = p.start, d1 = p.start + p.slope * (p.x1 - p.x0);
                if (p.slope == 0) {
                    if (d0 >= lo && d0 <= hi) out.push_back({b, p.x0, p.x1});
                    continue;
                }
                // x where the distance is lo and hi, ordered along the piece.
                double xa = p.x0 + (lo - p.start) / p.slope, xb = p.x0 + (hi - p.start) / p.slope;
                if (xa > xb) std::swap(xa, xb);
                const double from = std::max(p.x0, xa), to = std::min(p.x1, xb);
                if (from <= to && std::min(d0, d1) <= hi && std::max(d0, d1) >= lo) out.push_back({b, from, to});
            }
        }
        return labels::normalized(std::move(out));
    }

    // Everything distal to each location: the rest of its branch and every branch below.
    interval_set subtree(const std::vector<location>& from) const {
        interval_set out;
        std::vector<std::size_t> pending;
        for (const auto& l: from) {
            out.push_back({l.branch, l.x, 1});
            for (auto child: m_.children(l.branch)) {
                if (m_.branch_at(child).parent_x >= l.x) pending.push_back(child);
            }
        }
        while (!pending.empty()) {
            const auto b = pending.back();
            pending.pop_back();
            out.push_back({b, 0, 1});
            for (auto child: m_.children(b)) pending.push_back(child);
        }
        return labels::normalized(std::move(out));
    }

    // The apical branches on the path to the apical tip farthest from the origin.
    interval_set apical_trunk(const sexpr& e) {
        std::size_t tip = m_.num_branches();
        double farthest = -1;
        for (std::size_t b = 0; b < m_.num_branches(); ++b) {
            if (m_.branch_at(b).type != swc_apical) continue;
            const double d = distances().at(b, 1);
            if (d > farthest) {
                farthest = d;
                tip = b;
            }
        }
        if (tip == m_.num_branches()) fail(e, "(apical-trunk): the cell has no apical dendrite (type 4)");
        interval_set out;
        for (std::ptrdiff_t b = static_cast<std::ptrdiff_t>(tip); b >= 0 && m_.branch_at(static_cast<std::size_t>(b)).type == swc_apical;
             b = m_.branch_at(static_cast<std::size_t>(b)).parent) {
            out.push_back({static_cast<std::size_t>(b), 0, 1});
        }
        return labels::normalized(std::move(out));
    }

    location soma_centre(const sexpr& e) const {
        try {
            return resolve_location(m_, "soma");
        } catch (const location_error& error) {
            fail(e, error.what());
        }
    }

    location sample(const sexpr& e, const std::string& id) const {
        try {
            return resolve_location(m_, "sample:" + id);
        } catch (const location_error& error) {
            fail(e, error.what());
        }
    }

    // The distal ends of the region's branches that have no child.
    std::vector<location> terminals(const interval_set& r) const {
        std::vector<location> out;
        for (const auto& i: r) {
            if (i.x1 == 1 && m_.children(i.branch).empty()) out.push_back({i.branch, 1});
        }
        return out;
    }

    std::vector<location> on_distance(double d, const interval_set& r) {
        std::vector<location> out;
        for (const auto& i: r) {
            for (const auto& p: distances().pieces(i.branch)) {
                if (p.slope == 0) continue;
                const double x = p.x0 + (d - p.start) / p.slope;
                const double lo = std::max(p.x0, i.x0), hi = std::min(p.x1, i.x1);
                if (x >= lo && x <= hi && (out.empty() || out.back().branch != i.branch || out.back().x != x)) out.push_back({i.branch, x});
            }
        }
        return out;
    }

    // The location with the largest diameter: its CV's (NEURON's segment
    // diameter) where the discretization is known, else the point's.
    std::vector<location> widest(const std::vector<location>& from) const {
        if (from.empty()) return {};
        const discretization* disc = c_.discretized ? c_.discretized() : nullptr;
        auto diameter = [&](const location& l) { return disc ? disc->diameter[disc->cv_at(l.branch, l.x)] : 2 * m_.radius_at(l.branch, l.x); };
        std::size_t best = 0;
        for (std::size_t k = 1; k < from.size(); ++k) {
            if (diameter(from[k]) > diameter(from[best])) best = k;
        }
        return {from[best]};
    }

    // Where the region's pieces begin: a piece's start whose parent point is not in the region.
    std::vector<location> proximal(const interval_set& r) const {
        std::vector<location> out;
        for (const auto& i: r) {
            if (i.x0 == 0) {
                const auto& b = m_.branch_at(i.branch);
                if (b.parent >= 0 && labels::contains(r, static_cast<std::size_t>(b.parent), b.parent_x)) continue;
            }
            out.push_back({i.branch, i.x0});
        }
        return out;
    }

    std::vector<location> cv_centres(const interval_set& r, const sexpr& e) const {
        const discretization* disc = c_.discretized ? c_.discretized() : nullptr;
        if (!disc) fail(e, "(cv-centres) needs the cell's discretization, which is not known here");
        std::vector<location> out;
        for (std::size_t c = 0; c < disc->size(); ++c) {
            const auto& node = disc->node[c];
            if (disc->area[c] > 0 && labels::contains(r, node.branch, node.x)) out.push_back({node.branch, node.x});
        }
        return out;
    }

    // n points drawn uniformly over the region's length, the same for a seed
    // whoever draws them, sorted along the cell.
    std::vector<location> uniform(const interval_set& r, std::size_t n, std::uint64_t seed) const {
        std::vector<double> ends;   // cumulative length at each interval's end
        double total = 0;
        for (const auto& i: r) ends.push_back(total += (i.x1 - i.x0) * m_.length(i.branch));
        std::vector<location> out;
        if (total <= 0) return out;
        for (std::size_t k = 0; k < n; ++k) {
            const double s = uniform_draw(seed, k) * total;
            const auto j = static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), s) - ends.begin());
            const auto& i = r[std::min(j, r.size() - 1)];
            const double before = j == 0 ? 0 : ends[j - 1];
            const double L = m_.length(i.branch);
            out.push_back({i.branch, std::min(i.x1, i.x0 + (s - before) / L)});
        }
        std::sort(out.begin(), out.end(), [](const location& a, const location& b) { return a.branch != b.branch ? a.branch < b.branch : a.x < b.x; });
        return out;
    }

    const label_context& c_;
    const morphology& m_;
    std::map<std::string, sexpr> parsed_;
    std::set<std::string> visiting_;
    std::optional<path_distance> distances_;
};

} // namespace

location default_distance_origin(const morphology& m) {
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        if (m.branch_at(b).type == swc_soma) return resolve_location(m, "soma");
    }
    return {0, 0.0};
}

namespace {

// A column says nothing in an expression of names alone ("apic", "dend|apic",
// rewritten as a join before parsing): leave it out.
template <class Evaluate>
auto located(std::string_view expression, Evaluate evaluate) {
    try {
        return evaluate();
    } catch (const label_error& e) {
        if (expression.find('(') == std::string_view::npos && e.column() > 0) throw label_error(0, e.message());
        throw;
    }
}

} // namespace

label_kind kind_of(std::string_view expression, const label_context& context) {
    return located(expression, [&] { return evaluator(context).kind(labels::parse(legacy(expression))); });
}

std::vector<branch_interval> evaluate_region(std::string_view expression, const label_context& context) {
    return located(expression, [&] { return evaluator(context).region(labels::parse(legacy(expression))); });
}

std::vector<branch_interval> resolve_region(const morphology& m, std::string_view expression) {
    label_context context;
    context.morph = &m;
    return evaluate_region(expression, context);
}

std::vector<location> evaluate_locset(std::string_view expression, const label_context& context) {
    return located(expression, [&] { return evaluator(context).locset(labels::parse(expression)); });
}

} // namespace cajal
