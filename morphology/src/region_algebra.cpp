#include "region_algebra.hpp"

#include <algorithm>

namespace cajal::labels {

interval_set normalized(interval_set r) {
    std::sort(r.begin(), r.end(), [](const branch_interval& a, const branch_interval& b) {
        return a.branch != b.branch ? a.branch < b.branch : a.x0 < b.x0;
    });
    interval_set out;
    for (const auto& i: r) {
        if (!out.empty() && out.back().branch == i.branch && i.x0 <= out.back().x1) {
            out.back().x1 = std::max(out.back().x1, i.x1);
        } else {
            out.push_back(i);
        }
    }
    return out;
}

interval_set join(const interval_set& a, const interval_set& b) {
    interval_set all(a);
    all.insert(all.end(), b.begin(), b.end());
    return normalized(std::move(all));
}

interval_set intersect(const interval_set& a, const interval_set& b) {
    interval_set out;
    auto i = a.begin(), j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (i->branch != j->branch) {
            (i->branch < j->branch ? ++i : ++j);
            continue;
        }
        const double lo = std::max(i->x0, j->x0), hi = std::min(i->x1, j->x1);
        if (lo <= hi) out.push_back({i->branch, lo, hi});
        (i->x1 < j->x1 ? ++i : ++j);
    }
    return out;
}

interval_set difference(const interval_set& a, const interval_set& b) {
    interval_set out;
    auto j = b.begin();
    for (const auto& i: a) {
        while (j != b.end() && (j->branch < i.branch || (j->branch == i.branch && j->x1 < i.x0))) ++j;
        double from = i.x0;
        for (auto k = j; k != b.end() && k->branch == i.branch && k->x0 <= i.x1; ++k) {
            if (k->x0 > from) out.push_back({i.branch, from, k->x0});
            from = std::max(from, k->x1);
        }
        if (from < i.x1) out.push_back({i.branch, from, i.x1});
    }
    return out;
}

bool contains(const interval_set& r, std::size_t branch, double x) {
    auto it = std::lower_bound(r.begin(), r.end(), branch, [](const branch_interval& i, std::size_t b) { return i.branch < b; });
    for (; it != r.end() && it->branch == branch; ++it) {
        if (x >= it->x0 && x <= it->x1) return true;
    }
    return false;
}

} // namespace cajal::labels
