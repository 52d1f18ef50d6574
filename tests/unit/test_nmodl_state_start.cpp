// Before INITIAL, a STATE starts from the variable `<state>0` where the file
// declares one (NEURON's convention), else from its START value, else 0.
#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>

#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

constexpr const char* start_mod = R"(
NEURON { SUFFIX starts RANGE x0 }
PARAMETER { x0 = 3 }
CONSTANT { y0 = 4 }
STATE { x y z START 2 w }
INITIAL { w = x + 1 }
)";

} // namespace

TEST_CASE("STATEs start from <state>0, then START, then 0", "[nmodl][initial]") {
    const test::temp_folder folder;
    const auto catalogue = test::catalogue_with_mod(folder, "starts.mod", start_mod);

    auto m = test::bare_soma();
    m.painted.push_back({{{0, 0, 1}}, "starts", {{"x0", 5}}});
    for (const char* s: {"x", "y", "z", "w"}) m.probes.push_back({s, {0, 0.5}, std::string("starts.") + s, 0});
    m.run = {0.1, 0.025, integration_method::backward_euler};
    const auto r = test::simulate(m, catalogue);
    REQUIRE(r.traces.size() == 4);
    CHECK(r.traces[0].values.front() == 5);   // x0, as the model sets it
    CHECK(r.traces[1].values.front() == 4);   // the constant y0
    CHECK(r.traces[2].values.front() == 2);   // START
    CHECK(r.traces[3].values.front() == 6);   // 0, then INITIAL: x + 1
}
