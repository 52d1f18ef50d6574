#include <cajal/morphology/morphology.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "arc_length.hpp"
#include "frustum.hpp"

namespace cajal {

namespace {

std::string branch_name(std::size_t b) { return "branch " + std::to_string(b); }

void check_points(const branch& br, std::size_t b) {
    if (br.points.size() < 2) {
        throw std::invalid_argument(branch_name(b) + " has " + std::to_string(br.points.size()) +
                                    " point(s); a branch needs at least 2");
    }
    for (const auto& p: br.points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z) || !std::isfinite(p.radius)) {
            throw std::invalid_argument(branch_name(b) + " has a point with a non-finite coordinate or radius");
        }
        if (p.radius < 0) throw std::invalid_argument(branch_name(b) + " has a negative radius");
    }
}

// Every branch must reach the single root by following parents.
void check_tree(const std::vector<branch>& branches) {
    const std::size_t n = branches.size();
    std::size_t roots = 0;
    for (std::size_t b = 0; b < n; ++b) {
        const auto& br = branches[b];
        if (br.parent < -1 || br.parent >= static_cast<std::ptrdiff_t>(n) || br.parent == static_cast<std::ptrdiff_t>(b)) {
            throw std::invalid_argument(branch_name(b) + " has an invalid parent " + std::to_string(br.parent));
        }
        if (!(br.parent_x >= 0 && br.parent_x <= 1)) {
            throw std::invalid_argument(branch_name(b) + " has parent_x outside [0, 1]");
        }
        if (br.parent < 0) ++roots;
    }
    if (n > 0 && roots != 1) {
        throw std::invalid_argument("a morphology needs exactly one root branch, found " + std::to_string(roots));
    }
    // Walk up from each branch until a branch known to reach the root; meeting
    // the walk's own trail means a cycle. Each branch is walked over once.
    enum : char { unknown, on_walk, reaches_root };
    std::vector<char> state(n, unknown);
    std::vector<std::size_t> walk;
    for (std::size_t b = 0; b < n; ++b) {
        std::ptrdiff_t p = static_cast<std::ptrdiff_t>(b);
        while (p >= 0 && state[static_cast<std::size_t>(p)] == unknown) {
            state[static_cast<std::size_t>(p)] = on_walk;
            walk.push_back(static_cast<std::size_t>(p));
            p = branches[static_cast<std::size_t>(p)].parent;
        }
        if (p >= 0 && state[static_cast<std::size_t>(p)] == on_walk) {
            throw std::invalid_argument(branch_name(b) + " lies on a cycle of parents");
        }
        for (std::size_t w: walk) state[w] = reaches_root;
        walk.clear();
    }
}

void check_interval(const morphology& m, std::size_t b, double x0, double x1) {
    if (b >= m.num_branches()) {
        throw std::out_of_range(branch_name(b) + " does not exist (" + std::to_string(m.num_branches()) + " branches)");
    }
    if (!(x0 >= 0 && x0 <= x1 && x1 <= 1)) {
        throw std::out_of_range("interval [" + std::to_string(x0) + ", " + std::to_string(x1) + "] on " +
                                branch_name(b) + " is not within 0 <= x0 <= x1 <= 1");
    }
}

// Calls f(h, r0, r1) for the part of each frustum of `br` inside arc lengths
// [s0, s1], with the radii interpolated at the cuts. A zero-length frustum (a
// repeated point) lies at one arc length a; it belongs to the interval when
// s0 < a <= s1, or when a = s0 = 0, so adjacent intervals never both count it.
template <class F>
void for_each_piece(const branch& br, double s0, double s1, F&& f) {
    const auto& arc = br.arc;
    const auto& pts = br.points;
    // Frusta ending before the first point at or beyond s0 lie wholly before s0.
    const auto reach = static_cast<std::size_t>(std::lower_bound(arc.begin(), arc.end(), s0) - arc.begin());
    for (std::size_t i = reach > 0 ? reach - 1 : 0; i + 1 < pts.size(); ++i) {
        const double a = arc[i], c = arc[i + 1];
        if (a > s1) break;
        const double ra = pts[i].radius, rc = pts[i + 1].radius;
        if (c == a) {
            if ((s0 < a && a <= s1) || (a == 0 && s0 == 0)) f(0.0, ra, rc);
            continue;
        }
        const double lo = std::max(s0, a), hi = std::min(s1, c);
        if (hi <= lo) continue;
        f(hi - lo, std::lerp(ra, rc, (lo - a) / (c - a)), std::lerp(ra, rc, (hi - a) / (c - a)));
    }
}

