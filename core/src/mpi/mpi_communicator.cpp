// Spike exchange and reductions over MPI: counts first, then the data
// (MPI_Allgatherv, MPI_Gatherv), with MPI's int counts checked.
#include "mpi_communicator.hpp"

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace cajal {

void check_mpi(int code, const char* call) {
    if (code == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    if (MPI_Error_string(code, text, &length) != MPI_SUCCESS) length = 0;
    throw communication_error(std::string(call) + " failed: " + (length > 0 ? std::string(text, std::size_t(length)) : "error " + std::to_string(code)));
}

namespace {

int to_int(std::size_t n, const char* what) {
    if (n > std::size_t(INT_MAX)) throw communication_error(std::string(what) + ": " + std::to_string(n) + " is more than MPI can count (" + std::to_string(INT_MAX) + ")");
    return int(n);
}

// Where each rank's part starts, in elements; the total is the last entry.
std::vector<int> displacements(const std::vector<int>& counts, const char* what) {
    std::vector<int> starts(counts.size() + 1, 0);
    std::size_t total = 0;
    for (std::size_t r = 0; r < counts.size(); ++r) {
        total += std::size_t(counts[r]);
        starts[r + 1] = to_int(total, what);
    }
    return starts;
}

// A datatype freed when it goes out of scope.
class scoped_type {
public:
    explicit scoped_type(MPI_Datatype type): type_(type) {}
    ~scoped_type() { MPI_Type_free(&type_); }
    scoped_type(const scoped_type&) = delete;
    scoped_type& operator=(const scoped_type&) = delete;
    MPI_Datatype get() const { return type_; }

private:
    MPI_Datatype type_;
};

MPI_Datatype committed_bytes_type(std::size_t element_size) {
    MPI_Datatype type = MPI_DATATYPE_NULL;
    check_mpi(MPI_Type_contiguous(to_int(element_size, "element size"), MPI_BYTE, &type), "MPI_Type_contiguous");
    check_mpi(MPI_Type_commit(&type), "MPI_Type_commit");
    return type;
}

MPI_Datatype committed_spike_type() {
    const int lengths[2] = {1, 1};
    const MPI_Aint offsets[2] = {offsetof(gid_spike, gid), offsetof(gid_spike, time)};
    const MPI_Datatype types[2] = {MPI_UINT64_T, MPI_DOUBLE};
    MPI_Datatype fields = MPI_DATATYPE_NULL, type = MPI_DATATYPE_NULL;
    check_mpi(MPI_Type_create_struct(2, lengths, offsets, types, &fields), "MPI_Type_create_struct");
    const int resized = MPI_Type_create_resized(fields, 0, sizeof(gid_spike), &type);
    MPI_Type_free(&fields);
    check_mpi(resized, "MPI_Type_create_resized");
    check_mpi(MPI_Type_commit(&type), "MPI_Type_commit");
    return type;
}

} // namespace

mpi_communicator::mpi_communicator(bool owns_mpi): owns_mpi_(owns_mpi) {
    check_mpi(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN), "MPI_Comm_set_errhandler");
    check_mpi(MPI_Comm_dup(MPI_COMM_WORLD, &comm_), "MPI_Comm_dup");  // inherits the handler
    check_mpi(MPI_Comm_rank(comm_, &rank_), "MPI_Comm_rank");
    check_mpi(MPI_Comm_size(comm_, &size_), "MPI_Comm_size");
    MPI_Comm node = MPI_COMM_NULL;
    check_mpi(MPI_Comm_split_type(comm_, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node), "MPI_Comm_split_type");
    const int ranked = MPI_Comm_rank(node, &local_rank_);
    const int sized = MPI_Comm_size(node, &local_size_);
    MPI_Comm_free(&node);
    check_mpi(ranked, "MPI_Comm_rank");
    check_mpi(sized, "MPI_Comm_size");
    spike_type_ = committed_spike_type();
}

mpi_communicator::~mpi_communicator() {
    // The other ranks would wait for this one forever.
    if (size_ > 1 && std::uncaught_exceptions() > 0) abort("an exception ended this rank before it was reported", 4);
    MPI_Type_free(&spike_type_);
    MPI_Comm_free(&comm_);
    if (owns_mpi_) MPI_Finalize();
}

double mpi_communicator::min(double value) {
    double result = value;
    check_mpi(MPI_Allreduce(&value, &result, 1, MPI_DOUBLE, MPI_MIN, comm_), "MPI_Allreduce");
    return result;
}

std::uint64_t mpi_communicator::sum(std::uint64_t value) {
    std::uint64_t result = value;
    check_mpi(MPI_Allreduce(&value, &result, 1, MPI_UINT64_T, MPI_SUM, comm_), "MPI_Allreduce");
    return result;
}

void mpi_communicator::abort(const std::string& message, int status) {
    std::fprintf(stderr, "cajal: rank %d of %d: %s\n", rank_, size_, message.c_str());
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, status);
    std::_Exit(status);  // MPI_Abort does not return
}

