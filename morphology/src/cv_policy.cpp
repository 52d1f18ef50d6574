// How many segments each branch gets: NEURON's nseg, set directly, from a
// maximum segment length, by the d_lambda rule of NEURON's geom_nseg, or one
// more than twice the number of whole steps in the length.
#include <cajal/morphology/discretization.hpp>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

namespace cajal {

namespace {

void require(bool ok, const std::string& message) {
    if (!ok) throw std::invalid_argument("cv policy: " + message);
}

bool positive(double v) { return std::isfinite(v) && v > 0; }

// An odd segment count from a real-valued one, refusing counts beyond int.
int checked_count(double n, std::size_t b) {
    if (!(n < static_cast<double>(std::numeric_limits<int>::max()))) {
        throw std::invalid_argument("cv policy: branch " + std::to_string(b) + " would need more than " +
                                    std::to_string(std::numeric_limits<int>::max()) + " segments");
    }
    return static_cast<int>(n);
}

// The smallest odd n >= 1 with L / n <= max_length.
int max_length_count(double L, double max_length, std::size_t b) {
    double n = std::ceil(L / max_length);
    if (n < 1) n = 1;
    if (std::fmod(n, 2.0) == 0) n += 1;
    while (L / n > max_length) n += 2;  // guards against rounding in the quotient
    return checked_count(n, b);
}

// geom_nseg: nseg = int((L / (d_lambda * lambda_f(f)) + 0.9) / 2) * 2 + 1.
int d_lambda_count(const morphology& m, std::size_t b, const cv_policy& p) {
    const double L = m.length(b);
    if (L == 0) return 1;  // lambda_f is L / 0 there; one segment is all there is
    const double lambda = lambda_f(m, b, p.frequency, p.Ra, p.cm);
    const double half = std::trunc((L / (p.d_lambda * lambda) + 0.9) / 2);
    return checked_count(half * 2 + 1, b);
}

// 1 + 2*int(L/step), int truncating as hoc's does.
int per_length_count(double L, double step, std::size_t b) { return checked_count(1 + 2 * std::trunc(L / step), b); }

} // namespace

cv_policy cv_policy::fixed(int n) {
    cv_policy p;
    p.policy = kind::fixed_per_branch;
    p.per_branch = n;
    return p;
}

cv_policy cv_policy::max_extent(double length) {
    cv_policy p;
    p.policy = kind::max_length;
    p.max_length = length;
    return p;
}

cv_policy cv_policy::lambda_rule(double frequency, double d_lambda, double Ra, double cm) {
    cv_policy p;
    p.policy = kind::d_lambda;
    p.frequency = frequency;
    p.d_lambda = d_lambda;
    p.Ra = Ra;
    p.cm = cm;
    return p;
}

cv_policy cv_policy::per_length(double step) {
    cv_policy p;
    p.policy = kind::per_length;
    p.length_step = step;
    return p;
}

double lambda_f(const morphology& m, std::size_t b, double frequency, double Ra, double cm) {
    const branch& br = m.branch_at(b);
    if (cm == 0) return 1e10;  // no capacitance: no attenuation, as NEURON returns
    // Every branch has at least two 3-d points, so NEURON's n3d < 2 formula
    // (from L and diam alone) never applies. Length in units of lambda, summed
    // over the frusta with the mean-diameter approximation NEURON uses:
    double x1 = br.arc.front();
    double d1 = 2 * br.points.front().radius;
    double lam = 0;
    for (std::size_t i = 1; i < br.points.size(); ++i) {
        if (d1 == 0) {
            throw std::invalid_argument("lambda_f: branch " + std::to_string(b) + " has zero diameter at 3-d point " +
                                        std::to_string(i - 1));
        }
        const double x2 = br.arc[i];
        const double d2 = 2 * br.points[i].radius;
        lam += (x2 - x1) / std::sqrt(d1 + d2);
        x1 = x2;
        d1 = d2;
    }
    lam *= std::numbers::sqrt2 * 1e-5 * std::sqrt(4 * std::numbers::pi * frequency * Ra * cm);
    return m.length(b) / lam;
}

std::vector<int> segments_per_branch(const morphology& m, const cv_policy& policy) {
    std::vector<int> n(m.num_branches(), 1);
    switch (policy.policy) {
        case cv_policy::kind::fixed_per_branch:
            require(policy.per_branch >= 1, "segments per branch must be at least 1, got " +
                                                std::to_string(policy.per_branch));
            for (auto& k: n) k = policy.per_branch;
            break;
        case cv_policy::kind::max_length:
            require(positive(policy.max_length), "maximum segment length must be a positive number of µm, got " +
                                                     std::to_string(policy.max_length));
            for (std::size_t b = 0; b < n.size(); ++b) n[b] = max_length_count(m.length(b), policy.max_length, b);
            break;
        case cv_policy::kind::d_lambda:
            require(positive(policy.frequency), "d_lambda frequency must be positive (Hz), got " +
                                                    std::to_string(policy.frequency));
            require(positive(policy.d_lambda), "d_lambda must be positive, got " + std::to_string(policy.d_lambda));
            require(positive(policy.Ra), "d_lambda Ra must be positive (Ω·cm), got " + std::to_string(policy.Ra));
            require(std::isfinite(policy.cm) && policy.cm >= 0,
                    "d_lambda cm must be non-negative (µF/cm²), got " + std::to_string(policy.cm));
            for (std::size_t b = 0; b < n.size(); ++b) n[b] = d_lambda_count(m, b, policy);
            break;
        case cv_policy::kind::per_length:
            require(positive(policy.length_step), "the per-length step must be a positive number of µm, got " +
                                                      std::to_string(policy.length_step));
            for (std::size_t b = 0; b < n.size(); ++b) n[b] = per_length_count(m.length(b), policy.length_step, b);
            break;
    }
    return n;
}

} // namespace cajal
