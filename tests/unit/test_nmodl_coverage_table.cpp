// docs/nmodl.md's coverage table must be true: every .mod file of
// ../shared/data/mod is listed, "compiles" says whether cajal compiles it,
// and "matches NEURON" agrees with the protocols that the NEURON comparison
// (test_nmodl_neuron.cpp) runs and checks.
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include <cajal/nmodl/code_generator.hpp>

#include "test_support.hpp"

namespace {

struct coverage_row {
    std::string compiles, matches, note;
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" `");
    const auto e = s.find_last_not_of(" `");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The rows of the table under "## Coverage", keyed by file ("hay2011/Ih.mod").
std::map<std::string, coverage_row> coverage_table() {
    std::ifstream in(cajal::test::source_dir() / "docs" / "nmodl.md");
    std::map<std::string, coverage_row> rows;
    bool in_section = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("## ", 0) == 0) in_section = line.rfind("## Coverage", 0) == 0;
        if (!in_section || line.rfind("| `", 0) != 0) continue;
        std::vector<std::string> cells;
        std::stringstream s(line.substr(1));
        for (std::string cell; std::getline(s, cell, '|');) cells.push_back(trim(cell));
        REQUIRE(cells.size() >= 4);
        rows[cells[0]] = {cells[1], cells[2], cells[3]};
    }
    return rows;
}

} // namespace

TEST_CASE("the NMODL coverage table in docs/nmodl.md is true", "[nmodl][coverage]") {
    const auto data = cajal::test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    const auto table = coverage_table();
    REQUIRE(!table.empty());

    std::ifstream protocol_file(cajal::test::test_data("nmodl/protocols.json"));
    const auto protocols = nlohmann::json::parse(protocol_file);
    std::map<std::string, std::string> expected;
    for (const auto& entry: protocols["protocols"]) expected[entry["file"].get<std::string>()] = entry["expected"].get<std::string>();

    std::size_t files = 0;
    for (const auto& folder: std::filesystem::directory_iterator(*data / "mod")) {
        for (const auto& file: std::filesystem::directory_iterator(folder.path())) {
            if (file.path().extension() != ".mod") continue;
            ++files;
            const auto name = folder.path().filename().string() + "/" + file.path().filename().string();
            INFO(name);
            auto row = table.find(name);
            REQUIRE(row != table.end());
            bool compiles = true;
            std::string error;
            try {
                cajal::nmodl::compile_mod_file(file.path());
            } catch (const std::exception& e) {
                compiles = false;
                error = e.what();
            }
            INFO(error);
            CHECK(row->second.compiles == (compiles ? "yes" : "no"));
            // "yes" exactly where the NEURON comparison runs the file and must match.
            REQUIRE(expected.count(name));
            CHECK((row->second.matches == "yes") == (expected.at(name) == "match"));
            if (!compiles) CHECK(!row->second.note.empty());
        }
    }
    CHECK(files == table.size());
}
