// The communicator under mpirun (CTest runs it on 1 to 4 ranks, and once with
// no launcher): every rank gets the same, complete spikes in the stated order
// whatever the number of ranks, reductions and gathers to rank 0 are right.
// With --abort-from R, rank R aborts while the others wait in a spike exchange
// that cannot complete; with --throw-from R, an exception takes rank R out of
// the communicator's scope instead. Every rank must end (expect_abort.cmake).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <cajal/core/communicator.hpp>

using namespace cajal;

namespace {

int failures = 0;

void check(const communicator& comm, bool ok, const std::string& what) {
    if (ok) return;
    ++failures;
    std::fprintf(stderr, "rank %d: check failed: %s\n", comm.rank(), what.c_str());
}

constexpr std::uint64_t num_gids = 37;

// Gids are spread over every rank but the last, which owns none.
int owner(std::uint64_t gid, int size) {
    const int owners = size > 1 ? size - 1 : 1;
    return int(gid % std::uint64_t(owners));
}

// A gid's spikes in an epoch depend on the gid and the epoch alone; many gids
// share spike times, so the order between them is the gid's.
std::vector<gid_spike> spikes_of(std::uint64_t gid, std::uint64_t epoch, std::uint64_t per_gid) {
    std::vector<gid_spike> spikes;
    const std::uint64_t n = (gid * 7 + epoch) % (per_gid + 1);
    for (std::uint64_t k = 0; k < n; ++k)
        spikes.push_back({gid, 5.0 * double(epoch) + 0.125 * double((gid + 3 * k) % 5 + 5 * k)});
    return spikes;
}

// The epoch's spikes of this rank's gids, highest gid first, so the exchange
// has to order them.
std::vector<gid_spike> local_spikes(const communicator& comm, std::uint64_t epoch, std::uint64_t per_gid) {
    std::vector<gid_spike> local;
    for (std::uint64_t gid = num_gids; gid-- > 0;)
        if (owner(gid, comm.size()) == comm.rank())
            for (const gid_spike& s: spikes_of(gid, epoch, per_gid)) local.push_back(s);
    return local;
}

std::vector<gid_spike> all_spikes(std::uint64_t epoch, std::uint64_t per_gid) {
    std::vector<gid_spike> all;
    for (std::uint64_t gid = 0; gid < num_gids; ++gid)
        for (const gid_spike& s: spikes_of(gid, epoch, per_gid)) all.push_back(s);
    sort_spikes(all);
    return all;
}

void check_ranks(communicator& comm, int expected_size) {
    const int n = comm.size();
    check(comm, n == expected_size, "size " + std::to_string(n) + ", expected " + std::to_string(expected_size));
    check(comm, comm.rank() >= 0 && comm.rank() < n, "rank in range");
    check(comm, comm.local_rank() >= 0 && comm.local_rank() < n, "local rank in range");
    const std::uint64_t ranks = comm.sum(std::uint64_t(comm.rank()));
    check(comm, ranks == std::uint64_t(n) * std::uint64_t(n - 1) / 2, "ranks are distinct");
}

void check_spike_exchange(communicator& comm) {
    // Epochs with few spikes, with none at all (per_gid 0), and one large one.
    const std::uint64_t per_gid[] = {3, 0, 1, 3, 800};
    for (std::uint64_t epoch = 0; epoch < std::size(per_gid); ++epoch) {
        const std::vector<gid_spike> got = comm.gather_spikes(local_spikes(comm, epoch, per_gid[epoch]));
        const std::vector<gid_spike> expected = all_spikes(epoch, per_gid[epoch]);
        check(comm, got == expected,
              "epoch " + std::to_string(epoch) + ": " + std::to_string(got.size()) + " spikes, expected " + std::to_string(expected.size()) +
                  " in order");
        // Every rank holds the same spikes: their count and a checksum agree.
        std::uint64_t checksum = 0;
        for (const gid_spike& s: got) checksum = checksum * 31 + s.gid + std::uint64_t(s.time * 8);
        check(comm, comm.sum(checksum) == checksum * std::uint64_t(comm.size()), "epoch " + std::to_string(epoch) + ": the same on every rank");
    }
}

// The same epochs through the two-part exchange, as a network run uses it:
// each epoch's exchange is finished only after the next epoch has stepped,
// then the next one starts. The large epoch overflows the exchange's first
// capacity; the next large one must fit the grown capacity.
void check_overlapped_spike_exchange(communicator& comm) {
    const std::uint64_t per_gid[] = {3, 0, 800, 1, 900, 2};
    std::unique_ptr<spike_exchange> pending;
    for (std::uint64_t epoch = 0; epoch <= std::size(per_gid); ++epoch) {
        if (pending) {
            const std::vector<gid_spike> got = pending->finish();
            const std::vector<gid_spike> expected = all_spikes(epoch - 1, per_gid[epoch - 1]);
            check(comm, got == expected,
                  "overlapped epoch " + std::to_string(epoch - 1) + ": " + std::to_string(got.size()) + " spikes, expected " +
                      std::to_string(expected.size()) + " in order");
        }
        pending = epoch < std::size(per_gid) ? comm.start_gather_spikes(local_spikes(comm, epoch, per_gid[epoch])) : nullptr;
    }
}

void check_reductions(communicator& comm) {
    const int n = comm.size(), r = comm.rank();
    check(comm, comm.min(10.0 - 0.5 * r) == 10.0 - 0.5 * (n - 1), "min");
    const double inf = std::numeric_limits<double>::infinity();
    check(comm, comm.min(r == n - 1 ? 2.5 : inf) == 2.5, "min with infinities");
    const std::uint64_t big = std::uint64_t(1) << 33;
    check(comm, comm.sum(big * std::uint64_t(r + 1)) == big * std::uint64_t(n) * std::uint64_t(n + 1) / 2, "sum beyond 32 bits");
}

void check_gather_to_root(communicator& comm) {
    const int n = comm.size(), r = comm.rank();
    // Rank r sends r values: rank 0 none.
    std::vector<double> values;
    for (int i = 0; i < r; ++i) values.push_back(100.0 * r + i);
    const std::vector<std::vector<double>> got = comm.gather_to_root(values);
    const std::string name = "rank " + std::to_string(r);
    const std::vector<std::vector<char>> names = comm.gather_to_root(std::vector<char>(name.begin(), name.end()));
    const std::vector<std::vector<gid_spike>> spikes = comm.gather_to_root(std::vector<gid_spike>{{std::uint64_t(r), 0.5 * r}});
    if (r != 0) {
        check(comm, got.empty() && names.empty() && spikes.empty(), "nothing gathered outside rank 0");
        return;
    }
    check(comm, got.size() == std::size_t(n) && names.size() == std::size_t(n) && spikes.size() == std::size_t(n), "one entry per rank");
    for (int q = 0; q < n && failures == 0; ++q) {
        const auto k = std::size_t(q);
        std::vector<double> expected;
        for (int i = 0; i < q; ++i) expected.push_back(100.0 * q + i);
        check(comm, got[k] == expected, "doubles of rank " + std::to_string(q));
        check(comm, std::string(names[k].begin(), names[k].end()) == "rank " + std::to_string(q), "chars of rank " + std::to_string(q));
        check(comm, spikes[k] == std::vector<gid_spike>{{std::uint64_t(q), 0.5 * q}}, "spikes of rank " + std::to_string(q));
    }
}

int option(int argc, char** argv, const std::string& name, int fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return std::atoi(argv[i + 1]);
    return fallback;
}

int throw_from(int& argc, char**& argv, int from) {
    try {
        const std::unique_ptr<communicator> comm = make_communicator(argc, argv);
        if (comm->rank() == from) throw std::runtime_error("deliberate exception");
        comm->gather_spikes({});
    } catch (const std::runtime_error&) {
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}

} // namespace

int main(int argc, char** argv) {
    if (const int from = option(argc, argv, "--throw-from", -1); from >= 0) return throw_from(argc, argv, from);
    const std::unique_ptr<communicator> comm = make_communicator(argc, argv);
    const int abort_from = option(argc, argv, "--abort-from", -1);
    if (abort_from >= 0) {
        if (comm->rank() == abort_from) comm->abort("deliberate failure on rank " + std::to_string(abort_from));
        comm->gather_spikes({});
        return 0;
    }
    check_ranks(*comm, option(argc, argv, "--expect-size", comm->size()));
    check_spike_exchange(*comm);
    check_overlapped_spike_exchange(*comm);
    check_reductions(*comm);
    check_gather_to_root(*comm);
    const std::uint64_t total = comm->sum(std::uint64_t(failures));
    if (comm->rank() == 0) std::printf("cajal_mpi_tests: %d ranks, %llu failed checks\n", comm->size(), static_cast<unsigned long long>(total));
    return total == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
