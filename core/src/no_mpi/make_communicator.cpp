// A build without MPI: every process is one rank.
#include <cajal/core/communicator.hpp>

namespace cajal {

std::unique_ptr<communicator> make_communicator(int&, char**&) { return make_local_communicator(); }

} // namespace cajal
