// Members of one population that differ in parameter values
// (cell_population::member_changes): each member must run exactly as a cell
// built with those values from the start, and every change that cannot apply
// is a model_error at its member and change.
#include <catch2/catch.hpp>

#include <cajal/core/network.hpp>
#include <cajal/core/simulation.hpp>

#include "test_cells.hpp"

using namespace cajal;
using op = parameter_change::operation;

namespace {

// An hh soma with a passive dendrite, a current clamp on the soma, v at the soma.
cell_model clamped_cell(double amp, double gnabar = 0.12, double dend_g = 1e-4) {
    cell_model m = test::hh_ball_and_stick(5);
    m.painted[0].parameters["gnabar"] = gnabar;
    m.painted[1].parameters["g"] = dend_g;
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 2}, {"dur", 30}, {"amp", amp}}});
    return m;
}

network with_probes(network net) {
    for (std::uint64_t gid = 0; gid < net.num_cells(); ++gid) {
        net.probes.push_back({gid, "v" + std::to_string(gid), location{0, 0.5}, "v", 0.1});
        net.probes.push_back({gid, "vd" + std::to_string(gid), location{1, 0.9}, "v", 0.1});
    }
    net.settings.tstop = 40;
    return net;
}

simulation_result run(const network& net) {
    auto comm = make_local_communicator();
    return simulation(prepared_network(net, builtin_catalogue()), *comm).run();
}

std::string fault_of(const network& net) {
    try {
        prepared_network(net, builtin_catalogue());
    } catch (const model_error& e) {
        REQUIRE(e.address());
        return e.address()->item + ": " + e.message();
    }
    FAIL("no fault");
    return {};
}

} // namespace

TEST_CASE("members that change placed and painted parameters run as cells built with those values", "[network]") {
    network changed;
    changed.populations.push_back({"cells", clamped_cell(0.1), 4, "", {}});
    changed.populations[0].member_changes = {
        {},
        {{"stim", "amp", std::nullopt, op::set, 0.4}},
        {{"hh", "gnabar", std::nullopt, op::scale, 0.5}, {"stim", "amp", std::nullopt, op::set, 0.6}},
        {{"pas", "g", std::vector<branch_interval>{{1, 0.5, 1}}, op::scale, 3}, {"stim", "amp", std::nullopt, op::scale, 2}},
    };
    network built;
    built.populations.push_back({"a", clamped_cell(0.1), 1, "", {}});
    built.populations.push_back({"b", clamped_cell(0.4), 1, "", {}});
    built.populations.push_back({"c", clamped_cell(0.6, 0.06), 1, "", {}});
    // pas.g tripled on the dendrite's distal half: its last segments (nodes x > 0.5).
    cell_model half = clamped_cell(0.2);
    half.painted[1].region = {{1, 0, 0.5}};
    half.painted.push_back({{{1, 0.5, 1}}, "pas", {{"g", 3e-4}, {"e", -65}}});
    built.populations.push_back({"d", half, 1, "", {}});

    const auto ours = run(with_probes(changed)), reference = run(with_probes(built));
    REQUIRE(ours.traces.size() == reference.traces.size());
    for (std::size_t k = 0; k < ours.traces.size(); ++k) {
        INFO("probe " << ours.traces[k].name);
        REQUIRE(ours.traces[k].values.size() == reference.traces[k].values.size());
        for (std::size_t i = 0; i < ours.traces[k].values.size(); ++i) {
            // The same arithmetic; only the SIMD lane an instance falls in may differ.
            CHECK(ours.traces[k].values[i] == Approx(reference.traces[k].values[i]).margin(1e-9));
        }
    }
    // The changes matter: more current, more spikes.
    std::vector<int> spikes(4, 0);
    for (const auto& s: ours.spikes) ++spikes[s.gid];
    CHECK(spikes[0] < spikes[1]);
    CHECK(spikes[1] > 0);
}

TEST_CASE("member changes that cannot apply name their member and change", "[network]") {
    const auto faulty = [](std::vector<parameter_change> changes, std::size_t members = 2) {
        network net;
        net.populations.push_back({"cells", clamped_cell(0.1), members, "", {}});
        net.populations[0].member_changes.resize(members);
        net.populations[0].member_changes[1] = std::move(changes);
        return fault_of(net);
    };
    {
        network net;
        net.populations.push_back({"cells", clamped_cell(0.1), 3, "", {}});
        net.populations[0].member_changes.resize(2);
        CHECK(fault_of(net) == "member_changes: gives changes for 2 members; the population has 3");
    }
    CHECK(faulty({{"Na", "gbar", std::nullopt, op::set, 1}}) ==
          "member_changes[1][0].target: 'Na' is neither a placed label (labels: stim) nor a painted mechanism (painted: hh, pas)");
    CHECK(faulty({{"hh", "gbar", std::nullopt, op::set, 1}}) ==
          "member_changes[1][0].parameter: 'gbar' is not a parameter of hh; its parameters: gnabar, gkbar, gl, el, gating_vshift");
    CHECK(faulty({{"hh", "m", std::nullopt, op::set, 1}}).starts_with("member_changes[1][0].parameter: 'm' is not a parameter of hh"));
    CHECK(faulty({{"hh", "gnabar", std::vector<branch_interval>{{1, 0, 1}}, op::set, 1}}) ==
          "member_changes[1][0].region: hh is not painted in this region");
    CHECK(faulty({{"stim", "amp", std::vector<branch_interval>{{0, 0, 1}}, op::set, 1}}) ==
          "member_changes[1][0].region: 'stim' is a placed label: it has no region");
    CHECK(faulty({{"hh", "gnabar", std::nullopt, op::scale, -1}}) ==
          "member_changes[1][0].value: makes hh.gnabar -0.12, outside its range [0, 1e+09]");
    CHECK(faulty({{"stim", "dur", std::nullopt, op::set, std::nan("")}}) == "member_changes[1][0].value: must be finite, not nan");
    {
        network net;
        net.populations.push_back({"cells", clamped_cell(0.1), 2, "", {}});
        net.populations[0].cell.placed[0].play["amp"] = ramp_waveform{0, 10, 0, 1};
        net.populations[0].member_changes = {{}, {{"stim", "amp", std::nullopt, op::set, 0.5}}};
        CHECK(fault_of(net) == "member_changes[1][0].parameter: 'stim.amp' is played (play): it follows its waveform and cannot be changed");
    }
}
