// Control volumes with NEURON's node placement, areas and axial resistances.
#include <cajal/morphology/discretization.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace cajal {

namespace {

// Branches in depth-first preorder from the root, children in branch order, so
// that every branch comes after its parent.
std::vector<std::size_t> depth_first_order(const morphology& m) {
    std::vector<std::size_t> order;
    order.reserve(m.num_branches());
    std::vector<std::size_t> stack;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        if (m.branch_at(b).parent < 0) stack.push_back(b);
    }
    while (!stack.empty()) {
        const std::size_t b = stack.back();
        stack.pop_back();
        order.push_back(b);
        const auto& kids = m.children(b);
        for (auto k = kids.rbegin(); k != kids.rend(); ++k) stack.push_back(*k);
    }
    return order;
}

void check_counts(const morphology& m, const std::vector<int>& segments) {
    if (segments.size() != m.num_branches()) {
        throw std::invalid_argument("discretize: " + std::to_string(segments.size()) + " segment counts for " +
                                    std::to_string(m.num_branches()) + " branches");
    }
    for (std::size_t b = 0; b < segments.size(); ++b) {
        if (segments[b] < 1) {
            throw std::invalid_argument("discretize: branch " + std::to_string(b) + " has " +
                                        std::to_string(segments[b]) + " segments; at least 1 is needed");
        }
    }
}

} // namespace

cv_layout layout_cvs(const morphology& m, const std::vector<int>& segments) {
    check_counts(m, segments);
    cv_layout l;
    l.segments = segments;
    l.first_cv.assign(m.num_branches(), 0);
    l.proximal_cv.assign(m.num_branches(), 0);
    auto add = [&l](std::ptrdiff_t parent, cv_node where) {
        l.parent.push_back(parent);
        l.node.push_back(where);
        return static_cast<std::ptrdiff_t>(l.parent.size() - 1);
    };
    // Each branch: its segment nodes, then its end node; the root first its x = 0 node.
    for (const std::size_t b: depth_first_order(m)) {
        const branch& br = m.branch_at(b);
        std::ptrdiff_t prev = br.parent < 0 ? add(-1, {b, 0.0})
                                            : static_cast<std::ptrdiff_t>(l.cv_at(static_cast<std::size_t>(br.parent), br.parent_x));
        l.proximal_cv[b] = static_cast<std::size_t>(prev);
        l.first_cv[b] = l.size();
        const int n = segments[b];
        for (int s = 0; s < n; ++s) prev = add(prev, {b, static_cast<double>(s) / n + 0.5 / n});
        add(prev, {b, 1.0});
    }
    return l;
}

std::size_t cv_layout::cv_at(std::size_t branch, double x) const {
    if (branch >= segments.size()) {
        throw std::out_of_range("cv_at: branch " + std::to_string(branch) + " does not exist (" +
                                std::to_string(segments.size()) + " branches)");
    }
    if (!(x >= 0 && x <= 1)) {
        throw std::out_of_range("cv_at: relative position " + std::to_string(x) + " is outside [0, 1]");
    }
    const int n = segments[branch];
    if (x == 0) return proximal_cv[branch];
    if (x == 1) return first_cv[branch] + static_cast<std::size_t>(n);
    // NEURON's node_index: the segment int(n x), the last one for x near 1.
    const int s = std::min(static_cast<int>(n * x), n - 1);
    return first_cv[branch] + static_cast<std::size_t>(s);
}

discretization discretize(const morphology& m, const cv_policy& policy, double cm, double Ra) {
    return discretize(m, segments_per_branch(m, policy), cm, Ra);
}

// Each CV's geometry, CV by CV. As in NEURON, segment s's node takes the
// resistance from the previous node (the right half of segment s-1 and the left
// half of s; only the left half for s = 0), and the end node the right half of
// the last segment.
discretization discretize(const morphology& m, const std::vector<int>& segments, double cm, double Ra) {
    discretization d;
    static_cast<cv_layout&>(d) = layout_cvs(m, segments);
    if (!(std::isfinite(cm) && cm >= 0)) {
        throw std::invalid_argument("discretize: cm must be non-negative (µF/cm²), got " + std::to_string(cm));
    }
    if (!(std::isfinite(Ra) && Ra > 0)) {
        throw std::invalid_argument("discretize: Ra must be positive (Ω·cm), got " + std::to_string(Ra));
    }
    const std::size_t size = d.size();
    d.area.assign(size, 0.0);
    d.diameter.assign(size, 0.0);
    d.capacitance.assign(size, 0.0);
    d.axial_conductance.assign(size, 0.0);
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t b = d.node[i].branch;
        if (d.parent[i] < 0) {
            d.diameter[i] = 2 * m.radius_at(b, 0.0);
            continue;
        }
        const int n = d.segments[b];
        const double half = 0.5 / n;
        const auto s = static_cast<int>(i - d.first_cv[b]);  // n for the end node
        double ri = s == 0 ? 0.0
                           : m.axial_resistance(b, Ra, static_cast<double>(s - 1) / n + half, static_cast<double>(s) / n);
        if (s < n) {
            const double x0 = static_cast<double>(s) / n;
            const double x1 = static_cast<double>(s + 1) / n;
            ri += m.axial_resistance(b, Ra, x0, x0 + half);
            d.area[i] = m.area(b, x0, x1);
            d.diameter[i] = m.mean_diameter(b, x0, x1);
        } else {
            d.diameter[i] = 2 * m.radius_at(b, 1.0);
        }
        if (!(ri > 0)) {
            throw std::invalid_argument("discretize: branch " + std::to_string(b) + " has zero axial resistance at x = " +
                                        std::to_string(d.node[i].x) + " (a segment of zero length)");
        }
        d.capacitance[i] = d.area[i] * cm * 1e-2;  // µm² · µF/cm² = 1e-8 µF = 1e-2 pF
        d.axial_conductance[i] = 1 / ri;
    }
    return d;
}

} // namespace cajal
