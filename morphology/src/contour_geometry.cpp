#include "contour_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>

#include "symmetric_eigen.hpp"

namespace cajal::detail {

namespace {

// hoc compares numbers within float_epsilon (1e-11 unless a model changes it):
// a <= b is a <= b + 1e-11, and so on.
constexpr double hoc_epsilon = 1e-11;

// An outline as three rows of coordinates, as Import3d holds it in Vectors.
struct outline_rows {
    std::vector<double> x, y, z;
};

outline_rows rows_of(const std::vector<reader_point>& outline) {
    outline_rows r;
    for (const auto& p: outline) {
        r.x.push_back(p.x);
        r.y.push_back(p.y);
        r.z.push_back(p.z);
    }
    return r;
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }

// hoc's Vector.interpolate: ys, given at the non-decreasing xs, linearly at
// each of `at`; flat beyond the ends; xs that do not increase are skipped.
std::vector<double> interpolate(const std::vector<double>& at, const std::vector<double>& xs,
                                const std::vector<double>& ys) {
    std::vector<double> out(at.size());
    std::size_t k = 0;
    for (; k < at.size() && at[k] <= xs.front(); ++k) out[k] = ys.front();
    for (std::size_t s = 1; s < xs.size() && k < at.size(); ++s) {
        if (xs[s] <= xs[s - 1]) continue;
        while (at[k] <= xs[s]) {
            const double t = (at[k] - xs[s - 1]) / (xs[s] - xs[s - 1]);
            out[k] = (1. - t) * ys[s - 1] + t * ys[s];
            if (++k >= at.size()) break;
        }
    }
    for (; k < at.size(); ++k) out[k] = ys.back();
    return out;
}

// contourcenter: the rows replaced by 101 points spaced evenly along the open
// outline (lengths measured in the xy plane); returns their mean.
point3d resample_evenly(outline_rows& r) {
    const std::size_t n = r.x.size();
    std::vector<double> walked(n, 0.0);
    for (std::size_t i = 1; i < n; ++i) {
        const double dx = r.x[i] - r.x[i - 1];
        const double dy = r.y[i] - r.y[i - 1];
        walked[i] = walked[i - 1] + std::sqrt(dx * dx + dy * dy);
    }
    constexpr std::size_t samples = 101;
    const double step = walked.back() / 100;
    std::vector<double> at(samples);
    for (std::size_t i = 0; i < samples; ++i) at[i] = static_cast<double>(i) * step;
    r.x = interpolate(at, walked, r.x);
    r.y = interpolate(at, walked, r.y);
    r.z = interpolate(at, walked, r.z);
    return {mean(r.x), mean(r.y), mean(r.z)};
}

double dot(const point3d& a, const point3d& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

// Import3d drops, from the end backwards, every value of a side that does not
// exceed the one before it, so that each side of the outline increases along
// the axis (with its radii alongside).
void keep_increasing(std::vector<double>& along, std::vector<double>& across) {
    for (std::ptrdiff_t j = std::ssize(along) - 1; j > 0; --j) {
        const auto at = static_cast<std::size_t>(j);
        if (along[at] <= along[at - 1] + hoc_epsilon) {
            along.erase(along.begin() + j);
            across.erase(across.begin() + j);
            if (j != std::ssize(along)) ++j;  // look at the value that moved into place j
        }
    }
}

struct fitted_circle {
    point3d centre;
    double diameter;
};

// approximate_contour_by_circle: centred at contourcenter, its diameter the
// mean distance of the resampled points from there plus perimeter / 2π (the
// sum of two estimates of the radius).
fitted_circle circle_of(const std::vector<reader_point>& outline) {
    const std::size_t n = outline.size();
    double perimeter = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& a = outline[i];
        const auto& b = outline[(i + 1) % n];
        const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
        perimeter += std::sqrt(dx * dx + dy * dy + dz * dz);
    }
    outline_rows r = rows_of(outline);
    const point3d centre = resample_evenly(r);
    std::vector<double> distance(r.x.size());
    for (std::size_t t = 0; t < r.x.size(); ++t) {
        const double dx = r.x[t] - centre[0], dy = r.y[t] - centre[1], dz = r.z[t] - centre[2];
        distance[t] = std::sqrt(dx * dx + dy * dy + dz * dz);
    }
    return {centre, mean(distance) + perimeter / (2 * std::numbers::pi)};
}

[[noreturn]] void degenerate(const char* why) {
    throw std::invalid_argument(std::string("soma contour: ") + why +
                                "; expected an outline around an area (NEURON's Import3d cannot place a soma on it)");
}

} // namespace

point3d contour_center(const std::vector<reader_point>& outline) {
    outline_rows r = rows_of(outline);
    return resample_evenly(r);
}

point3d stack_center(const std::vector<reader_point>& outline, const std::vector<std::vector<reader_point>>& stack) {
    std::vector<point3d> centres{contour_center(outline)};
    std::vector<double> walked{0.0};
    for (const auto& next: stack) {
        const point3d c = contour_center(next);
        const point3d& before = centres.back();
        const point3d step{c[0] - before[0], c[1] - before[1], c[2] - before[2]};
        walked.push_back(walked.back() + std::sqrt(dot(step, step)));
        centres.push_back(c);
    }
    const double half = walked.back() / 2;
    if (std::fabs(half) <= hoc_epsilon) return centres.front();
    std::size_t i = 1;
    while (!(walked[i] > half + hoc_epsilon)) ++i;
    const double t = (half - walked[i - 1]) / (walked[i] - walked[i - 1]);
    point3d mid{};
    for (std::size_t k = 0; k < 3; ++k) mid[k] = t * centres[i][k] + (1 - t) * centres[i - 1][k];
    return mid;
}

std::vector<reader_point> contour_axis_points(const std::vector<reader_point>& outline) {
    outline_rows r = rows_of(outline);
    const point3d centre = resample_evenly(r);
    const std::size_t count = r.x.size();
    std::array<std::vector<double>, 3> offset{r.x, r.y, r.z};
    for (std::size_t k = 0; k < 3; ++k) {
        for (double& v: offset[k]) v -= centre[k];
    }
    // The scatter matrix of the points about their mean; its eigenvector of the
    // largest eigenvalue is the major axis, that of the middle one (flattened
    // into the xy plane) the minor.
    matrix3 scatter{};
    for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t j = i; j < 3; ++j) {
            double sum = 0;
            for (std::size_t t = 0; t < count; ++t) sum += offset[i][t] * offset[j][t];
            scatter[i][j] = scatter[j][i] = sum;
        }
    }
    const symmetric_eigen3 eig = symmetric_eigen(scatter);
    const auto largest = static_cast<std::size_t>(std::max_element(eig.values.begin(), eig.values.end()) - eig.values.begin());
    const auto smallest = static_cast<std::size_t>(std::min_element(eig.values.begin(), eig.values.end()) - eig.values.begin());
    if (largest == smallest) degenerate("it has no principal axis");
    const std::size_t middle = 3 - largest - smallest;
    point3d major{}, minor{};
    for (std::size_t k = 0; k < 3; ++k) {
        major[k] = eig.vectors[k][largest];
        minor[k] = eig.vectors[k][middle];
    }
    minor[2] = 0;
    const double minor_norm = std::sqrt(dot(minor, minor));
    for (double& v: minor) v /= minor_norm;

    // Each point's position along the major axis and across it (minor).
    std::vector<double> along(count), across(count);
    for (std::size_t t = 0; t < count; ++t) {
        const point3d p{offset[0][t], offset[1][t], offset[2][t]};
        along[t] = dot(p, major);
        across[t] = dot(p, minor);
    }
    // Start at the farthest point along the axis; the nearest splits the
    // outline into its two sides, both then ordered along the axis.
    const auto far = std::max_element(along.begin(), along.end()) - along.begin();
    std::rotate(along.begin(), along.begin() + far, along.end());
    std::rotate(across.begin(), across.begin() + far, across.end());
    const auto near = std::min_element(along.begin(), along.end()) - along.begin();
    std::vector<double> side1(along.begin(), along.begin() + near), side2(along.begin() + near, along.end());
    std::vector<double> across1(across.begin(), across.begin() + near), across2(across.begin() + near, across.end());
    std::reverse(side1.begin(), side1.end());
    std::reverse(across1.begin(), across1.end());
    keep_increasing(side1, across1);
    keep_increasing(side2, across2);
    if (side1.empty() || side2.empty()) degenerate("it has no extent along its principal axis");

    // 21 positions, evenly from the second smallest to the second largest of
    // both sides' positions, and the width between the sides at each.
    std::vector<double> both = side1;
    both.insert(both.end(), side2.begin(), side2.end());
    std::sort(both.begin(), both.end());
    const double from = both[1], to = both[both.size() - 2];
    const double step = (to - from) / 20;
    if (!(step != 0) || !std::isfinite(step)) degenerate("it has no extent along its principal axis");
    const auto positions = static_cast<std::size_t>(std::floor((to - from) / step + 1e-9) + 1);
    if (positions < 2) degenerate("it has no extent along its principal axis");
    std::vector<double> at(positions);
    for (std::size_t k = 0; k < positions; ++k) at[k] = static_cast<double>(k) * step + from;
    const std::vector<double> edge1 = interpolate(at, side1, across1);
    const std::vector<double> edge2 = interpolate(at, side2, across2);

    std::vector<reader_point> points(positions);
    for (std::size_t k = 0; k < positions; ++k) {
        points[k] = {major[0] * at[k] + centre[0], major[1] * at[k] + centre[1], major[2] * at[k] + centre[2],
                     std::fabs(edge1[k] - edge2[k])};
    }
    // The ends would have no width: each takes the mean of itself and its neighbour.
    points.front().d = (points[0].d + points[1].d) / 2;
    points.back().d = (points[positions - 1].d + points[positions - 2].d) / 2;
    return points;
}

std::vector<reader_point> contour_stack_points(const std::vector<reader_point>& outline,
                                               const std::vector<std::vector<reader_point>>& stack) {
    std::vector<reader_point> points;
    const auto add = [&](const std::vector<reader_point>& o) {
        const fitted_circle c = circle_of(o);
        points.push_back({c.centre[0], c.centre[1], c.centre[2], c.diameter});
    };
    add(outline);
    for (const auto& o: stack) add(o);
    return points;
}

} // namespace cajal::detail
