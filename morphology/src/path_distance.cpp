#include <cajal/morphology/path_distance.hpp>

#include <cmath>

namespace cajal {

path_distance::path_distance(const morphology& m, location origin): origin_(make_location(m, origin.branch, origin.x)) {
    const auto n = m.num_branches();
    branches_.resize(n);
    lengths_.resize(n);
    for (std::size_t b = 0; b < n; ++b) lengths_[b] = m.length(b);
    // The branches on the path from the origin to the root: on each, the
    // distance is smallest where that path leaves it (the origin itself on
    // the origin's branch) and grows both ways from there.
    std::vector<bool> on_path(n, false);
    std::size_t b = origin.branch;
    double x = origin.x, leaving = 0;
    while (true) {
        on_path[b] = true;
        branches_[b].nearest_x = x;
        branches_[b].nearest = leaving;
        const auto parent = m.branch_at(b).parent;
        if (parent < 0) break;
        leaving += x * lengths_[b];
        x = m.branch_at(b).parent_x;
        b = static_cast<std::size_t>(parent);
    }
    // Every other branch: away from the origin, its distance grows from where
    // it attaches. Parents first, without recursion (trees may be deep).
    std::vector<std::size_t> pending;
    for (std::size_t r = 0; r < n; ++r) {
        if (m.branch_at(r).parent < 0) pending.push_back(r);
    }
    while (!pending.empty()) {
        const auto c = pending.back();
        pending.pop_back();
        if (!on_path[c]) {
            const auto& br = m.branch_at(c);
            // A tree the origin is not on (a forest's other roots) is out of reach.
            const double start = br.parent < 0 ? INFINITY : at(static_cast<std::size_t>(br.parent), br.parent_x);
            branches_[c] = {0.0, start};
        }
        for (auto child: m.children(c)) pending.push_back(child);
    }
}

double path_distance::at(std::size_t b, double x) const {
    const auto& d = branches_.at(b);
    return d.nearest + std::fabs(x - d.nearest_x) * lengths_[b];
}

std::vector<path_distance::piece> path_distance::pieces(std::size_t b) const {
    const auto& d = branches_.at(b);
    const double L = lengths_[b];
    std::vector<piece> out;
    if (d.nearest_x > 0) out.push_back({0, d.nearest_x, d.nearest + d.nearest_x * L, -L});
    if (d.nearest_x < 1) out.push_back({d.nearest_x, 1, d.nearest, L});
    return out;
}

} // namespace cajal
