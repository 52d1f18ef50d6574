#include "plot_axis.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "units_text.hpp"

namespace cajal {

void value_range::add(double x) {
    if (!std::isfinite(x)) return;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
}

value_range value_range::padded(double margin) const {
    if (empty()) return {0, 1};
    if (lo == hi) {
        const double half = lo == 0 ? 1 : 0.05 * std::abs(lo);
        return {lo - half, hi + half};
    }
    return {lo - margin * span(), hi + margin * span()};
}

namespace {

// Ticks at whole multiples of step inside r; the small tolerance keeps an end
// that is itself a multiple, rounding aside.
std::vector<double> multiples_in(value_range r, double step) {
    std::vector<double> at;
    const double first = std::ceil(r.lo / step - 1e-9), last = std::floor(r.hi / step + 1e-9);
    for (double k = first; k <= last; k += 1) at.push_back(k == 0 ? 0.0 : k * step);
    return at;
}

int decimals_of(double step) { return std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9))); }

} // namespace

axis_ticks round_ticks(value_range r, std::size_t max_count) {
    axis_ticks ticks;
    if (r.empty() || !(r.span() > 0)) return ticks;
    max_count = std::max<std::size_t>(max_count, 2);
    // Start one decade below the step that would give max_count ticks and take
    // the first of 1, 2, 5 × 10^n that gives no more than that.
    double decade = std::pow(10.0, std::floor(std::log10(r.span() / double(max_count))) - 1);
    double step = decade;
    for (;; decade *= 10) {
        bool found = false;
        for (double m: {1.0, 2.0, 5.0}) {
            step = m * decade;
            if (multiples_in(r, step).size() <= max_count) {
                found = true;
                break;
            }
        }
        if (found) break;
    }
    ticks.at = multiples_in(r, step);
    double largest = 0;
    for (double t: ticks.at) largest = std::max(largest, std::abs(t));
    if (largest > 0 && (largest < 1e-3 || largest >= 1e5)) ticks.power = static_cast<int>(std::floor(std::log10(largest)));
    ticks.decimals = decimals_of(step / std::pow(10.0, ticks.power));
    return ticks;
}

std::string tick_text(double value, const axis_ticks& ticks) {
    const std::string digits = fmt::format("{:.{}f}", std::abs(value) / std::pow(10.0, ticks.power), ticks.decimals);
    if (digits.find_first_not_of("0.") == std::string::npos) return digits;  // no "−0"
    return value < 0 ? "\u2212" + digits : digits;
}

std::string power_text(int power) { return power == 0 ? "" : "×10" + superscript(std::to_string(power)); }

} // namespace cajal
