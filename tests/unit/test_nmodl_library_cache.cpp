// The run-time .mod compiler's cache and its errors: a cached library that
// this cajal cannot use (another interface version, no entry points, not a
// library at all) is rebuilt; one that still cannot be used once rebuilt, a
// missing compiler, an unwritable cache and a failing compile are errors
// that say what to do.
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include <catch2/catch.hpp>

#include <cajal/mechanisms/mechanism_library.hpp>
#include <cajal/nmodl/folder_loader.hpp>
#include <cajal/support/errors.hpp>

#include "test_support.hpp"

using namespace cajal;
namespace fs = std::filesystem;
using Catch::Contains;

namespace {

// A density mechanism of its own name, so that it joins any catalogue.
constexpr const char* leak_mod = R"(NEURON {
    SUFFIX leak_cache_test
    NONSPECIFIC_CURRENT i
    RANGE g, e
}
PARAMETER { g = 0.001 (S/cm2)  e = -65 (mV) }
ASSIGNED { v (mV)  i (mA/cm2) }
BREAKPOINT { i = g*(v - e) }
)";

// A folder of .mod files and a cache of its own, under one temporary folder.
struct mod_folder_with_cache {
    test::temp_folder temp;
    fs::path mods = temp.path / "mods";
    test::scoped_env cache{"CAJAL_CACHE_DIR", (temp.path / "cache").string()};

    mod_folder_with_cache() {
        fs::create_directories(mods);
        std::ofstream(mods / "leak.mod") << leak_mod;
    }
    nmodl::folder_load_report load() {
        mechanism_catalogue catalogue;
        auto report = nmodl::add_mod_folder(catalogue, mods);
        CHECK(catalogue.contains("leak_cache_test"));
        return report;
    }
};

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    REQUIRE(out.flush());
}

// Where `folder`'s library will be cached: the path it had in a first cache
// (whose library stays loaded in this process, so cannot serve again), moved
// to the second.
fs::path library_in_second_cache(mod_folder_with_cache& f) {
    const auto first = f.load().library;
    return f.temp.path / "second" / first.lexically_relative(f.temp.path / "cache");
}

void compile_shared_library(const fs::path& library, const std::string& source) {
    const auto cpp = library.string() + ".cpp";
    write_file(cpp, source);
    const auto result = test::run_command(std::string("'") + CAJAL_CXX + "' -shared -fPIC -o '" + library.string() + "' '" + cpp + "' 2>&1");
    INFO(result.out);
    REQUIRE(result.status == 0);
}

// Loads the folder from the second cache, where `library` was put instead of
// the real one: it must be rebuilt, and then come from the cache.
void check_rebuilt(mod_folder_with_cache& f, const fs::path& library, const std::string& because) {
    const test::scoped_env second("CAJAL_CACHE_DIR", (f.temp.path / "second").string());
    const auto rebuilt = f.load();
    CHECK(rebuilt.library == library);
    CHECK(!rebuilt.from_cache);
    CHECK_THAT(rebuilt.rebuilt_because, Contains(because));
    const auto again = f.load();
    CHECK(again.from_cache);
    CHECK(again.rebuilt_because.empty());
}

template <class F>
std::string environment_error_of(F&& f) {
    try {
        f();
    } catch (const environment_error& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL("not an environment_error: " << e.what());
    }
    FAIL("no error");
    return {};
}

} // namespace

TEST_CASE("nmodl cache: a library is built once, then loaded from the cache", "[nmodl][cache]") {
    mod_folder_with_cache f;
    const auto built = f.load();
    CHECK(!built.from_cache);
    CHECK(built.rebuilt_because.empty());
    CHECK(built.mechanisms == 1);
    // The commands that built it lie beside it, with the headers they used.
    std::ifstream commands(built.library.parent_path() / "build.txt");
    std::string text((std::istreambuf_iterator<char>(commands)), std::istreambuf_iterator<char>());
    CHECK_THAT(text, Contains((test::source_dir() / "mechanisms" / "include").string()));
    CHECK(f.load().from_cache);
}

TEST_CASE("nmodl cache: a cached library of another interface version is rebuilt", "[nmodl][cache]") {
    mod_folder_with_cache f;
    const auto library = library_in_second_cache(f);
    compile_shared_library(library, std::string("extern \"C\" int ") + mechanism_abi_version_symbol + "(void) { return -7; }\n" +
                                        "extern \"C\" void " + mechanism_library_add_symbol + "(void*, void*) {}\n");
    check_rebuilt(f, library, "reports mechanism interface version -7, where this cajal has version " + std::to_string(mechanism_abi_version));
}

