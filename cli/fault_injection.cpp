#include "fault_injection.hpp"

#include <cstdlib>
#include <string>

#include <cajal/support/errors.hpp>

namespace cajal::cli {

void inject_fault(const char* stage, int rank) {
    const char* fault = std::getenv("CAJAL_FAULT");
    if (!fault || std::string(fault) != std::string(stage) + ":" + std::to_string(rank)) return;
    throw input_error(std::string("injected fault (CAJAL_FAULT=") + fault + ")");
}

} // namespace cajal::cli
