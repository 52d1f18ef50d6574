#pragma once
// Regions as sets of intervals: sorted by branch, each branch's intervals
// disjoint and increasing; unions, intersections and differences of them.

#include <vector>

#include <cajal/morphology/region.hpp>

namespace cajal::labels {

using interval_set = std::vector<branch_interval>;

// Sorted and merged (touching or overlapping intervals of a branch become one).
interval_set normalized(interval_set r);
interval_set join(const interval_set& a, const interval_set& b);
interval_set intersect(const interval_set& a, const interval_set& b);
// Points of a that b does not cover; pieces of zero length are dropped.
interval_set difference(const interval_set& a, const interval_set& b);
bool contains(const interval_set& r, std::size_t branch, double x);

} // namespace cajal::labels
