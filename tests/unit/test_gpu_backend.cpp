// The GPU backend against the CPU backend on the same models, and the choice
// of backend. Without a GPU the comparisons skip with the reason; the choice
// is checked everywhere.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/core/gpu.hpp>
#include <cajal/core/simulation.hpp>
#include <cajal/mechanisms/handwritten_catalogue.hpp>
#include <cajal/io/model_file.hpp>

#include "cell_run.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// A soma with a binary tree of dendrites `depth` levels deep, `segments` CVs
// per dendrite: hh on the soma, pas on the dendrites.
test::cell_run binary_tree_cell(int depth, int segments, double amp) {
    std::vector<branch> branches;
    branch soma;
    soma.type = swc_soma;
    soma.points = {{-10, 0, 0, 10}, {10, 0, 0, 10}};
    branches.push_back(soma);
    std::vector<std::size_t> tips{0};
    for (int level = 0; level < depth; ++level) {
        std::vector<std::size_t> next;
        for (auto parent: tips) {
            for (int side: {-1, 1}) {
                branch d;
                d.type = swc_basal;
                d.parent = static_cast<std::ptrdiff_t>(parent);
                d.parent_x = 1;
                const double x0 = branches[parent].points.back().x, y0 = branches[parent].points.back().y;
                const double radius = std::max(0.15, 1.5 * std::pow(0.7, level));
                d.points = {{x0, y0, 0, radius}, {x0 + 100, y0 + side * 100.0 / (level + 1), 0, radius}};
                branches.push_back(d);
                next.push_back(branches.size() - 1);
            }
        }
        tips = next;
    }
    test::cell_run m;
    m.morph = morphology(branches, {}, {});
    m.segments.assign(branches.size(), segments);
    m.segments[0] = 1;
    m.painted.push_back({{{0, 0, 1}}, "hh", {{"gnabar", 0.5}, {"gkbar", 0.1}}});
    std::vector<branch_interval> dendrites;
    for (std::size_t b = 1; b < branches.size(); ++b) dendrites.push_back({b, 0, 1});
    m.painted.push_back({dendrites, "pas", {{"g", 1e-4}, {"e", -65}}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 1}, {"dur", 1e9}, {"amp", amp}}});
    // The membrane currents come from each solver's dv: the tip's is on a zero-area node.
    m.probes = {{"v_soma", {0, 0.5}, "v", 0.1},
                {"v_tip", {branches.size() - 1, 1}, "v", 0.1},
                {"i_cap_soma", {0, 0.5}, "i_cap", 0.1},
                {"i_membrane_dendrite", {branches.size() - 1, 0.5}, "i_membrane", 0.1},
                {"i_membrane_tip", {branches.size() - 1, 1}, "i_membrane", 0.1}};
    m.detectors = {{"soma", {0, 0.5}, -10}};
    m.run = {20, 0.025, integration_method::backward_euler};
    return m;
}

// One compartment with the built-in kinetic channel, calcium dynamics, a
// voltage clamp and a double-exponential synapse driven by events.
test::cell_run channel_zoo_cell() {
    test::cell_run m;
    branch soma;
    soma.type = swc_soma;
    soma.points = {{-10, 0, 0, 10}, {10, 0, 0, 10}};
    m.morph = morphology({soma}, {}, {});
    m.segments = {1};
    m.painted.push_back({{{0, 0, 1}}, "hh", {}});
    m.painted.push_back({{{0, 0, 1}}, "Kv3st", {}});
    m.painted.push_back({{{0, 0, 1}}, "CaDecay", {}});
    m.placed.push_back({"clamp", {0, 0.5}, "SEClamp", {{"dur1", 5}, {"amp1", -65}, {"dur2", 5}, {"amp2", -20}, {"dur3", 5}, {"amp3", -65}, {"rs", 1}}});
    m.placed.push_back({"syn", {0, 0.5}, "Exp2Syn", {{"tau1", 0.5}, {"tau2", 3}}});
    m.events.push_back({"syn", {16, 17, 18.5, 25}, 0.05});
    // Each ion's current, and the membrane current that leaves the clamp's out.
    m.probes = {{"v", {0, 0.5}, "v", 0},          {"cai", {0, 0.5}, "cai", 0}, {"clamp_i", {}, "clamp.i", 0},
                {"ina", {0, 0.5}, "ina", 0},      {"ik", {0, 0.5}, "ik", 0},   {"ica", {0, 0.5}, "ica", 0},
                {"i_membrane", {0, 0.5}, "i_membrane", 0}, {"i_cap", {0, 0.5}, "i_cap", 0}};
    m.detectors = {{"soma", {0, 0.5}, -10}};
    m.run = {40, 0.025, integration_method::backward_euler};
    return m;
}

simulation_result run_on(network model, backend_kind backend, const mechanism_catalogue& catalogue = builtin_catalogue()) {
    model.settings.backend = backend;
    return test::simulate(model, catalogue);
}

