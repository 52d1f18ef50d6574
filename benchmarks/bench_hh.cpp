// Throughput on a population of all-hh cells: each a soma with unbranched
// dendrites, every CV with hh, driven by a current step so that it fires. The same
// model is built for NEURON by benchmarks/neuron_hh.py. Usage:
//   cajal_bench_hh CELLS DENDRITES SEGMENTS TSTOP [compiled|handwritten] [cpu|gpu]
// prints one JSON line: backend, CVs, steps, seconds, CV-steps per second, bytes
// per CV (device memory on the GPU). The mechanisms are the built-in ones
// compiled from .mod files, or with `handwritten` their hand-written SIMD
// versions (CPU only).
#include <cstdlib>
#include <string>

#include <fmt/core.h>

#include <cajal/core/simulation.hpp>
#include <cajal/mechanisms/handwritten_catalogue.hpp>

using namespace cajal;

int main(int argc, char** argv) {
    const std::string variant = argc >= 6 ? argv[5] : "compiled";
    const std::string backend = argc >= 7 ? argv[6] : "cpu";
    if (argc < 5 || argc > 7 || (variant != "compiled" && variant != "handwritten") || (backend != "cpu" && backend != "gpu")) {
        fmt::print(stderr, "usage: {} CELLS DENDRITES SEGMENTS TSTOP [compiled|handwritten] [cpu|gpu]\n", argv[0]);
        return 2;
    }
    const auto cells = std::stoul(argv[1]);
    const auto dendrites = std::stoul(argv[2]);
    const int segments = std::stoi(argv[3]);
    const double tstop = std::stod(argv[4]);

    cell_model m;
    std::vector<branch> branches;
    branch soma;
    soma.type = swc_soma;
    soma.points = {{-10, 0, 0, 10}, {10, 0, 0, 10}};
    branches.push_back(soma);
    for (std::size_t d = 0; d < dendrites; ++d) {
        branch dend;
        dend.type = swc_basal;
        dend.parent = 0;
        dend.parent_x = 1;
        dend.points = {{10, 0, 0, 0.5}, {510, double(d), 0, 0.5}};
        branches.push_back(dend);
    }
    m.morph = morphology(branches, {}, {});
    m.segments.assign(branches.size(), segments);
    m.segments[0] = 1;
    m.properties = {1.0, 100.0, -65.0};
    painted_mechanism hh{{}, "hh", {}};
    for (std::size_t b = 0; b < branches.size(); ++b) hh.region.push_back({b, 0, 1});
    m.painted.push_back(hh);
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 1}, {"dur", 1e9}, {"amp", 5}}});
    m.detectors.push_back({"soma", {0, 0.5}, -10});
    network net;
    net.populations.push_back({"hh", m, cells, "", {}});
    net.settings.tstop = tstop;
    net.settings.backend = backend == "gpu" ? backend_kind::gpu : backend_kind::cpu;

    const auto comm = make_local_communicator();
    simulation sim(prepared_network(net, variant == "compiled" ? builtin_catalogue() : handwritten_catalogue()), *comm);
    const auto r = sim.run();
    fmt::print("{{\"simulator\": \"cajal {}\", \"backend\": \"{}\", \"device\": \"{}\", \"cells\": {}, \"cvs\": {}, \"steps\": {}, \"seconds\": {:.4f}, \"cv_steps_per_second\": {:.4g}, "
               "\"bytes_per_cv\": {:.1f}, \"spikes\": {}}}\n",
               variant, r.stats.backend, r.stats.device, cells, r.stats.cvs, r.stats.steps, r.stats.integrate_seconds, r.stats.cv_steps_per_second(),
               double(r.stats.memory_bytes) / double(r.stats.cvs), r.spikes.size());
    return 0;
}
