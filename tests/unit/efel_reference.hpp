#pragma once
// eFEL, the reference for cajal's features (analysis/, docs/features.md): its
// Python lives in a virtual environment of the build folder, made by
// scripts/efel-venv (pip install from PyPI) the first time a test asks for it.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cajal::test {

// Why eFEL cannot run here (the environment could not be made: no network,
// no Python 3 found when the build was configured), or nullopt when it can.
// Tried once per process.
std::optional<std::string> efel_unavailable();

// Runs tests/reference/<script> with the environment's Python and parses its
// stdout as JSON; throws when the script fails. Only when efel_unavailable()
// is nullopt.
nlohmann::json efel_reference(const std::string& script, const std::string& args);

} // namespace cajal::test
