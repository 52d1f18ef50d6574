// LINEAR and NONLINEAR blocks: the STATEs their equations name are solved for
// by Newton's method, in INITIAL and at every step.
#include <cmath>
#include <fstream>

#include <catch2/catch.hpp>
#include <unistd.h>

#include <cajal/core/simulation.hpp>
#include <cajal/nmodl/folder_loader.hpp>

#include "test_cells.hpp"

using namespace cajal;

namespace {

constexpr const char* equations_mod = R"(
NEURON { SUFFIX eqs RANGE p, q }
PARAMETER { p = 3 q = 1 }
STATE { a b c }
INITIAL { SOLVE lin SOLVE nonlin }
BREAKPOINT { SOLVE nonlin }
LINEAR lin {
    ~ a + b = p
    ~ a - b = q
}
NONLINEAR nonlin {
    ~ c * c * c + c = p * 6 + t
}
)";

test::cell_run one_compartment() {
    auto m = test::bare_soma();
    m.painted.push_back({{{0, 0, 1}}, "eqs", {{"p", 5}, {"q", 1}}});
    m.probes = {{"a", {0, 0.5}, "eqs.a", 0}, {"b", {0, 0.5}, "eqs.b", 0}, {"c", {0, 0.5}, "eqs.c", 0}};
    m.run = {1, 0.25, integration_method::backward_euler};
    return m;
}

} // namespace

TEST_CASE("LINEAR and NONLINEAR blocks solve their equations", "[nmodl][equations]") {
    const auto folder = std::filesystem::temp_directory_path() / ("cajal_equations_" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "eqs.mod") << equations_mod;
    mechanism_catalogue catalogue = builtin_catalogue();
    nmodl::add_mod_folder(catalogue, folder);
    std::filesystem::remove_all(folder);

    const auto r = test::simulate(one_compartment(), catalogue);
    REQUIRE(r.traces.size() == 3);
    // a + b = 5, a - b = 1.
    CHECK(r.traces[0].values.front() == Approx(3).epsilon(1e-12));
    CHECK(r.traces[1].values.front() == Approx(2).epsilon(1e-12));
    // c³ + c = 6 p + t, with t at the end of each step (when states advance).
    for (std::size_t k = 0; k < r.traces[2].values.size(); ++k) {
        const double c = r.traces[2].values[k], t = r.traces[2].times[k];
        CHECK(std::fabs(c * c * c + c - (30 + t)) < 1e-9);
    }
}
