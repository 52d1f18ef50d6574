// Whether this process runs under MPI: only when a launcher started it. A plain
// process never initializes MPI, which with Open MPI would start a daemon
// (singleton init), cost time and may print warnings.
#include "mpi_communicator.hpp"

#include <cstdlib>

namespace cajal {

namespace {

// Set by Open MPI's mpirun, by PMIx launchers (prterun, srun --mpi=pmix) and by
// PMI ones (srun --mpi=pmi2, MPICH's hydra).
bool started_by_launcher() {
    for (const char* name: {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
        if (std::getenv(name) != nullptr) return true;
    return false;
}

} // namespace

std::unique_ptr<communicator> make_communicator(int& argc, char**& argv) {
    int finalized = 0, initialized = 0;
    check_mpi(MPI_Finalized(&finalized), "MPI_Finalized");
    if (finalized) throw communication_error("MPI was already finalized in this process");
    check_mpi(MPI_Initialized(&initialized), "MPI_Initialized");
    if (initialized) return std::make_unique<mpi_communicator>(false);
    if (!started_by_launcher()) return make_local_communicator();
    check_mpi(MPI_Init(&argc, &argv), "MPI_Init");
    return std::make_unique<mpi_communicator>(true);
}

} // namespace cajal
