#include "fault_injection.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include <cajal/support/errors.hpp>

namespace cajal::cli {

void inject_fault(const char* stage, int rank) {
    const char* fault = std::getenv("CAJAL_FAULT");
    if (!fault) return;
    const std::string value = fault, here = std::string(stage) + ":" + std::to_string(rank);
    if (value.compare(0, here.size(), here) != 0) return;
    const std::string kind = value.substr(here.size());
    const std::string message = "injected fault (CAJAL_FAULT=" + value + ")";
    if (kind.empty() || kind == ":input") throw input_error(message);
    if (kind == ":environment") throw environment_error(message);
    if (kind == ":internal") throw std::logic_error(message);
}

} // namespace cajal::cli
