#pragma once
// A region's intervals sorted by branch: whether it covers a CV's node in log
// time, so that painting (or changing) a region of every branch of a large
// cell stays linear.

#include <algorithm>
#include <vector>

#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/region.hpp>

namespace cajal {

class region_index {
public:
    explicit region_index(std::vector<branch_interval> region): intervals_(std::move(region)) {
        std::sort(intervals_.begin(), intervals_.end(), [](const branch_interval& a, const branch_interval& b) { return a.branch < b.branch; });
    }

    bool covers(const cv_node& node) const {
        auto it = std::lower_bound(intervals_.begin(), intervals_.end(), node.branch,
                                   [](const branch_interval& r, std::size_t b) { return r.branch < b; });
        for (; it != intervals_.end() && it->branch == node.branch; ++it) {
            if (node.x >= it->x0 && node.x <= it->x1) return true;
        }
        return false;
    }

private:
    std::vector<branch_interval> intervals_;
};

} // namespace cajal
