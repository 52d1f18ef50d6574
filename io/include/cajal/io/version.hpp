#pragma once
#include <string_view>

namespace cajal {
std::string_view version() noexcept;
}
