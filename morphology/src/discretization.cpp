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

struct cv_builder {
    const morphology& m;
    double cm;
    double Ra;
    discretization d;

    std::size_t add(std::size_t parent_cv, bool has_parent, cv_node where, double area, double diameter, double ri, std::size_t b) {
        if (has_parent && !(ri > 0)) {
            throw std::invalid_argument("discretize: branch " + std::to_string(b) + " has zero axial resistance at x = " +
                                        std::to_string(where.x) + " (a segment of zero length)");
        }
        d.parent.push_back(has_parent ? static_cast<std::ptrdiff_t>(parent_cv) : -1);
        d.node.push_back(where);
        d.area.push_back(area);
        d.diameter.push_back(diameter);
        d.capacitance.push_back(area * cm * 1e-2);  // µm² · µF/cm² = 1e-8 µF = 1e-2 pF
        d.axial_conductance.push_back(has_parent ? 1 / ri : 0.0);
        return d.parent.size() - 1;
    }

    // NEURON's segment diam: the diameter averaged over the segment's length.
    // The diameter is linear between 3-d points; Simpson's rule on 64 panels is
    // exact for a cylinder or a single frustum, and approximate where a 3-d
    // point inside the segment bends the diameter's slope.
    double mean_diameter(std::size_t b, double x0, double x1) const {
        constexpr int panels = 64;
        const double h = (x1 - x0) / panels;
        double sum = m.radius_at(b, x0) + m.radius_at(b, x1);
        for (int k = 1; k < panels; ++k) sum += (k % 2 ? 4 : 2) * m.radius_at(b, x0 + k * h);
        return 2 * sum / (3 * panels);
    }

    // Segment nodes and the end node of branch b, behind CV `proximal`. As in
    // NEURON, segment s's node takes the resistance from the previous node (the
    // right half of segment s-1 and the left half of s; only the left half for
    // s = 0), and the end node the right half of the last segment.
    void add_branch(std::size_t b, std::size_t proximal) {
        const int n = d.segments[b];
        const double half = 0.5 / n;
        d.proximal_cv[b] = proximal;
        d.first_cv[b] = d.size();
        std::size_t prev = proximal;
        double right_half = 0;  // resistance of the previous segment's right half
        for (int s = 0; s < n; ++s) {
            const double x0 = static_cast<double>(s) / n;
            const double xc = x0 + half;
            const double x1 = static_cast<double>(s + 1) / n;
            const double left_half = m.axial_resistance(b, Ra, x0, xc);
            prev = add(prev, true, {b, xc}, m.area(b, x0, x1), mean_diameter(b, x0, x1), right_half + left_half, b);
            right_half = m.axial_resistance(b, Ra, xc, x1);
        }
        add(prev, true, {b, 1.0}, 0.0, 2 * m.radius_at(b, 1.0), right_half, b);
    }
};

} // namespace

std::size_t discretization::cv_at(std::size_t branch, double x) const {
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

discretization discretize(const morphology& m, const std::vector<int>& segments, double cm, double Ra) {
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
    if (!(std::isfinite(cm) && cm >= 0)) {
        throw std::invalid_argument("discretize: cm must be non-negative (µF/cm²), got " + std::to_string(cm));
    }
    if (!(std::isfinite(Ra) && Ra > 0)) {
        throw std::invalid_argument("discretize: Ra must be positive (Ω·cm), got " + std::to_string(Ra));
    }
    cv_builder builder{m, cm, Ra, {}};
    discretization& d = builder.d;
    d.segments = segments;
    d.first_cv.assign(m.num_branches(), 0);
    d.proximal_cv.assign(m.num_branches(), 0);
    for (const std::size_t b: depth_first_order(m)) {
        const branch& br = m.branch_at(b);
        const std::size_t proximal =
            br.parent < 0 ? builder.add(0, false, {b, 0.0}, 0.0, 2 * m.radius_at(b, 0.0), 0.0, b)
                          : d.cv_at(static_cast<std::size_t>(br.parent), br.parent_x);
        builder.add_branch(b, proximal);
    }
    return d;
}

} // namespace cajal
