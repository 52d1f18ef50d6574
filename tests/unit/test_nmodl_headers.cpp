// Where the run-time .mod compiler finds the headers it compiles against
// (mechanisms/compiler/src/mechanism_headers.hpp): CAJAL_NMODL_INCLUDE, else
// <binary>/../include of an installation, else the source tree.
#include <filesystem>
#include <fstream>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/support/errors.hpp>

#include "../../mechanisms/compiler/src/mechanism_headers.hpp"
#include "test_support.hpp"

using namespace cajal;
namespace fs = std::filesystem;
using Catch::Contains;

namespace {

// An installation's layout: PREFIX/bin and the two headers that mark PREFIX/include.
fs::path make_prefix(const fs::path& prefix) {
    fs::create_directories(prefix / "bin");
    for (const char* header: {"cajal/mechanisms/mechanism_library.hpp", "cajal/kernels/host_device.hpp"}) {
        fs::create_directories((prefix / "include" / header).parent_path());
        std::ofstream(prefix / "include" / header) << "#pragma once\n";
    }
    return prefix;
}

std::vector<fs::path> source_tree() {
    return {test::source_dir() / "mechanisms" / "include", test::source_dir() / "kernels" / "include"};
}

} // namespace

TEST_CASE("nmodl headers: an installed binary compiles against <prefix>/include", "[nmodl][headers]") {
    test::temp_folder temp;
    const auto prefix = make_prefix(temp.path / "prefix");
    nmodl::header_search search;
    search.binaries = {temp.path / "elsewhere" / "bin" / "program", prefix / "bin" / "cajal"};
    search.build_tree = source_tree();
    CHECK(nmodl::find_mechanism_headers(search) == std::vector<fs::path>{prefix / "include"});
}

TEST_CASE("nmodl headers: a binary outside an installation compiles against the source tree", "[nmodl][headers]") {
    test::temp_folder temp;
    nmodl::header_search search;
    search.binaries = {temp.path / "bin" / "cajal"};
    search.build_tree = source_tree();
    CHECK(nmodl::find_mechanism_headers(search) == source_tree());
    // As the unit tests themselves do, from the build folder.
    const test::scoped_env unset("CAJAL_NMODL_INCLUDE", "");
    CHECK(nmodl::find_mechanism_headers(nmodl::this_process_header_search()) == source_tree());
}

TEST_CASE("nmodl headers: CAJAL_NMODL_INCLUDE comes first, and must hold the headers", "[nmodl][headers]") {
    test::temp_folder temp;
    const auto prefix = make_prefix(temp.path / "prefix");
    nmodl::header_search search;
    search.binaries = {prefix / "bin" / "cajal"};
    search.build_tree = source_tree();
    search.variable = ":" + source_tree()[0].string() + ":" + source_tree()[1].string();
    CHECK(nmodl::find_mechanism_headers(search) == source_tree());
    search.variable = (temp.path / "empty").string();
    CHECK_THROWS_AS(nmodl::find_mechanism_headers(search), environment_error);
    CHECK_THROWS_WITH(nmodl::find_mechanism_headers(search), Contains("CAJAL_NMODL_INCLUDE is '" + search.variable + "'"));
}

TEST_CASE("nmodl headers: none anywhere is an environment error naming where it looked", "[nmodl][headers]") {
    test::temp_folder temp;
    nmodl::header_search search;
    search.binaries = {temp.path / "bin" / "cajal"};
    search.build_tree = {temp.path / "gone" / "include"};
    CHECK_THROWS_AS(nmodl::find_mechanism_headers(search), environment_error);
    CHECK_THROWS_WITH(nmodl::find_mechanism_headers(search),
                      Contains((temp.path / "include").string()) && Contains((temp.path / "gone" / "include").string()) &&
                          Contains("CAJAL_NMODL_INCLUDE"));
}
