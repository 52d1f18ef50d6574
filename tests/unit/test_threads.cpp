// Threads: a rank's cells split into groups stepped in parallel, spikes merged
// in one order. The same network on 1 to 12 threads gives the same spikes and
// traces bit for bit, whatever the split (two cell shapes, more threads than
// cells), and a group's error reaches the caller.
#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <variant>

#include <catch2/catch.hpp>

#include <cajal/core/network.hpp>
#include <cajal/core/simulation.hpp>

#include "cli_test_support.hpp"
#include "test_cells.hpp"

using namespace cajal;

namespace {

cell_model ring_cell(int segments) {
    cell_model m = test::hh_ball_and_stick(segments);
    m.placed.push_back({"syn", {0, 0.5}, "ExpSyn", {{"tau", 2}}});
    return m;
}

// Two populations of different shapes in one ring of 7 cells, kicked at 1 ms
// and 20 ms, with the soma's v of every cell recorded every step.
network mixed_ring(unsigned threads, spike_timing timing) {
    network net;
    net.populations.push_back({"short", ring_cell(3), 3, "", {}});
    net.populations.push_back({"long", ring_cell(7), 4, "", {}});
    net.sources.push_back({"kick", explicit_spikes{{1.0, 20.0}}, 1});
    std::vector<connection> links{{7, 0, "syn", 0.05, 1.0}};
    for (std::uint64_t gid = 0; gid < 7; ++gid) links.push_back({gid, (gid + 1) % 7, "syn", 0.05, 2.0});
    net.connections.emplace_back(std::in_place_type<connection_list>, std::move(links));
    for (std::uint64_t gid = 0; gid < 7; ++gid) net.probes.push_back({gid, "v" + std::to_string(gid), location{0, 0.5}, "v", 0});
    net.settings.tstop = 40;
    net.settings.timing = timing;
    net.settings.threads = threads;
    return net;
}

simulation_result run(const network& net) {
    auto comm = make_local_communicator();
    return simulation(prepared_network(net, builtin_catalogue()), *comm).run();
}

} // namespace

TEST_CASE("threads: the same spikes and traces on 1 to 12 threads", "[network][threads]") {
    for (const auto timing: {spike_timing::step_end, spike_timing::interpolated}) {
        const auto one = run(mixed_ring(1, timing));
        REQUIRE(one.stats.threads == 1);
        REQUIRE(one.spikes.size() > 14);   // the ring goes round at least twice
        for (const unsigned threads: {2u, 3u, 4u, 7u, 12u}) {
            INFO(threads << " threads");
            const auto r = run(mixed_ring(threads, timing));
            CHECK(r.stats.threads == std::min(threads, 7u));   // never more groups than cells
            REQUIRE(r.spikes.size() == one.spikes.size());
            // Spikes are merged in one order, so events arrive alike, and an
            // instance's arithmetic does not depend on its SIMD lane: equal.
            for (std::size_t k = 0; k < r.spikes.size(); ++k) {
                CHECK(r.spikes[k].gid == one.spikes[k].gid);
                CHECK(r.spikes[k].sender == one.spikes[k].sender);
                CHECK(r.spikes[k].time == one.spikes[k].time);
            }
            REQUIRE(r.traces.size() == one.traces.size());
            for (std::size_t p = 0; p < r.traces.size(); ++p) {
                CHECK(r.traces[p].times == one.traces[p].times);
                CHECK(r.traces[p].values == one.traces[p].values);
            }
        }
    }
}

TEST_CASE("threads: a diverging cell in any group is reported as on one thread", "[network][threads][cli]") {
    const auto file = test::cli::model("diverging_network.json");
    test::cli::scratch_dir dir("threads-diverging");
    const auto one = test::cli::cajal_run(test::cli::quoted(file) + " -q --threads 1 -o " + test::cli::quoted(dir.path / "one"));
    const auto two = test::cli::cajal_run(test::cli::quoted(file) + " -q --threads 2 -o " + test::cli::quoted(dir.path / "two"));
    REQUIRE(one.status == 1);
    CHECK(two.status == 1);
    CHECK_THAT(one.out, Catch::Contains("the simulation diverged: cell bad[0] (gid 1)"));
    CHECK(two.out == one.out);
    CHECK_FALSE(std::filesystem::exists(dir.path / "two"));
}

TEST_CASE("threads: the thread count is checked where it is given", "[network][threads][cli]") {
    test::cli::scratch_dir dir("threads-bad");
    auto j = test::cli::movable_model("network.json");
    j["simulation"]["threads"] = 0;
    const auto file = test::cli::write_model(dir.path / "zero.json", j);
    const auto zero = test::cli::cajal_run(test::cli::quoted(file) + " -q -o " + test::cli::quoted(dir.path / "out"));
    CHECK(zero.status == 1);
    CHECK_THAT(zero.out, Catch::Contains("simulation.threads: expected a thread count from 1 to 1024, not 0"));
    const auto option = test::cli::cajal_run(test::cli::quoted(test::cli::model("network.json")) + " -q --threads 0 -o " + test::cli::quoted(dir.path / "out"));
    CHECK(option.status == 2);
    CHECK_THAT(option.out, Catch::Contains("--threads"));
}

TEST_CASE("threads: the summary says how many stepped the cells", "[network][threads][cli]") {
    test::cli::scratch_dir dir("threads-summary");
    const auto r = test::cli::cajal_run(test::cli::quoted(test::cli::model("network.json")) + " -q --threads 2 -o " + test::cli::quoted(dir.path / "out"));
    REQUIRE(r.status == 0);
    const auto summary = nlohmann::json::parse(test::cli::read_text(dir.path / "out" / "summary.json"));
    CHECK(summary.at("threads") == 2);
}
