#include "test_support.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include <cajal/nmodl/folder_loader.hpp>

namespace cajal::test {

std::optional<std::filesystem::path> shared_data() {
    std::filesystem::path p = CAJAL_SHARED_DATA;
    if (std::filesystem::is_directory(p)) return std::filesystem::canonical(p);
    return std::nullopt;
}

command_result run_command(const std::string& command) {
    command_result r;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

bool neuron_available() {
    static const bool ok = run_command(std::string(CAJAL_REFERENCE_PYTHON) +
        " -c 'import os; os.environ[\"NEURON_MODULE_OPTIONS\"]=\"-nogui\"; import neuron' 2>/dev/null").status == 0;
    return ok;
}

std::optional<nlohmann::json> neuron_reference(const std::string& script, const std::string& args) {
    if (!neuron_available()) return std::nullopt;
    auto path = source_dir() / "tests" / "reference" / script;
    auto r = run_command("NEURON_MODULE_OPTIONS=-nogui " + std::string(CAJAL_REFERENCE_PYTHON) + " " + path.string() + " " + args);
    if (r.status != 0) throw std::runtime_error("reference script failed: " + path.string() + " " + args + "\n" + r.out);
    return nlohmann::json::parse(r.out);
}

temp_folder::temp_folder() {
    static int serial = 0;
    path = std::filesystem::temp_directory_path() / ("cajal_test_" + std::to_string(::getpid()) + "_" + std::to_string(serial++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
}

mechanism_catalogue catalogue_with_mod(const temp_folder& folder, const std::string& file_name, const std::string& text) {
    std::ofstream(folder.path / file_name) << text;
    mechanism_catalogue catalogue = builtin_catalogue();
    nmodl::add_mod_folder(catalogue, folder.path);
    return catalogue;
}

temp_folder::~temp_folder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

} // namespace cajal::test
