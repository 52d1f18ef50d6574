#pragma once
// Helpers shared by the unit tests: where test data lives, and running NEURON
// as the reference.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <cajal/mechanisms/catalogue.hpp>

#include "test_skip.hpp"   // CAJAL_SKIP: tests that need NEURON or ../shared/data

namespace cajal::test {

inline std::filesystem::path source_dir() { return CAJAL_SOURCE_DIR; }
inline std::filesystem::path test_data(const std::string& name) { return source_dir() / "tests" / "data" / name; }

// ../shared/data beside the project, or nullopt when it is absent.
std::optional<std::filesystem::path> shared_data();

// Output of a command (stdout), with its exit status.
struct command_result { int status = -1; std::string out; };
command_result run_command(const std::string& command);

// Runs tests/reference/<script> with NEURON's Python and parses its stdout as
// JSON; nullopt when NEURON is not installed (the caller skips with a message).
std::optional<nlohmann::json> neuron_reference(const std::string& script, const std::string& args);
bool neuron_available();

// Sets an environment variable for its lifetime, restoring the old value.
class scoped_env {
public:
    scoped_env(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~scoped_env() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

// A fresh folder under the system's temporary directory, removed with its
// contents when the object goes; each one has a name of its own.
class temp_folder {
public:
    temp_folder();
    ~temp_folder();
    temp_folder(const temp_folder&) = delete;
    temp_folder& operator=(const temp_folder&) = delete;
    std::filesystem::path path;
};

// The built-in catalogue plus the mechanism of `text`, written into `folder`
// as `file_name` (where NEURON can compile it too) and compiled there.
mechanism_catalogue catalogue_with_mod(const temp_folder& folder, const std::string& file_name, const std::string& text);

// Largest absolute difference between two traces of equal length.
inline double max_difference(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) throw std::invalid_argument("traces differ in length");
    double e = 0;
    for (std::size_t i = 0; i < a.size(); ++i) e = std::max(e, std::fabs(a[i] - b[i]));
    return e;
}

} // namespace cajal::test
