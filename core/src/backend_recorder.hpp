#pragma once
// A backend that records each primitive the time loop calls on it, then has
// another backend carry it out: the sequence a run asks of its backend, for
// tests that require both backends to be asked the same.

#include <memory>
#include <string>
#include <vector>

#include "backend.hpp"

namespace cajal {

std::unique_ptr<backend> make_recording_backend(std::unique_ptr<backend> inner, const lowered_cell& cells, std::vector<std::string>& calls);

} // namespace cajal
