// The one time loop asks every backend for the same primitives in the same
// order, and that order is NEURON's fixed step: events at the step's start;
// played parameters at the step's middle; the ions' reversal potentials, then
// each mechanism's currents (mechanisms that write concentrations first); the
// cable; played parameters at the step's end; the states; WATCH; detection
// and samples at the step's end. The CUDA backend's sequence is recorded where
// a GPU is usable.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <cajal/core/gpu.hpp>
#include <cajal/core/simulation.hpp>

#include "../../core/src/backend_recorder.hpp"
#include "../../core/src/lower.hpp"
#include "../../core/src/time_loop.hpp"
#include "test_cells.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// From its INITIAL on, counts the steps at whose end v is above thr.
constexpr const char* watcher_mod = R"(
NEURON { POINT_PROCESS Watcher RANGE thr, rises }
PARAMETER { thr = -20 (mV) }
ASSIGNED { v (mV) rises }
INITIAL {
    rises = 0
    net_send(0, 1)
}
NET_RECEIVE (w) {
    if (flag == 1) {
        WATCH (v > thr) 2
    } else if (flag == 2) {
        rises = rises + 1
    }
}
)";

// hh and a calcium shell that writes cai (in the catalogue after hh, so the
// concentration rule, not the catalogue, puts it first), a WATCH, a synapse
// driven by events, a clamp whose amp is played; Crank–Nicolson.
test::cell_run ordered_cell() {
    auto m = test::bare_soma();
    m.painted.push_back({{{0, 0, 1}}, "hh", {}});
    m.painted.push_back({{{0, 0, 1}}, "CaDecay", {}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 0.5}, {"dur", 5}}, {{"amp", sine_waveform{.amplitude = 0.5, .frequency = 200, .offset = 0.3}}}});
    m.placed.push_back({"w", {0, 0.5}, "Watcher", {}});
    m.placed.push_back({"syn", {0, 0.5}, "ExpSyn", {{"tau", 2}}});
    m.probes.push_back({"v", {0, 0.5}, "v", 0});
    m.run = {6, 0.025, integration_method::crank_nicolson};
    return m;
}

// The calls a run of the ordered cell makes on `make`'s backend, with two
// events into the synapse; with a probe of the membrane current if asked.
std::vector<std::string> recorded_calls(const mechanism_catalogue& catalogue, std::unique_ptr<backend> (*make)(lowered_cell&),
                                        bool membrane_current = false) {
    auto cell = ordered_cell();
    if (membrane_current) cell.probes.push_back({"i_membrane", {0, 0.5}, "i_membrane", 0});
    const prepared_network prepared(test::as_network(cell), catalogue);
    auto cells = lower_cells(prepared.internals(), {0});
    const auto synapse = connect(cells, 0, "syn", 0.05);
    std::vector<std::string> calls;
    time_loop loop(cells, make_recording_backend(make(cells), cells, calls), [](std::size_t) { return std::string("cell"); });
    loop.start();
    loop.queue_event(synapse, 1.0);
    loop.queue_event(synapse, 1.0125);
    loop.advance(steps_until(6, 0.025), {}, 6);
    std::vector<local_spike> spikes;
    loop.finish(spikes);
    return calls;
}

// The mechanisms a phase ran, in order, in calls[first, last).
std::vector<std::string> phase(const std::vector<std::string>& calls, std::size_t first, std::size_t last, const std::string& name) {
    std::vector<std::string> out;
    for (std::size_t i = first; i < last; ++i) {
        if (calls[i].rfind(name + " ", 0) == 0) out.push_back(calls[i].substr(name.size() + 1, calls[i].find(" t=") - name.size() - 1));
    }
    return out;
}

// The times of a recorded "play t=T passed=P" (without " start").
kernels::play_time played_at(const std::string& call) {
    kernels::play_time when;
    const auto passed = call.find(" passed=");
    REQUIRE(call.rfind("play t=", 0) == 0);
    REQUIRE(passed != std::string::npos);
    when.t = std::stod(call.substr(7, passed - 7));
    when.passed = std::stod(call.substr(passed + 8));
    REQUIRE(call.find(" start") == std::string::npos);
    return when;
}

std::size_t position(const std::vector<std::string>& calls, std::size_t from, const std::string& prefix) {
    for (std::size_t i = from; i < calls.size(); ++i) {
        if (calls[i].rfind(prefix, 0) == 0) return i;
    }
    FAIL("no call '" << prefix << "' from " << from);
    return calls.size();
}

} // namespace