// The frustum holding arc length s (the first one of positive length that
// reaches s) and the fraction of the way along it. Arc lengths never decrease,
// so both searches are binary.
std::pair<std::size_t, double> locate(const branch& br, double s) {
    const auto& arc = br.arc;
    // The first point at or beyond s ends the first frustum that reaches s; if
    // that frustum has zero length, the next of positive length starts at its end.
    auto end = std::lower_bound(arc.begin() + 1, arc.end(), s);
    if (end != arc.end() && *end == *(end - 1)) end = std::upper_bound(end, arc.end(), *end);
    if (end == arc.end()) return {0, 0.0};  // a branch of zero length
    const auto i = static_cast<std::size_t>(end - arc.begin()) - 1;
    return {i, std::clamp((s - arc[i]) / (arc[i + 1] - arc[i]), 0.0, 1.0)};
}

} // namespace

morphology::morphology(std::vector<branch> branches, std::vector<sample_site> samples,
                       std::vector<morphology_warning> warnings):
    branches_(std::move(branches)), samples_(std::move(samples)), warnings_(std::move(warnings)) {
    for (std::size_t b = 0; b < branches_.size(); ++b) {
        check_points(branches_[b], b);
        branches_[b].arc = detail::arc_lengths(branches_[b].points);
    }
    check_tree(branches_);
    children_.assign(branches_.size(), {});
    for (std::size_t b = 0; b < branches_.size(); ++b) {
        if (branches_[b].parent >= 0) children_[static_cast<std::size_t>(branches_[b].parent)].push_back(b);
    }
    for (const auto& s: samples_) {
        if (s.branch >= branches_.size() || !(s.x >= 0 && s.x <= 1)) {
            throw std::invalid_argument("sample " + std::to_string(s.id) + " is placed outside the morphology");
        }
    }
    samples_by_id_.resize(samples_.size());
    for (std::size_t i = 0; i < samples_.size(); ++i) samples_by_id_[i] = i;
    std::stable_sort(samples_by_id_.begin(), samples_by_id_.end(),
                     [&](std::size_t a, std::size_t b) { return samples_[a].id < samples_[b].id; });
}

const sample_site* morphology::find_sample(std::int64_t id) const noexcept {
    const auto it = std::lower_bound(samples_by_id_.begin(), samples_by_id_.end(), id,
                                     [&](std::size_t k, std::int64_t wanted) { return samples_[k].id < wanted; });
    return it != samples_by_id_.end() && samples_[*it].id == id ? &samples_[*it] : nullptr;
}

double morphology::length(std::size_t b) const {
    check_interval(*this, b, 0, 1);
    return branches_[b].arc.back();
}

double morphology::area(std::size_t b, double x0, double x1) const {
    check_interval(*this, b, x0, x1);
    const auto& br = branches_[b];
    const double L = br.arc.back();
    double sum = 0;
    for_each_piece(br, x0 * L, x1 * L, [&](double h, double r0, double r1) { sum += detail::frustum_area(h, r0, r1); });
    return sum;
}

double morphology::volume(std::size_t b, double x0, double x1) const {
    check_interval(*this, b, x0, x1);
    const auto& br = branches_[b];
    const double L = br.arc.back();
    double sum = 0;
    for_each_piece(br, x0 * L, x1 * L, [&](double h, double r0, double r1) { sum += detail::frustum_volume(h, r0, r1); });
    return sum;
}

double morphology::mean_diameter(std::size_t b, double x0, double x1) const {
    check_interval(*this, b, x0, x1);
    const auto& br = branches_[b];
    const double L = br.arc.back();
    const double span = (x1 - x0) * L;
    if (!(span > 0)) return 2 * radius_at(b, x0);
    double sum = 0;  // ∫ 2 r ds over the interval
    for_each_piece(br, x0 * L, x1 * L, [&](double h, double r0, double r1) { sum += h * (r0 + r1); });
    return sum / span;
}

double morphology::axial_resistance(std::size_t b, double Ra, double x0, double x1) const {
    check_interval(*this, b, x0, x1);
    const auto& br = branches_[b];
    const double L = br.arc.back();
    double per_um = 0;  // ∫ ds / (π r²), 1/µm
    for_each_piece(br, x0 * L, x1 * L, [&](double h, double r0, double r1) {
        if (h > 0) per_um += detail::frustum_inverse_cross_section(h, r0, r1);
    });
    // Ω·cm × 1/µm = 1e4 Ω; in MΩ that is a factor 1e-2.
    return Ra * per_um * 1e-2;
}

double morphology::radius_at(std::size_t b, double x) const {
    check_interval(*this, b, x, x);
    const auto& br = branches_[b];
    const auto [i, t] = locate(br, x * br.arc.back());
    return std::lerp(br.points[i].radius, br.points[i + 1].radius, t);
}

point3 morphology::point_at(std::size_t b, double x) const {
    check_interval(*this, b, x, x);
    const auto& br = branches_[b];
    const auto [i, t] = locate(br, x * br.arc.back());
    const auto& p = br.points[i];
    const auto& q = br.points[i + 1];
    return {std::lerp(p.x, q.x, t), std::lerp(p.y, q.y, t), std::lerp(p.z, q.z, t), std::lerp(p.radius, q.radius, t)};
}

} // namespace cajal
