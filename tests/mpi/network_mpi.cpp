// A network run on however many ranks mpirun starts: a ring of hh cells kicked
// by a source, and cells driven by Poisson sources through fixed in-degree
// connections. Rank 0 prints every spike ("gid sender time", the time in ms
// to the last bit, as %a writes it), so that runs on different rank counts can
// be compared line for line: they must be identical.
#include <cstdio>
#include <exception>

#include <cajal/core/communicator.hpp>
#include <cajal/core/network.hpp>
#include <cajal/core/simulation.hpp>

#include "../unit/test_cells.hpp"

using namespace cajal;

namespace {

cell_model hh_cell() {
    auto m = test::hh_ball_and_stick(3);
    m.placed.push_back({"syn", {0, 0.5}, "ExpSyn", {{"tau", 2}}});
    return m;
}

network ring_and_driven() {
    network net;
    net.populations.push_back({"ring", hh_cell(), 8, "", {}});  // gids 0-7
    auto driven = hh_cell();
    driven.segments = {1, 9};                                // heavier cells, for the balancing
    net.populations.push_back({"driven", driven, 5, "", {}});   // gids 8-12
    net.sources.push_back({"kick", explicit_spikes{{1.0}}, 1});                          // gid 13
    net.sources.push_back({"noise", poisson_spikes{80.0, 0.0, 100.0, 7}, 6});             // gids 14-19
    net.connections.push_back(ring_rule{{0, 8}, {0, 8}, {"syn", 0.05, 4.0}});
    net.connections.push_back(connection_list({{13, 0, "syn", 0.05, 1.5}}));
    net.connections.push_back(fixed_indegree_rule{{14, 20}, {8, 13}, 3, {"syn", 0.03, 2.0}, 11});
    net.connections.push_back(probability_rule{{0, 8}, {8, 13}, 0.3, {"syn", 0.02, 3.0}, 5});
    net.settings.tstop = 60;
    return net;
}

} // namespace

int main(int argc, char** argv) {
    auto comm = make_communicator(argc, argv);
    try {
        const prepared_network net(ring_and_driven(), builtin_catalogue());
        simulation sim(net, *comm);
        if (comm->sum(sim.local_cells().size()) != net.model().num_cells()) comm->abort("the ranks do not own every cell exactly once");
        const auto result = sim.run();
        if (comm->rank() == 0) {
            for (const auto& s: result.spikes) std::printf("%llu %u %a\n", static_cast<unsigned long long>(s.gid), s.sender, s.time);
        }
    } catch (const std::exception& e) {
        comm->abort(e.what());
    }
    return 0;
}
