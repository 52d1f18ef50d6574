// Steady states of passive cables against their analytic solutions: a sealed
// finite cable, a cable with a killed (clamped to rest) end, a diameter step and
// a branched tree (input conductances matched at the junctions).
//
// The steady state is reached with backward Euler at dt = 1000 ms: every mode
// of the discretized cable decays by at least 1/(1 + dt/τ) = 1/51 per step
// (τ = Rm·Cm = 20 ms is the slowest), so after 20 steps the result is the
// discrete steady state to round-off, and the remaining error is the O(dx²)
// error of the spatial discretization alone.
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "cell_run.hpp"

using namespace cajal;

namespace {

constexpr double Rm = 20000;     // Ω·cm²
constexpr double Ra = 100;       // Ω·cm
constexpr double E = -65;        // mV
constexpr double I = 0.1;        // nA, into x = 0 of the root
constexpr double inf = std::numeric_limits<double>::infinity();

struct cylinder {
    std::ptrdiff_t parent;   // attached at the parent's x = 1
    double length, diameter; // µm
    int segments;
    bool killed = false;     // distal end held at E (only for leaves)
};

double lambda_um(double d_um) { return 1e4 * std::sqrt(Rm * d_um * 1e-4 / (4 * Ra)); }
// 1/R∞ of a semi-infinite cable, µS.
double g_inf(double d_um) { return 1 / (4 * Ra * lambda_um(d_um) * 1e-4 / (std::numbers::pi * d_um * 1e-4 * d_um * 1e-4) * 1e-6); }

// The analytic steady state: each cylinder's input conductance from its load
// (children's input conductances in parallel; 0 for a sealed end, ∞ for a
// killed end), then voltages from the root down.
struct analytic_tree {
    std::vector<cylinder> c;
    std::vector<double> g_in, load, v_start;

    explicit analytic_tree(std::vector<cylinder> cyl): c(std::move(cyl)), g_in(c.size()), load(c.size(), 0.0), v_start(c.size()) {
        for (std::size_t k = c.size(); k-- > 0;) {   // children come after parents
            if (c[k].killed) load[k] = inf;
            const double ginf = g_inf(c[k].diameter), t = std::tanh(c[k].length / lambda_um(c[k].diameter));
            g_in[k] = std::isinf(load[k]) ? ginf / t : ginf * (load[k] / ginf + t) / (1 + load[k] / ginf * t);
            if (c[k].parent >= 0) load[static_cast<std::size_t>(c[k].parent)] += g_in[k];
        }
        for (std::size_t k = 0; k < c.size(); ++k) {
            v_start[k] = c[k].parent < 0 ? I / g_in[k] : at(static_cast<std::size_t>(c[k].parent), 1.0);
        }
    }

