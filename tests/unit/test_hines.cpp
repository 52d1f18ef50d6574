// The Hines solver against a dense LU solve of the same matrix (Eigen), on the
// CPU, and the GPU backend against the CPU backend where a device exists.
#include <memory>
#include <random>

#include <catch2/catch.hpp>
#include <Eigen/Dense>

#include <cajal/core/gpu.hpp>
#include <cajal/core/hines_system.hpp>

#include "random_tree.hpp"
#include "test_skip.hpp"

using namespace cajal;

namespace {

Eigen::VectorXd dense_solve(const hines_system& s) {
    const auto n = static_cast<Eigen::Index>(s.num_rows());
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    Eigen::VectorXd b(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        a(i, i) = s.d[k];
        b(i) = s.b[k];
        if (s.parent[k] >= 0) {
            a(i, s.parent[k]) = s.u[k];
            a(s.parent[k], i) = s.u[k];
        }
    }
    return a.partialPivLu().solve(b);
}

} // namespace

TEST_CASE("Hines elimination solves tree matrices exactly", "[hines]") {
    std::mt19937 rng(42);
    hines_system s;
    for (std::size_t rows: {1, 2, 7, 50, 300}) test::append_random_cell(s, rows, rng);
    validate(s);
    const auto expected = dense_solve(s);
    solve_cpu(s);
    for (std::size_t i = 0; i < s.num_rows(); ++i) {
        // Well-conditioned diagonally dominant systems: both solves agree to rounding.
        CHECK(s.b[i] == Approx(expected(static_cast<Eigen::Index>(i))).epsilon(1e-10).margin(1e-13));
    }
}

TEST_CASE("hines_system validation names the broken row", "[hines]") {
    hines_system s;
    s.parent = {-1, 0, 3, 1};
    s.d = {1, 1, 1, 1};
    s.u = {0, 0, 0, 0};
    s.b = {0, 0, 0, 0};
    s.cell_begin = {0, 4};
    REQUIRE_THROWS_WITH(validate(s), Catch::Contains("row 2 has parent 3"));
    s.parent = {-1, 0, 1, 2};
    s.cell_begin = {0, 2, 4};
    REQUIRE_THROWS_WITH(validate(s), Catch::Contains("row 2 starts a cell but has a parent"));
}

TEST_CASE("GPU Hines solve agrees with the CPU", "[hines][gpu]") {
    const auto info = query_gpu();
    if (!info.available) {
        CHECK_THROWS_AS(solve_gpu(*std::make_unique<hines_system>()), std::runtime_error);
        CAJAL_SKIP_NO_GPU(info.name);
    }
    std::mt19937 rng(7);
    hines_system s;
    for (int c = 0; c < 1000; ++c) test::append_random_cell(s, 1 + static_cast<std::size_t>(c % 97) * 5, rng);
    auto gpu = s;
    solve_cpu(s);
    solve_gpu(gpu);
    for (std::size_t i = 0; i < s.num_rows(); ++i) {
        // The same operations in the same order: identical up to FMA contraction.
        CHECK(gpu.b[i] == Approx(s.b[i]).epsilon(1e-12).margin(1e-15));
    }
}
