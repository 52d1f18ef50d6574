#pragma once
// Axes of plots: the range a set of values spans, ticks at round values in it
// (1, 2 or 5 × 10^n) and their labels. Used by the run's plot and the colour
// bar of a morphology drawing.

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace cajal {

struct value_range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();

    void add(double x);                        // non-finite values are ignored
    bool empty() const { return lo > hi; }
    double span() const { return hi - lo; }
    // A range with room to draw, `margin` × its span wider on each side. An
    // empty range becomes [0, 1]; a single value v is widened to v ± 5 % of |v|
    // (± 1 for 0), so that a flat line sits in the middle.
    value_range padded(double margin) const;
};

struct axis_ticks {
    std::vector<double> at;  // ascending, inside the range
    int power = 0;           // labels show value / 10^power; the axis label carries "×10^power"
    int decimals = 0;        // of the labels, after that scaling
};

// The ticks of the smallest round step that gives at most max_count ticks in
// r (none for an empty range). A power of ten is factored out of the labels
// when the largest tick is below 0.001 or from 100000 on.
axis_ticks round_ticks(value_range r, std::size_t max_count);

// A tick's label: "−0.5" (with a minus sign, U+2212), never "−0".
std::string tick_text(double value, const axis_ticks& ticks);

// "×10⁻⁵" for power −5; empty for 0.
std::string power_text(int power);

} // namespace cajal