    // Depolarisation V − E at relative position x of cylinder k.
    double at(std::size_t k, double x) const {
        const double l = c[k].length / lambda_um(c[k].diameter), rho = load[k] / g_inf(c[k].diameter);
        const double s = l * (1 - x);
        if (std::isinf(rho)) return v_start[k] * std::sinh(s) / std::sinh(l);
        return v_start[k] * (std::cosh(s) + rho * std::sinh(s)) / (std::cosh(l) + rho * std::sinh(l));
    }
};

// Every node (root x = 0, segment centres, branch ends) probed.
struct probe_site { std::size_t branch; double x; };

test::cell_run steady_model(const std::vector<cylinder>& cyl, std::vector<probe_site>& sites) {
    std::vector<branch> branches;
    double y = 0;
    for (const auto& c: cyl) {
        branch b;
        b.parent = c.parent;
        b.parent_x = 1;
        b.type = 3;
        // Straight, apart in y: only arc lengths and radii matter.
        b.points = {{0, y, 0, c.diameter / 2}, {c.length, y, 0, c.diameter / 2}};
        y += 10;
        branches.push_back(b);
    }
    test::cell_run m;
    m.morph = morphology(branches, {}, {});
    m.properties = {1.0, Ra, E};
    m.painted.push_back({{}, "pas", {{"g", 1 / Rm}, {"e", E}}});
    for (std::size_t b = 0; b < cyl.size(); ++b) {
        m.segments.push_back(cyl[b].segments);
        m.painted.back().region.push_back({b, 0, 1});
    }
    m.placed.push_back({"stim", {0, 0.0}, "IClamp", {{"del", 0}, {"dur", 1e9}, {"amp", I}}});
    for (std::size_t b = 0; b < cyl.size(); ++b) {
        if (!cyl[b].killed) continue;
        // A killed end: a conductance of 1e6 µS to E at the end node (ExpSyn,
        // decay time 1e9 ms, opened by one event at t = 0). It leaves the end at
        // E within I/1e6 µS = 1e-7 mV, and decays by 2e-5 over the run.
        const auto label = "kill" + std::to_string(b);
        m.placed.push_back({label, {b, 1.0}, "ExpSyn", {{"tau", 1e9}, {"e", E}}});
        m.events.push_back({label, {0.0}, 1e6});
    }
    sites.clear();
    sites.push_back({0, 0.0});
    for (std::size_t b = 0; b < cyl.size(); ++b) {
        for (int s = 0; s < cyl[b].segments; ++s) sites.push_back({b, (s + 0.5) / cyl[b].segments});
        sites.push_back({b, 1.0});
    }
    for (std::size_t k = 0; k < sites.size(); ++k) m.probes.push_back({"p" + std::to_string(k), {sites[k].branch, sites[k].x}, "v", 0});
    m.run = {20000.0, 1000.0, integration_method::backward_euler};
    return m;
}

struct steady_error {
    double max_abs = 0;   // mV
    double scale = 0;     // largest analytic depolarisation, mV
    double worst_dx = 0;  // largest dx/λ of any cylinder
};

steady_error solve_and_compare(const std::vector<cylinder>& cyl) {
    std::vector<probe_site> sites;
    const auto m = steady_model(cyl, sites);
    const auto r = test::simulate(m, builtin_catalogue());
    const analytic_tree exact(cyl);
    steady_error e;
    for (std::size_t k = 0; k < sites.size(); ++k) {
        const double want = exact.at(sites[k].branch, sites[k].x);
        const double got = r.traces[k].values.back() - E;
        e.max_abs = std::max(e.max_abs, std::fabs(got - want));
        e.scale = std::max(e.scale, std::fabs(want));
    }
    for (const auto& c: cyl) e.worst_dx = std::max(e.worst_dx, c.length / c.segments / lambda_um(c.diameter));
    return e;
}

// The discretization's leading error is (dx/λ)² times a constant of order one
// relative to the depolarisation (measured 0.11–0.15 for these cables; see
// test_convergence.cpp for the slope). Bound: 0.5 (dx/λ)² of the largest
// depolarisation, a margin of 3× or more over the measured constants.
void check_second_order(const steady_error& e) {
    const double bound = 0.5 * e.worst_dx * e.worst_dx * e.scale;
    INFO("max |V - V_exact| = " << e.max_abs << " mV of " << e.scale << " mV; dx/λ = " << e.worst_dx << ", bound " << bound
                                << " mV; constant " << e.max_abs / (e.worst_dx * e.worst_dx * e.scale));
    CHECK(e.max_abs < bound);
}

} // namespace

TEST_CASE("Analytic: sealed finite cable, V(x) = I R∞ cosh((L−x)/λ)/sinh(L/λ)", "[analytic][validation]") {
    // d = 2 µm: λ = 1000 µm, L/λ = 1; 31 segments: dx/λ = 0.032.
    const auto e = solve_and_compare({{-1, 1000, 2, 31}});
    check_second_order(e);
}

TEST_CASE("Analytic: cable with a killed end, V(x) = I R∞ sinh((L−x)/λ)/cosh(L/λ)", "[analytic][validation]") {
    cylinder c{-1, 1500, 2, 45};
    c.killed = true;
    const auto e = solve_and_compare({c});
    check_second_order(e);
}

TEST_CASE("Analytic: diameter step, conductance matched at the junction", "[analytic][validation]") {
    const auto e = solve_and_compare({{-1, 400, 2, 15}, {0, 300, 1, 21}});
    check_second_order(e);
}

TEST_CASE("Analytic: branched tree with unequal sealed and killed branches", "[analytic][validation]") {
    std::vector<cylinder> tree = {{-1, 500, 2, 15}, {0, 400, 1, 21}, {0, 200, 0.6, 15}, {1, 300, 0.8, 15}, {1, 250, 0.5, 15}};
    tree[2].killed = true;
    const auto e = solve_and_compare(tree);
    check_second_order(e);
}
