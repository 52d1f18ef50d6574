#include "efel_reference.hpp"

#include <filesystem>
#include <stdexcept>

#include "test_support.hpp"

namespace cajal::test {

namespace {

std::filesystem::path efel_venv() { return CAJAL_EFEL_VENV; }

// The last line of `text` that is not empty: pip's error, say.
std::string last_line(const std::string& text) {
    auto end = text.find_last_not_of("\n ");
    if (end == std::string::npos) return "(no output)";
    auto start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

} // namespace

std::optional<std::string> efel_unavailable() {
    static const std::optional<std::string> reason = []() -> std::optional<std::string> {
        const std::string base_python = CAJAL_EFEL_BASE_PYTHON;
        if (base_python.empty()) return "eFEL: no Python 3 interpreter was found when the build was configured";
        auto script = source_dir() / "scripts" / "efel-venv";
        auto r = run_command("'" + script.string() + "' '" + efel_venv().string() + "' '" + base_python + "' 2>&1");
        if (r.status != 0) return "eFEL could not be installed into " + efel_venv().string() + " (scripts/efel-venv; it needs PyPI): " + last_line(r.out);
        return std::nullopt;
    }();
    return reason;
}

nlohmann::json efel_reference(const std::string& script, const std::string& args) {
    auto path = source_dir() / "tests" / "reference" / script;
    auto r = run_command("'" + (efel_venv() / "bin" / "python").string() + "' '" + path.string() + "' " + args);
    if (r.status != 0) throw std::runtime_error("eFEL reference script failed: " + path.string() + " " + args + "\n" + r.out);
    return nlohmann::json::parse(r.out);
}

} // namespace cajal::test