std::vector<gid_spike> mpi_communicator::all_gather(const std::vector<gid_spike>& local) {
    const int count = to_int(local.size(), "spikes on one rank");
    std::vector<int> counts(static_cast<std::size_t>(size_));
    check_mpi(MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, comm_), "MPI_Allgather");
    const std::vector<int> starts = displacements(counts, "spikes on all ranks");
    std::vector<gid_spike> all(std::size_t(starts.back()));
    check_mpi(MPI_Allgatherv(local.data(), count, spike_type_, all.data(), counts.data(), starts.data(), spike_type_, comm_), "MPI_Allgatherv");
    return all;
}

namespace {

// One MPI_Iallgather of fixed-size blocks, so that no round trip for the
// counts is needed: each block is the rank's count (in the first record's
// gid) and up to `capacity` spikes. Ranks with more send the rest in a
// blocking MPI_Allgatherv when the exchange finishes, and the capacity grows
// to twice the largest count, on every rank alike.
class mpi_spike_exchange final: public spike_exchange {
public:
    mpi_spike_exchange(MPI_Comm comm, MPI_Datatype type, int rank, int size, const std::vector<gid_spike>& local, std::size_t& capacity):
        comm_(comm), type_(type), rank_(rank), size_(size), capacity_(capacity), local_(local) {
        const std::size_t block = capacity + 1;
        to_int(block * std::size_t(size), "spike exchange buffer");
        send_.resize(block);
        send_[0].gid = local.size();
        std::copy_n(local.begin(), std::min(local.size(), capacity), send_.begin() + 1);
        receive_.resize(block * std::size_t(size));
        check_mpi(MPI_Iallgather(send_.data(), int(block), type, receive_.data(), int(block), type, comm, &request_), "MPI_Iallgather");
    }

protected:
    std::vector<gid_spike> collect() override {
        check_mpi(MPI_Wait(&request_, MPI_STATUS_IGNORE), "MPI_Wait");
        const std::size_t capacity = capacity_, block = capacity + 1;
        std::vector<gid_spike> all;
        std::vector<int> overflow(std::size_t(size_), 0);
        std::size_t largest = 0;
        for (std::size_t r = 0; r < std::size_t(size_); ++r) {
            const std::size_t count = receive_[r * block].gid;
            const auto first = receive_.begin() + std::ptrdiff_t(r * block + 1);
            all.insert(all.end(), first, first + std::ptrdiff_t(std::min(count, capacity)));
            overflow[r] = to_int(count > capacity ? count - capacity : 0, "spikes on one rank");
            largest = std::max(largest, count);
        }
        if (largest > capacity) {
            const std::vector<int> starts = displacements(overflow, "spikes on all ranks");
            std::vector<gid_spike> rest(std::size_t(starts.back()));
            const int mine = overflow[std::size_t(rank_)];
            check_mpi(MPI_Allgatherv(local_.data() + (mine > 0 ? capacity : 0), mine, type_, rest.data(), overflow.data(), starts.data(), type_, comm_),
                      "MPI_Allgatherv");
            all.insert(all.end(), rest.begin(), rest.end());
            capacity_ = 2 * largest;
        }
        return all;
    }

private:
    MPI_Comm comm_;
    MPI_Datatype type_;
    int rank_, size_;
    std::size_t& capacity_;
    std::vector<gid_spike> local_, send_, receive_;
    MPI_Request request_ = MPI_REQUEST_NULL;
};

} // namespace

std::unique_ptr<spike_exchange> mpi_communicator::start_gather_spikes(const std::vector<gid_spike>& local) {
    return std::make_unique<mpi_spike_exchange>(comm_, spike_type_, rank_, size_, local, spike_capacity_);
}

communicator::gathered_bytes mpi_communicator::gather_bytes_to_root(const void* data, std::size_t count, std::size_t element_size) {
    const scoped_type element(committed_bytes_type(element_size));
    const int n = to_int(count, "elements on one rank");
    const bool root = rank_ == 0;
    std::vector<int> counts(root ? std::size_t(size_) : 0);
    check_mpi(MPI_Gather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, comm_), "MPI_Gather");
    gathered_bytes result;
    std::vector<int> starts;
    if (root) {
        starts = displacements(counts, "elements on all ranks");
        result.bytes.resize(std::size_t(starts.back()) * element_size);
        result.counts.assign(counts.begin(), counts.end());
    }
    check_mpi(MPI_Gatherv(data, n, element.get(), result.bytes.data(), counts.data(), starts.data(), element.get(), 0, comm_), "MPI_Gatherv");
    return result;
}

} // namespace cajal
