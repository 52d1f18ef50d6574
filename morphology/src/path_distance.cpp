// Path distances: with depth(b, x) the distance from the root's start to
// (b, x), the path between two places is their depths' sum less twice the
// depth where their paths from the root part. Every branch is visited once,
// parents first, without recursion.
#include <cajal/morphology/path_distance.hpp>

#include <algorithm>

namespace cajal {

namespace {

class distance_field {
public:
    distance_field(const morphology& m, const location& origin) {
        make_location(m, origin.branch, origin.x);  // throws for a place off the cell
        const std::size_t n = m.num_branches();
        length_.resize(n);
        for (std::size_t b = 0; b < n; ++b) length_[b] = m.length(b);
        // Branches on the origin's path to the root, and where the path leaves each.
        exit_.assign(n, -1.0);
        exit_[origin.branch] = origin.x;
        for (std::size_t c = origin.branch; m.branch_at(c).parent >= 0;) {
            const auto p = static_cast<std::size_t>(m.branch_at(c).parent);
            exit_[p] = m.branch_at(c).parent_x;
            c = p;
        }
        // Depths and parting depths, parents first.
        start_.assign(n, 0.0);
        parting_.assign(n, 0.0);
        std::vector<std::size_t> stack;
        for (std::size_t b = 0; b < n; ++b) {
            if (m.branch_at(b).parent < 0) stack.push_back(b);
        }
        while (!stack.empty()) {
            const std::size_t b = stack.back();
            stack.pop_back();
            for (std::size_t child: m.children(b)) {
                const double at = m.branch_at(child).parent_x;
                start_[child] = depth(b, at);
                parting_[child] = on_path(b) ? depth(b, std::min(at, exit_[b])) : parting_[b];
                stack.push_back(child);
            }
        }
        origin_depth_ = depth(origin.branch, origin.x);
    }

    double at(std::size_t b, double x) const {
        const double parting = on_path(b) ? depth(b, std::min(x, exit_[b])) : parting_[b];
        return std::max(0.0, depth(b, x) + origin_depth_ - 2 * parting);
    }

private:
    bool on_path(std::size_t b) const { return exit_[b] >= 0; }
    double depth(std::size_t b, double x) const { return start_[b] + x * length_[b]; }

    std::vector<double> length_, exit_, start_, parting_;
    double origin_depth_ = 0;
};

} // namespace

std::vector<branch_distance> path_distances(const morphology& m, const location& origin) {
    const distance_field field(m, origin);
    std::vector<branch_distance> out(m.num_branches());
    for (std::size_t b = 0; b < out.size(); ++b) out[b] = {field.at(b, 0.0), field.at(b, 1.0)};
    return out;
}

double path_distance(const morphology& m, const location& a, const location& b) {
    make_location(m, b.branch, b.x);
    return distance_field(m, a).at(b.branch, b.x);
}

} // namespace cajal
