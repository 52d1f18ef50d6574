#pragma once
// Spike exchange and the few other collectives a distributed run needs, behind
// one small interface: MPI_COMM_WORLD when the process was started by mpirun
// (or another MPI launcher), one rank without MPI otherwise. Every rank calls
// the collectives in the same order. See docs/network.md.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace cajal {

struct gid_spike {
    std::uint64_t gid = 0;
    double time = 0;   // ms
    friend bool operator==(const gid_spike&, const gid_spike&) = default;
};

// The stated total order of spikes: by time, then by gid.
bool spike_before(const gid_spike& a, const gid_spike& b) noexcept;
void sort_spikes(std::vector<gid_spike>& spikes);

// A collective failed: an MPI error, or a size MPI cannot express.
class communication_error: public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// An exchange of spikes under way (communicator::start_gather_spikes): the
// rank may compute until it needs the result.
class spike_exchange {
public:
    virtual ~spike_exchange() = default;
    // Every rank's spikes, in the order of sort_spikes: gather_spikes' result.
    std::vector<gid_spike> finish();

protected:
    virtual std::vector<gid_spike> collect() = 0;   // every rank's, in any order
};

class communicator {
public:
    virtual ~communicator() = default;
    communicator(const communicator&) = delete;
    communicator& operator=(const communicator&) = delete;

    virtual int rank() const noexcept = 0;
    virtual int size() const noexcept = 0;
    // This rank's index among the ranks on its node: the GPU it takes.
    virtual int local_rank() const noexcept = 0;
    // The ranks on this rank's node, which share its memory and GPUs.
    virtual int local_size() const noexcept = 0;

    // Every rank's spikes, on every rank, in the order of sort_spikes, so the
    // result does not depend on the number of ranks.
    std::vector<gid_spike> gather_spikes(const std::vector<gid_spike>& local);
    // The same in two halves, so that computation can overlap the exchange:
    // over MPI a non-blocking collective. At most one exchange is under way at
    // a time; every rank starts and finishes its exchanges in the same order.
    virtual std::unique_ptr<spike_exchange> start_gather_spikes(const std::vector<gid_spike>& local);

    virtual double min(double value) = 0;
    virtual std::uint64_t sum(std::uint64_t value) = 0;

    // Each rank's values, indexed by rank, on rank 0; empty on the others.
    // For writing outputs once: trace samples, spikes, names as chars.
    template <class T>
    std::vector<std::vector<T>> gather_to_root(const std::vector<T>& local);

    // Prints the message, with the rank where there are several, to stderr and
    // ends every rank with exit status `status` (what mpirun returns may differ).
    [[noreturn]] virtual void abort(const std::string& message, int status = 1) = 0;

protected:
    communicator() = default;

    // Every rank's spikes concatenated in rank order.
    virtual std::vector<gid_spike> all_gather(const std::vector<gid_spike>& local) = 0;

    // Every rank's `count` elements of `element_size` bytes, on rank 0: the
    // bytes concatenated in rank order and each rank's element count.
    struct gathered_bytes {
        std::vector<std::byte> bytes;
        std::vector<std::size_t> counts;
    };
    virtual gathered_bytes gather_bytes_to_root(const void* data, std::size_t count, std::size_t element_size) = 0;
};

template <class T>
std::vector<std::vector<T>> communicator::gather_to_root(const std::vector<T>& local) {
    static_assert(std::is_trivially_copyable_v<T>, "gather_to_root copies bytes");
    const gathered_bytes g = gather_bytes_to_root(local.data(), local.size(), sizeof(T));
    std::vector<std::vector<T>> result(g.counts.size());
    std::size_t offset = 0;
    for (std::size_t r = 0; r < g.counts.size(); ++r) {
        result[r].resize(g.counts[r]);
        if (g.counts[r] > 0) std::memcpy(result[r].data(), g.bytes.data() + offset, g.counts[r] * sizeof(T));
        offset += g.counts[r] * sizeof(T);
    }
    return result;
}

// MPI_COMM_WORLD when an MPI launcher started this process (MPI is initialized
// here and finalized when the communicator is destroyed), one rank otherwise:
// a plain process never initializes MPI, so it needs no mpirun and prints no
// MPI messages. Create it first thing in main, before other threads. An error
// on one rank of several must end in abort(): a rank that returns instead
// leaves the others waiting, so destroying a communicator of several ranks
// while an exception propagates aborts them all.
std::unique_ptr<communicator> make_communicator(int& argc, char**& argv);

// One rank, never touching MPI.
std::unique_ptr<communicator> make_local_communicator();

} // namespace cajal
