// The CPU backend's cable step, cells of one shape solved side by side in SIMD
// lanes (core/src/cpu_cable_solver.cpp), against the same kernels applied to
// one cell after another in CV order: bit for bit equal, whatever the mix of
// shapes, the number of cells of a shape (full and partial blocks) and single
// cells between them. Both are compiled without FMA contraction (this file by
// its pragma, the solver by its compile options), so that IEEE operations in
// the same order give the same bits.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <cstring>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/hines.hpp>

#include "../../core/src/cpu_cable_solver.hpp"

using namespace cajal;

namespace {

struct cable_problem {
    std::vector<std::ptrdiff_t> parent;
    std::vector<std::size_t> cell_begin{0};
    std::vector<double> capacitance, axial, i_membrane, g_membrane, v;
};

// A random tree of `rows` rows: mostly chains, with branch points.
std::vector<std::ptrdiff_t> random_shape(std::size_t rows, std::mt19937& rng) {
    std::vector<std::ptrdiff_t> shape{-1};
    for (std::size_t i = 1; i < rows; ++i) {
        std::uniform_int_distribution<std::size_t> pick(0, i - 1);
        shape.push_back(static_cast<std::ptrdiff_t>(std::bernoulli_distribution(0.7)(rng) ? i - 1 : pick(rng)));
    }
    return shape;
}

// A cell of that shape with cable-like values (zero-area rows only below the root).
void append_cell(cable_problem& p, const std::vector<std::ptrdiff_t>& shape, std::mt19937& rng) {
    std::uniform_real_distribution<double> cap(0.01, 1.0), axial(0.1, 10.0), current(-1.0, 1.0), conductance(0.0, 0.1), v(-80.0, -50.0);
    const auto first = static_cast<std::ptrdiff_t>(p.parent.size());
    for (const auto parent: shape) {
        const bool membrane = parent < 0 || std::bernoulli_distribution(0.9)(rng);
        p.parent.push_back(parent < 0 ? -1 : first + parent);
        p.capacitance.push_back(membrane ? cap(rng) : 0.0);
        p.g_membrane.push_back(membrane ? conductance(rng) : 0.0);
        p.i_membrane.push_back(current(rng));
        p.axial.push_back(parent < 0 ? 0.0 : axial(rng));
        p.v.push_back(v(rng));
    }
    p.cell_begin.push_back(p.parent.size());
}

// One cell after another, in CV order: the serial definition of the step.
void serial_step(const cable_problem& p, double cj, double factor, std::vector<double>& v, std::vector<double>& dv) {
    const auto n = p.parent.size();
    std::vector<double> d(n), u(n, 0.0), b(n);
    for (std::size_t i = 0; i < n; ++i) {
        kernels::assemble_membrane_row(i, i, cj, p.capacitance.data(), p.i_membrane.data(), p.g_membrane.data(), d.data(), b.data());
        if (p.parent[i] < 0) continue;
        const auto up = static_cast<std::size_t>(p.parent[i]);
        kernels::add_axial_coupling(i, up, i, up, p.axial.data(), v.data(), d.data(), u.data(), b.data());
    }
    for (std::size_t c = 0; c + 1 < p.cell_begin.size(); ++c) {
        kernels::hines_solve_cell(static_cast<std::ptrdiff_t>(p.cell_begin[c]), static_cast<std::ptrdiff_t>(p.cell_begin[c + 1]), p.parent.data(),
                                  u.data(), d.data(), b.data());
    }
    for (std::size_t i = 0; i < n; ++i) kernels::update_voltage(i, i, factor, b.data(), v.data());
    dv = b;
}

bool bitwise_equal(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void require_serial_result(const cable_problem& p, double cj, double factor) {
    std::vector<double> v_serial = p.v, dv_serial;
    serial_step(p, cj, factor, v_serial, dv_serial);
    std::vector<double> v = p.v, dv(p.v.size());
    cpu_cable_solver solver(p.parent, p.cell_begin);
    solver.step({p.capacitance.data(), p.axial.data(), p.i_membrane.data(), p.g_membrane.data(), v.data(), dv.data()}, cj, factor);
    REQUIRE(bitwise_equal(dv, dv_serial));
    REQUIRE(bitwise_equal(v, v_serial));
    // Without dv wanted, v is the same.
    std::vector<double> v_only = p.v;
    solver.step({p.capacitance.data(), p.axial.data(), p.i_membrane.data(), p.g_membrane.data(), v_only.data(), nullptr}, cj, factor);
    REQUIRE(bitwise_equal(v_only, v_serial));
}

} // namespace

TEST_CASE("CPU cable solver: cells of one shape in lanes step as one cell after another", "[hines][cpu]") {
    std::mt19937 rng(11);
    const auto lanes = cpu_cable_solver::lanes;
    for (const std::size_t count: {std::size_t{1}, lanes - 1, lanes, lanes + 1, 3 * lanes + 5}) {
        cable_problem p;
        const auto shape = random_shape(57, rng);
        for (std::size_t c = 0; c < count; ++c) append_cell(p, shape, rng);
        INFO(count << " cells of one shape");
        require_serial_result(p, 1 / 0.025, 1.0);
        require_serial_result(p, 2 / 0.025, 2.0);   // Crank–Nicolson
    }
}

TEST_CASE("CPU cable solver: mixed shapes, single cells and one-row cells", "[hines][cpu]") {
    std::mt19937 rng(12);
    cable_problem p;
    const auto a = random_shape(40, rng), b = random_shape(40, rng), one = std::vector<std::ptrdiff_t>{-1};
    // Runs of a shape broken by other shapes; b has a's size but other parents.
    for (int c = 0; c < 20; ++c) append_cell(p, a, rng);
    append_cell(p, b, rng);
    for (int c = 0; c < 3; ++c) append_cell(p, a, rng);
    for (int c = 0; c < 5; ++c) append_cell(p, one, rng);
    for (int c = 0; c < 4; ++c) append_cell(p, random_shape(1 + static_cast<std::size_t>(c) * 30, rng), rng);
    for (int c = 0; c < 17; ++c) append_cell(p, b, rng);
    require_serial_result(p, 1 / 0.025, 1.0);
}

TEST_CASE("CPU cable solver: an empty group steps nothing", "[hines][cpu]") {
    cable_problem p;
    std::vector<double> v;
    cpu_cable_solver solver(p.parent, p.cell_begin);
    solver.step({nullptr, nullptr, nullptr, nullptr, v.data(), nullptr}, 40.0, 1.0);
    CHECK(solver.bytes() == 0);
}
