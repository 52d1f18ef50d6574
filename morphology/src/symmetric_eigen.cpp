#include "symmetric_eigen.hpp"

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <stdexcept>

namespace cajal::detail {

namespace {

constexpr std::size_t n = 3;
using vector3 = std::array<double, n>;

// The reflection I - beta v vᵀ that maps v[from..] onto its first entry:
// v[from] is replaced by the Householder vector's entry there, `image` gets the
// value v[from] is mapped to. beta = 0 (nothing to do) when v[from..] is zero.
double householder_vector(vector3& v, std::size_t from, double& image) {
    double sum = 0;
    for (std::size_t i = from; i < n; ++i) sum += v[i] * v[i];
    const double norm = std::sqrt(sum);
    if (norm <= 0) return 0;
    const double beta = 1.0 / (norm * (norm + std::fabs(v[from])));
    image = v[from] > 0 ? -norm : norm;
    v[from] -= image;
    return beta;
}

// a[from.., from..] <- (I - beta h hᵀ) a[from.., from..]
void reflect_rows(matrix3& a, std::size_t from, const vector3& h, double beta) {
    if (beta == 0) return;
    vector3 w{};
    for (std::size_t i = from; i < n; ++i) {
        if (h[i] == 0) continue;
        for (std::size_t j = from; j < n; ++j) w[j] += h[i] * a[i][j];
    }
    for (std::size_t i = from; i < n; ++i) {
        if (h[i] == 0) continue;
        const double scale = -beta * h[i];
        for (std::size_t j = from; j < n; ++j) a[i][j] += scale * w[j];
    }
}

// a[0.., from..] <- a[0.., from..] (I - beta h hᵀ)
void reflect_columns(matrix3& a, std::size_t from, const vector3& h, double beta) {
    if (beta == 0) return;
    for (std::size_t i = 0; i < n; ++i) {
        double dot = 0;
        for (std::size_t j = from; j < n; ++j) dot += a[i][j] * h[j];
        const double scale = beta * dot;
        if (scale == 0) continue;
        for (std::size_t j = from; j < n; ++j) a[i][j] += -scale * h[j];
    }
}

// v <- (I - beta h hᵀ) v over entries from..
void reflect_vector(vector3& v, std::size_t from, const vector3& h, double beta) {
    double dot = 0;
    for (std::size_t k = from; k < n; ++k) dot += h[k] * v[k];
    const double scale = beta * dot;
    for (std::size_t k = from; k < n; ++k) v[k] += -scale * h[k];
}

// A reduced to tridiagonal form in place, the reflections kept compactly: the
// Householder vector of step k is column k below its subdiagonal, with its
// entry k+1 in head[k].
struct householder_steps {
    std::array<double, n - 1> head{};
    std::array<double, n - 1> beta{};
};

householder_steps tridiagonalize(matrix3& a) {
    householder_steps steps;
    for (std::size_t k = 0; k + 1 < n; ++k) {
        vector3 h{a[0][k], a[1][k], a[2][k]};
        steps.beta[k] = householder_vector(h, k + 1, a[k + 1][k]);
        steps.head[k] = h[k + 1];
        reflect_rows(a, k + 1, h, steps.beta[k]);
        reflect_columns(a, k + 1, h, steps.beta[k]);
    }
    return steps;
}

// The orthogonal matrix of the reduction: Q such that Qᵀ A Q is tridiagonal.
matrix3 reduction_basis(const matrix3& reduced, const householder_steps& steps) {
    matrix3 q{};
    for (std::size_t i = 0; i < n; ++i) {
        vector3 column{};
        column[i] = 1;
        for (std::size_t j = n - 1; j-- > 0;) {
            vector3 h{reduced[0][j], reduced[1][j], reduced[2][j]};
            h[j + 1] = steps.head[j];
            reflect_vector(column, j + 1, h, steps.beta[j]);
        }
        for (std::size_t r = 0; r < n; ++r) q[r][i] = column[r];
    }
    return q;
}

// c, s with c x + s y = hypot(x, y), as Meschach's givens().
void givens(double x, double y, double& c, double& s) {
    const double norm = std::sqrt(x * x + y * y);
    if (norm == 0) {
        c = 1;
        s = 0;
    } else {
        c = x / norm;
        s = y / norm;
    }
}

// Columns i and i+1 of q turned by the rotation (c, s).
void rotate_columns(matrix3& q, std::size_t i, double c, double s) {
    for (std::size_t r = 0; r < n; ++r) {
        const double left = c * q[r][i] - s * q[r][i + 1];
        q[r][i + 1] = s * q[r][i] + c * q[r][i + 1];
        q[r][i] = left;
    }
}

// One rotation of rows and columns i, i+1 of the tridiagonal matrix (diagonal
// a, off-diagonal b). Meschach forms c² and s² = 1 - c² (its test for the other
// form, |c| < √2, always holds).
struct rotated {
    double a_i, a_next, b_i;
};

rotated rotate_pair(double c, double s, double a_i, double a_next, double b_i) {
    const double c2 = c * c;
    const double s2 = 1 - c2;
    const double cs = c * s;
    rotated r;
    r.a_i = c2 * a_i + s2 * a_next - 2 * cs * b_i;
    r.b_i = cs * (a_i - a_next) + (c2 - s2) * b_i;
    r.a_next = s2 * a_i + c2 * a_next + 2 * cs * b_i;
    return r;
}

// QR sweeps on the tridiagonal matrix (a diagonal, b off-diagonal) until every
// block splits off; a ends as the eigenvalues, q's columns as the vectors.
void tridiagonal_qr(vector3& a, std::array<double, n - 1>& b, matrix3& q) {
    constexpr int max_sweeps = 1000;
    int sweeps = 0;
    std::size_t lo = 0;
    while (lo < n) {
        std::size_t hi = n - 1;
        for (std::size_t i = lo; i + 1 < n; ++i) {
            if (b[i] == 0) {
                hi = i;
                break;
            }
        }
        if (hi <= lo) {
            lo = hi + 1;
            continue;
        }
        bool split = false;
        while (!split) {
            if (++sweeps > max_sweeps) throw std::invalid_argument("symmetric eigenproblem: QR sweeps do not converge");
            // Wilkinson's shift from the trailing 2×2 block.
            const double d = (a[hi - 1] - a[hi]) / 2;
            const double b_sqr = b[hi - 1] * b[hi - 1];
            const double sign = d >= 0 ? 1.0 : -1.0;
            const double mu = a[hi] - b_sqr / (d + sign * std::sqrt(d * d + b_sqr));

            double c = 0, s = 0;
            givens(a[lo] - mu, b[lo], c, s);
            s = -s;
            const bool inner = lo + 1 < hi;
            double bulge = inner ? -s * b[lo + 1] : 0.0;
            const rotated first = rotate_pair(c, s, a[lo], a[lo + 1], b[lo]);
            a[lo] = first.a_i;
            a[lo + 1] = first.a_next;
            b[lo] = first.b_i;
            if (inner) b[lo + 1] = c * b[lo + 1];
            rotate_columns(q, lo, c, s);

            // Chase the bulge down the diagonal.
            for (std::size_t i = lo + 1; i < hi; ++i) {
                givens(b[i - 1], bulge, c, s);
                s = -s;
                const double b_before = c * b[i - 1] - s * bulge;
                const bool more = i + 1 < hi;
                const rotated r = rotate_pair(c, s, a[i], a[i + 1], b[i]);
                const double b_after = more ? c * b[i + 1] : 0.0;
                bulge = more ? -s * b[i + 1] : 0.0;
                a[i] = r.a_i;
                a[i + 1] = r.a_next;
                b[i] = r.b_i;
                if (i + 1 < hi) b[i + 1] = b_after;
                if (i > lo) b[i - 1] = b_before;
                rotate_columns(q, i, c, s);
            }
            for (std::size_t i = lo; i < hi; ++i) {
                if (std::fabs(b[i]) < DBL_EPSILON * (std::fabs(a[i]) + std::fabs(a[i + 1]))) {
                    b[i] = 0;
                    split = true;
                }
            }
        }
    }
}

} // namespace

symmetric_eigen3 symmetric_eigen(const matrix3& m) {
    matrix3 reduced = m;
    const householder_steps steps = tridiagonalize(reduced);
    symmetric_eigen3 out;
    out.vectors = reduction_basis(reduced, steps);
    std::array<double, n - 1> off{};
    for (std::size_t i = 0; i + 1 < n; ++i) {
        out.values[i] = reduced[i][i];
        off[i] = reduced[i][i + 1];
    }
    out.values[n - 1] = reduced[n - 1][n - 1];
    tridiagonal_qr(out.values, off, out.vectors);
    return out;
}

} // namespace cajal::detail