// Traces within `tolerance` relative to each trace's largest magnitude (plus
// `margin`); spikes the same, their times within 1e-6 ms.
void check_backends_agree(const network& model, double tolerance, double margin = 0) {
    const auto cpu = run_on(model, backend_kind::cpu);
    const auto gpu = run_on(model, backend_kind::gpu);
    CHECK(gpu.stats.backend == "gpu");
    CHECK(gpu.stats.steps == cpu.stats.steps);
    REQUIRE(gpu.traces.size() == cpu.traces.size());
    for (std::size_t k = 0; k < cpu.traces.size(); ++k) {
        INFO("trace " << cpu.traces[k].name);
        REQUIRE(gpu.traces[k].times == cpu.traces[k].times);
        double scale = 0;
        for (double x: cpu.traces[k].values) scale = std::max(scale, std::fabs(x));
        const double difference = test::max_difference(gpu.traces[k].values, cpu.traces[k].values);
        INFO("largest difference " << difference << " against a scale of " << scale);
        CHECK(difference <= tolerance * scale + margin);
    }
    REQUIRE(gpu.spikes.size() == cpu.spikes.size());
    for (std::size_t s = 0; s < cpu.spikes.size(); ++s) {
        CHECK(gpu.spikes[s].gid == cpu.spikes[s].gid);
        CHECK(gpu.spikes[s].sender == cpu.spikes[s].sender);
        CHECK(std::fabs(gpu.spikes[s].time - cpu.spikes[s].time) < 1e-6);
    }
}

// Leaves the test case, skipped, where no GPU is usable.
#define SKIP_WITHOUT_GPU()                                                            \
    do {                                                                              \
        if (const auto info = query_gpu(); !info.available) CAJAL_SKIP_NO_GPU(info.name); \
    } while (0)

} // namespace

TEST_CASE("asking for the GPU backend without a GPU is an error, auto takes the CPU", "[backend]") {
    const auto model = binary_tree_cell(2, 3, 0.5);
    const auto info = query_gpu();
    if (!info.available) {
        CHECK_THROWS_WITH(run_on(test::as_network(model), backend_kind::gpu), Catch::StartsWith("backend gpu: ") && Catch::Contains(info.name));
    }
    const auto automatic = run_on(test::as_network(model), backend_kind::automatic);
    CHECK(automatic.stats.backend == (info.available ? "gpu" : "cpu"));
    CHECK(automatic.stats.device.empty() == !info.available);
    CHECK(run_on(test::as_network(model), backend_kind::cpu).stats.backend == "cpu");
}

TEST_CASE("mechanisms without GPU kernels keep auto on the CPU", "[backend]") {
    const auto model = binary_tree_cell(1, 2, 0.5);
    // The hand-written mechanisms are C++ only.
    CHECK(run_on(test::as_network(model), backend_kind::automatic, handwritten_catalogue()).stats.backend == "cpu");
    CHECK_THROWS_WITH(run_on(test::as_network(model), backend_kind::gpu, handwritten_catalogue()), Catch::StartsWith("backend gpu: "));
}

TEST_CASE("GPU backend: a passive cable as on the CPU", "[gpu]") {
    SKIP_WITHOUT_GPU();
    auto model = read_model_file(test::test_data("models") / "passive.json").model;
    check_backends_agree(model, 1e-9);
    model.settings.method = integration_method::crank_nicolson;
    check_backends_agree(model, 1e-9);
}

TEST_CASE("GPU backend: the example models as on the CPU", "[gpu]") {
    SKIP_WITHOUT_GPU();
    for (const auto& file: {test::test_data("models") / "hh_soma.json", test::source_dir() / "examples" / "pyramidal.json"}) {
        INFO(file);
        // Spiking: exp on the device and in glibc differ in the last bit, which
        // the spikes amplify; 1e-9 of the range is far below what matters.
        check_backends_agree(read_model_file(file).model, 1e-9, 1e-9);
    }
}

TEST_CASE("GPU backend: many small cells (one thread per cell) as on the CPU", "[gpu][gpu_large]") {
    SKIP_WITHOUT_GPU();
    std::vector<test::cell_run> cells;
    for (int c = 0; c < 1500; ++c) cells.push_back(binary_tree_cell(1 + c % 4, 1 + c % 9, 0.2 + 0.001 * c));
    check_backends_agree(test::as_network(cells), 1e-9, 1e-9);
}

TEST_CASE("GPU backend: one cell of 100k CVs (parallel inside the cell) as on the CPU", "[gpu][gpu_large]") {
    SKIP_WITHOUT_GPU();
    auto cell = binary_tree_cell(11, 25, 3.0);   // 4094 dendrites × 25 CVs
    cell.run.tstop = 5;
    check_backends_agree(test::as_network(cell), 1e-9, 1e-9);
}

TEST_CASE("GPU backend: kinetic channels, calcium, clamps and synaptic events as on the CPU", "[gpu]") {
    SKIP_WITHOUT_GPU();
    check_backends_agree(test::as_network(channel_zoo_cell()), 1e-9, 1e-12);
}

TEST_CASE("GPU backend: played parameters of every kind as on the CPU", "[gpu][play]") {
    SKIP_WITHOUT_GPU();
    const std::vector<waveform> shapes{
        ramp_waveform{.start = 2, .stop = 12, .from = 0, .to = 0.8},
        sine_waveform{.start = 1, .amplitude = 0.4, .frequency = 60, .phase = 45, .offset = 0.2},
        pulse_train{.start = 1.01, .interval = 4, .width = 1.5, .number = 3, .amplitude = 1, .base = 0.05},
        series_waveform{.times = {0, 3.013, 6, 11}, .values = {0.1, 0.9, 0.2, 0.6}, .interpolate = true},
        series_waveform{.times = {2, 5.01, 9}, .values = {0.7, 0.1, 0.5}, .interpolate = false},
    };
    std::vector<test::cell_run> cells;
    for (std::size_t c = 0; c < 40; ++c) {
        auto cell = binary_tree_cell(1 + int(c % 3), 2, 0);
        cell.placed[0].play = {{"amp", shapes[c % shapes.size()]}};
        cell.probes.push_back({"amp", {}, "stim.amp", 0.1});
        cells.push_back(cell);
    }
    check_backends_agree(test::as_network(cells), 1e-9, 1e-9);
}
