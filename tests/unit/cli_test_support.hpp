#pragma once
// Running the built `cajal` binary as a user runs it, and reading what it wrote.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "test_support.hpp"

namespace cajal::test::cli {

namespace fs = std::filesystem;
using test::run_command;

inline std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }
inline fs::path model(const std::string& name) { return test_data("models/" + name); }

// `cajal ARGS` and `cajal run ARGS`, stderr folded into the output.
inline command_result cajal_command(const std::string& args) { return run_command(std::string(CAJAL_CLI) + " " + args + " 2>&1"); }
inline command_result cajal_run(const std::string& args) { return cajal_command("run " + args); }

// A fresh, empty folder, removed at the end of the test.
struct scratch_dir {
    fs::path path;
    explicit scratch_dir(const std::string& name): path(fs::temp_directory_path() / ("cajal-run-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~scratch_dir() { fs::remove_all(path); }
};

inline std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

inline std::vector<std::string> cells(const std::string& row) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t comma; (comma = row.find(',', start)) != std::string::npos; start = comma + 1) out.push_back(row.substr(start, comma - start));
    out.push_back(row.substr(start));
    return out;
}

// A test model with its morphology named absolutely, so that a changed copy
// can be written anywhere.
inline nlohmann::json movable_model(const std::string& name) {
    auto j = nlohmann::json::parse(read_text(model(name)));
    if (j.contains("cell")) j["cell"]["morphology"]["file"] = (model("cells") / "ball_and_stick.swc").string();
    if (j.contains("cells")) {
        for (auto& [key, cell]: j["cells"].items()) cell["morphology"]["file"] = (model("cells") / "ball_and_stick.swc").string();
    }
    return j;
}

inline fs::path write_model(const fs::path& file, const nlohmann::json& j) {
    std::ofstream(file) << j.dump();
    return file;
}

inline std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e: fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace cajal::test::cli