TEST_CASE("nmodl cache: a cached library without the entry points is rebuilt", "[nmodl][cache]") {
    mod_folder_with_cache f;
    const auto library = library_in_second_cache(f);
    compile_shared_library(library, "extern \"C\" int cajal_nmodl_mechanisms(void) { return 0; }\n");
    check_rebuilt(f, library, std::string("lacks ") + mechanism_abi_version_symbol);
}

TEST_CASE("nmodl cache: a corrupt or truncated cached library is rebuilt", "[nmodl][cache]") {
    mod_folder_with_cache f;
    const auto library = library_in_second_cache(f);
    SECTION("not a library") { write_file(library, "not a shared library\n"); }
    SECTION("truncated") {
        std::ifstream in(f.load().library, std::ios::binary);
        std::string head(512, '\0');
        in.read(head.data(), 512);
        write_file(library, head);
    }
    check_rebuilt(f, library, "the cached library cannot be loaded: ");
}

TEST_CASE("nmodl cache: a library of another version even when just built is an environment error", "[nmodl][cache]") {
    mod_folder_with_cache f;
    // Headers of "another cajal": this one's, with another interface version.
    const auto include = f.temp.path / "include";
    for (const char* folder: {"mechanisms", "kernels"}) {
        fs::copy(test::source_dir() / folder / "include", include, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }
    const auto header = include / "cajal" / "mechanisms" / "mechanism_library.hpp";
    std::ifstream in(header);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::regex version("mechanism_abi_version = [0-9]+;");
    REQUIRE(std::regex_search(text, version));
    write_file(header, std::regex_replace(text, version, "mechanism_abi_version = 999;"));
    const test::scoped_env headers("CAJAL_NMODL_INCLUDE", include.string());
    const auto message = environment_error_of([&] { f.load(); });
    CHECK_THAT(message, Contains("just built from " + f.mods.string()));
    CHECK_THAT(message, Contains("reports mechanism interface version 999"));
    CHECK_THAT(message, Contains(include.string()));
    CHECK_THAT(message, Contains("CAJAL_NMODL_INCLUDE"));
}

TEST_CASE("nmodl cache: a missing C++ compiler is an environment error naming it and the variable", "[nmodl][cache]") {
    mod_folder_with_cache f;
    const test::scoped_env compiler("CAJAL_NMODL_CXX", (f.temp.path / "no-such-c++").string());
    const auto message = environment_error_of([&] { f.load(); });
    CHECK_THAT(message, Contains("C++ compiler"));
    CHECK_THAT(message, Contains((f.temp.path / "no-such-c++").string() + " (set by CAJAL_NMODL_CXX)"));
    CHECK_THAT(message, Contains("install g++"));
}

TEST_CASE("nmodl cache: an unwritable cache folder is an environment error naming it and CAJAL_CACHE_DIR", "[nmodl][cache]") {
    mod_folder_with_cache f;
    // A regular file where a folder should be: refused even to root.
    write_file(f.temp.path / "a-file", "");
    const test::scoped_env cache("CAJAL_CACHE_DIR", (f.temp.path / "a-file" / "cache").string());
    const auto message = environment_error_of([&] { f.load(); });
    CHECK_THAT(message, Contains((f.temp.path / "a-file" / "cache" / "nmodl").string()));
    CHECK_THAT(message, Contains("cannot write the cache of compiled .mod folders"));
    CHECK_THAT(message, Contains("set CAJAL_CACHE_DIR to a writable folder"));
}

TEST_CASE("nmodl cache: a failing compile names the command, the .mod files and the compiler's output", "[nmodl][cache]") {
    mod_folder_with_cache f;
    const auto compiler = f.temp.path / "failing-c++";
    write_file(compiler, "#!/bin/sh\necho 'failing-c++: error: a deliberate failure'\necho 'second line'\nexit 3\n");
    fs::permissions(compiler, fs::perms::owner_all);
    const test::scoped_env cxx("CAJAL_NMODL_CXX", compiler.string());
    const auto message = environment_error_of([&] { f.load(); });
    CHECK_THAT(message, Contains("compiling the mechanisms of " + f.mods.string() + ": leak.mod failed"));
    CHECK_THAT(message, Contains("exited with status 3"));
    CHECK_THAT(message, Contains("'" + compiler.string() + "' -std=c++20"));
    CHECK_THAT(message, Contains("failing-c++: error: a deliberate failure\n  second line\n"));
    CHECK_THAT(message, Contains("CAJAL_NMODL_CXX chose this compiler"));
}
