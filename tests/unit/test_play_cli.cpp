// `cajal run` on a model file whose IClamp's amp is played: the run succeeds
// and traces.csv shows the parameter following its ramp.
#include <catch2/catch.hpp>

#include <string>

#include "cli_test_support.hpp"

using namespace cajal::test::cli;

TEST_CASE("cajal run plays a ramp into an IClamp's amp", "[run][play]") {
    scratch_dir dir("play");
    auto model = movable_model("hh_soma.json");
    auto& stim = model["cell"]["place"][0];
    REQUIRE(stim["label"] == "stim");
    stim["play"] = {{"amp", {{"ramp", {{"start", 5}, {"stop", 25}, {"from", 0}, {"to", 1}}}}}};
    model["probes"].push_back({{"name", "stim_amp"}, {"variable", "stim.amp"}, {"interval", 0.1}});
    const auto file = write_model(dir.path / "played.json", model);
    const fs::path out = dir.path / "out";
    const auto r = cajal_run(quoted(file) + " --backend cpu -o " + quoted(out));
    INFO(r.out);
    REQUIRE(r.status == 0);

    const auto rows = lines(read_text(out / "traces.csv"));
    REQUIRE(rows.size() == 1 + 501);
    CHECK(rows[0] == "time (ms),v_soma (mV),m_soma (1),i_syn (nA),stim_amp (nA)");
    // The row of t = 0.1·k ms: amp is 0 until 5 ms, rises to 1 at 25 ms, then stays.
    auto amp_at = [&](std::size_t k) { return std::stod(cells(rows[1 + k]).at(4)); };
    CHECK(amp_at(0) == 0);
    CHECK(amp_at(50) == 0);
    CHECK(amp_at(150) == Approx(0.5).margin(1e-12));
    CHECK(amp_at(200) == Approx(0.75).margin(1e-12));
    CHECK(amp_at(250) == 1);
    CHECK(amp_at(500) == 1);
}
