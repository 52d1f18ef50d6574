#pragma once
// The communicator of a process that an MPI launcher started: a duplicate of
// MPI_COMM_WORLD whose errors come back as codes and are thrown as
// communication_error, so that they end in abort() with a message.
#include <mpi.h>

#include <cajal/core/communicator.hpp>

namespace cajal {

class mpi_communicator final: public communicator {
public:
    // MPI is initialized; it is finalized on destruction when `owns_mpi`.
    explicit mpi_communicator(bool owns_mpi);
    ~mpi_communicator() override;

    int rank() const noexcept override { return rank_; }
    int size() const noexcept override { return size_; }
    int local_rank() const noexcept override { return local_rank_; }
    int local_size() const noexcept override { return local_size_; }
    double min(double value) override;
    std::uint64_t sum(std::uint64_t value) override;
    [[noreturn]] void abort(const std::string& message, int status) override;
    std::unique_ptr<spike_exchange> start_gather_spikes(const std::vector<gid_spike>& local) override;

protected:
    std::vector<gid_spike> all_gather(const std::vector<gid_spike>& local) override;
    gathered_bytes gather_bytes_to_root(const void* data, std::size_t count, std::size_t element_size) override;

private:
    MPI_Comm comm_ = MPI_COMM_NULL;
    MPI_Datatype spike_type_ = MPI_DATATYPE_NULL;
    int rank_ = 0, size_ = 1, local_rank_ = 0, local_size_ = 1;
    bool owns_mpi_ = false;
    // Spikes per rank that one block of a non-blocking exchange holds; the
    // same on every rank, since every rank grows it from the same counts.
    std::size_t spike_capacity_ = 64;
};

// Throws communication_error naming `call` when `code` is not MPI_SUCCESS.
void check_mpi(int code, const char* call);

} // namespace cajal