TEST_CASE("the time loop runs NEURON's fixed step, concentration writers first in every phase", "[loop]") {
    const test::temp_folder folder;
    const auto catalogue = test::catalogue_with_mod(folder, "watcher.mod", watcher_mod);
    REQUIRE(catalogue.position("CaDecay") > catalogue.position("hh"));
    const auto calls = recorded_calls(catalogue, make_cpu_backend);

    // Start: the state reset, the played parameters at t = 0 (as NEURON's
    // play events there, before INITIAL), reversal potentials from the
    // initial concentrations, INITIAL, currents.
    CHECK(calls[0] == "reset_state");
    CHECK(calls[1] == "play t=0 passed=0 start");
    CHECK(calls[2] == "update_reversals");
    const auto first_step = position(calls, 0, "detect_and_sample 0 ");
    // CaDecay, which writes cai, first; then the catalogue's order (NEURON's registration order). It has no current.
    const std::vector<std::string> all{"CaDecay", "IClamp", "ExpSyn", "hh", "Watcher"}, with_currents{"IClamp", "ExpSyn", "hh"};
    CHECK(phase(calls, 0, first_step, "initialize") == all);
    CHECK(phase(calls, 0, first_step, "compute_currents") == with_currents);

    // Every step, in the same order.
    std::size_t step_begin = first_step + 1, events = 0;
    for (std::size_t step = 1; step <= 240; ++step) {
        INFO("step " << step);
        const auto end = position(calls, step_begin, "detect_and_sample " + std::to_string(step) + " ");
        std::size_t i = step_begin;
        for (; calls[i].rfind("deliver_events ", 0) == 0; i += 2) {
            CHECK(calls[i + 1] == "drain_requests");
            ++events;
        }
        // Played parameters at the middle for the currents, at the end for the
        // states, the series' points up to the middle passed both times.
        const auto middle = played_at(calls[i]);
        CHECK(middle.t == Approx((double(step) - 0.5) * 0.025).epsilon(1e-12));
        CHECK(middle.passed == middle.t);
        REQUIRE(calls[i + 1] == "clear_currents");
        CHECK(calls[i + 2] == "update_reversals");
        const auto solve = position(calls, i, "solve_cable");
        CHECK(calls[solve] == "solve_cable cj=80 factor=2");
        CHECK(phase(calls, i, solve, "compute_currents") == with_currents);
        const auto end_of_step = played_at(calls[solve + 1]);
        CHECK(end_of_step.t == Approx(double(step) * 0.025).epsilon(1e-12));
        CHECK(end_of_step.passed == middle.passed);
        CHECK(phase(calls, solve, end, "advance_state") == all);
        CHECK(calls[solve + 2].rfind("advance_state ", 0) == 0);
        const auto watch = position(calls, solve, "check_watches Watcher");
        CHECK(calls[watch + 1] == "drain_requests");
        CHECK(watch + 2 == end);   // WATCH is checked after the states, before detection and samples
        step_begin = end + 1;
        // The state is checked for NaN every 128 steps, and when a piece of the
        // run ends, after what the backend found is collected.
        if (step == 240) {
            CHECK(std::vector<std::string>(calls.begin() + std::ptrdiff_t(step_begin), calls.end()) ==
                  std::vector<std::string>{"collect", "find_non_finite", "collect"});
        } else {
            const bool checked = calls[step_begin] == "find_non_finite";
            CHECK(checked == (step % 128 == 0));
            if (checked) ++step_begin;
        }
    }
    // The INITIAL's self-event (flag 1) in the first step; the synapse's two
    // together in the 41st, the second within its first half; the WATCH's as
    // v crosses thr.
    CHECK(events >= 3);
    CHECK(calls[first_step + 1] == "deliver_events Watcher n=1 t=0");
    CHECK(std::find(calls.begin(), calls.end(), "deliver_events ExpSyn n=2 t=1") != calls.end());
}

TEST_CASE("a recorded membrane current is computed after initialisation and after each cable solve", "[loop]") {
    const test::temp_folder folder;
    const auto catalogue = test::catalogue_with_mod(folder, "watcher.mod", watcher_mod);
    const auto without = recorded_calls(catalogue, make_cpu_backend);
    CHECK(std::count_if(without.begin(), without.end(), [](const std::string& c) { return c.rfind("membrane_currents", 0) == 0; }) == 0);
    const auto calls = recorded_calls(catalogue, make_cpu_backend, true);
    // The same calls, and one more at the start and in each of the 240 steps.
    CHECK(calls.size() == without.size() + 241);
    const auto first_step = position(calls, 0, "detect_and_sample 0 ");
    CHECK(calls[first_step - 1] == "membrane_currents_at_start");
    for (std::size_t i = first_step; i < calls.size(); ++i) {
        if (calls[i].rfind("solve_cable", 0) == 0) CHECK(calls[i + 1] == "membrane_currents_after_solve cj=80");
    }
}

TEST_CASE("the CPU and CUDA backends are asked the same primitives in the same order", "[loop][gpu]") {
    const test::temp_folder folder;
    const auto catalogue = test::catalogue_with_mod(folder, "watcher.mod", watcher_mod);
    if (const auto info = query_gpu(); !info.available) CAJAL_SKIP_NO_GPU(info.name);
    for (const bool membrane_current: {false, true}) {
        INFO("membrane current recorded: " << membrane_current);
        const auto cpu = recorded_calls(catalogue, make_cpu_backend, membrane_current);
        const auto gpu = recorded_calls(catalogue, make_gpu_backend, membrane_current);
        REQUIRE(cpu.size() == gpu.size());
        for (std::size_t i = 0; i < cpu.size(); ++i) {
            INFO("call " << i);
            REQUIRE(cpu[i] == gpu[i]);
        }
    }
}
