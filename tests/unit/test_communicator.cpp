// The one-rank communicator: what a process that no MPI launcher started uses,
// with or without MPI in the build. Under mpirun, tests/mpi/ checks the rest.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/core/communicator.hpp>

using namespace cajal;

TEST_CASE("communicator: spikes are ordered by time, then gid", "[mpi]") {
    std::vector<gid_spike> spikes{{7, 1.5}, {3, 2.0}, {9, 1.5}, {1, 2.0}, {2, 0.25}, {7, 0.25}};
    sort_spikes(spikes);
    CHECK(spikes == std::vector<gid_spike>{{2, 0.25}, {7, 0.25}, {7, 1.5}, {9, 1.5}, {1, 2.0}, {3, 2.0}});
    CHECK(spike_before({5, 1.0}, {1, 2.0}));
    CHECK(spike_before({1, 1.0}, {2, 1.0}));
    CHECK_FALSE(spike_before({2, 1.0}, {2, 1.0}));
}

TEST_CASE("communicator: a plain process is one rank", "[mpi]") {
    // The test executable is not started by mpirun, so MPI stays uninitialized.
    int argc = 1;
    char name[] = "cajal_unit_tests";
    char* args[] = {name, nullptr};
    char** argv = args;
    const auto comm = make_communicator(argc, argv);
    CHECK(comm->rank() == 0);
    CHECK(comm->size() == 1);
    CHECK(comm->local_rank() == 0);
    CHECK(argc == 1);
}

TEST_CASE("communicator: one rank gathers and reduces its own data", "[mpi]") {
    const auto comm = make_local_communicator();
    REQUIRE(comm->size() == 1);

    CHECK(comm->gather_spikes({}).empty());
    CHECK(comm->gather_spikes({{4, 3.0}, {2, 1.0}, {1, 3.0}}) == std::vector<gid_spike>{{2, 1.0}, {1, 3.0}, {4, 3.0}});

    CHECK(comm->min(-2.5) == -2.5);
    CHECK(comm->min(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
    CHECK(comm->sum(std::uint64_t(1) << 40) == std::uint64_t(1) << 40);

    CHECK(comm->gather_to_root(std::vector<double>{1.0, 2.0}) == std::vector<std::vector<double>>{{1.0, 2.0}});
    CHECK(comm->gather_to_root(std::vector<double>{}) == std::vector<std::vector<double>>{{}});
    const std::string text = "traces";
    CHECK(comm->gather_to_root(std::vector<char>(text.begin(), text.end())) == std::vector<std::vector<char>>{{'t', 'r', 'a', 'c', 'e', 's'}});
    CHECK(comm->gather_to_root(std::vector<gid_spike>{{3, 0.5}}) == std::vector<std::vector<gid_spike>>{{{3, 0.5}}});
}
