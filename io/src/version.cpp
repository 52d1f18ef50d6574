#include <cajal/io/version.hpp>

namespace cajal {
std::string_view version() noexcept { return "0.1.0"; }
}
