// Painted values that vary over a cell (value_expression.hpp) against NEURON
// assigning the same formulas segment by segment in hoc's way: densities by
// path distance from an origin on the apical dendrite, by relative distance
// and by diameter, cm by distance, in `for (x, 0)` and `for (x)` order (see
// tests/reference/neuron_cell.py). The painted values themselves are probed,
// then the voltage of the whole cell.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>
#include <cajal/morphology/discretization.hpp>

#include "neuron_cell_support.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

std::vector<branch_interval> of_type(const morphology& m, int type) {
    std::vector<branch_interval> r;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        if (m.branch_at(b).type == type) r.push_back({b, 0, 1});
    }
    return r;
}

} // namespace

TEST_CASE("NEURON: densities and cm by distance on a CA1 cell, as hoc assigns them", "[neuron][validation]") {
    auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    const auto swc = *data / "swc" / "NMO_49821_hippocampal_pyramidal.swc";
    test::cell_run m;
    m.morph = load_morphology(swc);
    m.properties = {1.0, 100.0, -65.0};
    m.segments = segments_per_branch(m.morph, cv_policy::lambda_rule(100, 0.1, m.properties.Ra, m.properties.cm));
    const auto soma = of_type(m.morph, swc_soma), apic = of_type(m.morph, swc_apical), dend = of_type(m.morph, swc_basal);
    REQUIRE(!apic.empty());
    // Distances from the start of the first apical branch (Hay et al.'s origin).
    m.distance_origin = location{apic.front().branch, 0.0};
    m.painted.push_back({soma, "hh", {}});
    const auto v = [](const char* formula) { return value_expression::parse(formula); };
    // Active apical dendrites: sodium falling and potassium rising with
    // distance (a sigmoid), a leak growing exponentially with relative distance (as Ih in
    // Hay et al.), in hoc's for (x) order; basal ones passive.
    m.painted.push_back({apic,
                         "hh",
                         {{"gnabar", v("if(distance < 200, 0.06, 0.02)")},
                          {"gkbar", v("0.01 + 0.02*sigmoid((distance - 300)/50)")},
                          {"gl", v("1e-5*(0.5 + 2*exp(1.5*relative_distance))")}},
                         evaluate_at::for_x});
    m.painted.push_back({dend, "pas", {{"g", 3e-5}, {"e", -65.0}}});
    m.painted_properties.push_back({apic, v("if(distance > 150, 2, 1)"), std::nullopt, evaluate_at::cv_nodes});
    const std::size_t soma_branch = soma.front().branch;
    m.placed.push_back({"stim", {soma_branch, 0.5}, "IClamp", {{"del", 2.0}, {"dur", 20.0}, {"amp", 1.5}}});
    m.probes = {{"soma", {soma_branch, 0.5}, "v", 0}};
    // The painted values where they change most: the last segment of
    // apical branches (for_x gives it the value at x = 1), and basal ones.
    for (std::size_t k = 0; k < apic.size(); k += std::max<std::size_t>(1, apic.size() / 12)) {
        const auto b = apic[k].branch;
        const double last = 1 - 0.5 / m.segments[b];
        for (const char* field: {"hh.gnabar", "hh.gkbar", "hh.gl"}) {
            m.probes.push_back({std::string(field) + "@" + std::to_string(b), {b, last}, field, 0});
        }
        m.probes.push_back({"v@" + std::to_string(b), {b, 0.5}, "v", 0});
    }
    m.run = {25.0, 0.025, integration_method::backward_euler};
    for (auto& p: m.probes) p.interval = 20 * m.run.dt;
    const auto ref = test::run_neuron(m, 20, swc, 0);
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");
    const auto ours = test::simulate(m, builtin_catalogue());
    REQUIRE(ref->v.size() == ours.traces.size());
    for (std::size_t k = 0; k < ref->v.size(); ++k) {
        INFO("probe " << m.probes[k].name);
        if (m.probes[k].variable == "v") {
            // As the other whole-cell comparisons: round-off of NEURON's float
            // arc lengths, amplified by the dendrites' spikes (measured ≤ 8.3e-8 mV);
            // 1e-6 mV is the bound.
            CHECK(test::max_difference(ref->v[k], ours.traces[k].values) < 1e-6);
        } else {
            // The same formula of the same distance: equal to round-off of
            // NEURON's single-precision arc lengths (measured ≤ 7e-10).
            REQUIRE(!ours.traces[k].values.empty());
            const double theirs = ref->v[k].front(), value = ours.traces[k].values.front();
            INFO("NEURON " << theirs << ", ours " << value << ", relative difference " << (value - theirs) / theirs);
            CHECK(std::fabs(value - theirs) <= 1e-8 * std::fabs(theirs));
        }
    }
}

TEST_CASE("NEURON: a density by segment diameter on a CA1 cell", "[neuron][validation]") {
    auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    const auto swc = *data / "swc" / "NMO_49821_hippocampal_pyramidal.swc";
    test::cell_run m;
    m.morph = load_morphology(swc);
    m.segments = segments_per_branch(m.morph, cv_policy::lambda_rule(100, 0.1, m.properties.Ra, m.properties.cm));
    m.painted.push_back({of_type(m.morph, swc_basal), "pas", {{"g", value_expression::parse("2e-5 + 1e-5/diameter")}, {"e", -65.0}}});
    for (const auto& r: of_type(m.morph, swc_basal)) {
        const int n = m.segments[r.branch];
        for (double x: n == 1 ? std::vector<double>{0.5} : std::vector<double>{0.5 / n, 1 - 0.5 / n}) {
            m.probes.push_back({"pas.g@" + std::to_string(r.branch) + "(" + std::to_string(x) + ")", {r.branch, x}, "pas.g", 0});
        }
    }
    m.run = {0.025, 0.025, integration_method::backward_euler};
    const auto ref = test::run_neuron(m, 1, swc, 0);
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");
    const auto ours = test::simulate(m, builtin_catalogue());
    REQUIRE(ref->v.size() == ours.traces.size());
    double worst = 0;
    for (std::size_t k = 0; k < ref->v.size(); ++k) {
        const double theirs = ref->v[k].front(), value = ours.traces[k].values.front();
        worst = std::max(worst, std::fabs(value - theirs) / theirs);
    }
    // seg.diam is the mean diameter over the segment, integrated exactly in
    // both, NEURON over single-precision arc lengths: measured ≤ 5.8e-10 relative.
    INFO("largest relative difference " << worst);
    CHECK(worst < 1e-8);
}
