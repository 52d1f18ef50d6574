// Features of hand-made traces whose values are known in closed form
// (feature_traces.hpp), the resampling they start from, and what compute()
// refuses. The same traces are compared with eFEL in test_features_efel.cpp.

#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/analysis/features.hpp>
#include <cajal/analysis/uniform_resampling.hpp>
#include <cajal/support/errors.hpp>

#include "feature_traces.hpp"

using namespace cajal::analysis;
using Catch::Matchers::Contains;
using cajal::test::features::passive_step;
using cajal::test::features::sag_step;
using cajal::test::features::triangle_spikes;

namespace {

// The feature's values, failing the test when it has none.
std::vector<double> values(const std::string& name, const voltage_trace& trace, const feature_settings& settings = {}) {
    auto value = compute(name, trace, settings);
    INFO(name << ": " << value.reason());
    REQUIRE(value.has_value());
    return value.values();
}

double scalar(const std::string& name, const voltage_trace& trace, const feature_settings& settings = {}) {
    auto v = values(name, trace, settings);
    REQUIRE(v.size() == 1);
    return v[0];
}

// The resampled grid lies within about 1e-12 ms of the hand-made samples, so
// values read off a slope (110 mV/ms at most) are within about 1e-10 of the
// closed forms.
Approx near(double expected) { return Approx(expected).epsilon(1e-9).margin(1e-9); }

void check_all(const std::vector<double>& actual, double expected) {
    for (double x: actual) CHECK(x == near(expected));
}

} // namespace

TEST_CASE("Resampling before features accumulates eFEL's grid and interpolates linearly onto it", "[features]") {
    // v = 4 t on uneven samples up to 1.05 ms: on the grid, 4 times the grid's time.
    auto r = resample_uniform({0, 0.25, 1.05}, {0, 1, 4.2}, 0.1);
    // ceil(1.05 / 0.1) = 11 times by repeated addition, the last (0.9999...)
    // short of 1.05, so one more past the end, where the last sample's voltage holds.
    REQUIRE(r.time_ms.size() == 12);
    CHECK(r.time_ms[3] == 0.1 + 0.1 + 0.1);   // accumulated: 0.30000000000000004, not 0.3
    CHECK(r.time_ms[10] < 1.0);               // 0.9999999999999999
    CHECK(r.time_ms[11] > 1.05);
    for (std::size_t i = 0; i < 11; ++i) CHECK(r.voltage_mV[i] == Approx(4 * r.time_ms[i]).margin(1e-12));
    CHECK(r.voltage_mV[11] == 4.2);           // held, not extrapolated
}

TEST_CASE("Spike timing features of spikes at known times", "[features]") {
    // Peaks at 20, 35, 55 and 80 ms, the stimulus from 10 to 110 ms.
    auto trace = triangle_spikes({20, 35, 55, 80});
    CHECK(scalar("Spikecount", trace) == 4);
    CHECK(scalar("time_to_first_spike", trace) == near(10));
    CHECK(scalar("mean_frequency", trace) == near(4 * 1000.0 / (80 - 10)));
    // Intervals 15, 20, 25 ms; the first ignored: sd(20, 25) / 22.5, sd with n - 1.
    CHECK(scalar("ISI_CV", trace) == near(std::sqrt(2 * 2.5 * 2.5) / 22.5));
    feature_settings all_intervals;
    all_intervals.ignore_first_ISI = false;
    CHECK(scalar("ISI_CV", trace, all_intervals) == near(5.0 / 20));   // sd(15, 20, 25) = 5

    SECTION("a spike before the stimulus counts, but not towards the rate") {
        auto early = triangle_spikes({5, 20, 35});
        CHECK(scalar("Spikecount", early) == 3);
        CHECK(scalar("time_to_first_spike", early) == near(-5));
        CHECK(scalar("mean_frequency", early) == near(2 * 1000.0 / (35 - 10)));
    }
    SECTION("a higher threshold than the peaks finds none") {
        feature_settings high;
        high.threshold_mV = 45;
        CHECK(scalar("Spikecount", trace, high) == 0);
    }
}

TEST_CASE("Spike shape features of piecewise-linear spikes", "[features]") {
    auto trace = triangle_spikes({20, 35, 55, 80});
    // Each AP begins where dV/dt jumps from 0 to 110 mV/ms, at -70 mV, and peaks at +40 mV.
    check_all(values("AP_begin_voltage", trace), -70);
    check_all(values("AP_amplitude", trace), 110);
    check_all(values("AHP_depth_abs", trace), -75);
    CHECK(values("AP_amplitude", trace).size() == 4);
    // Samples at or above -20 mV: from 0.5 ms before the peak (-15 mV) to 1.1 ms after it (-23.25 mV).
    check_all(values("AP_width", trace), 1.6);
    // Half height between the AHP (-75) and the peak (+40): -17.5 mV, crossed
    // (52.5 / 110) ms after the rise begins and 1 ms after the peak.
    check_all(values("spike_half_width", trace), 2 - 52.5 / 110);
    CHECK(compute("spike_half_width", trace).mean() == near(2 - 52.5 / 110));

    SECTION("a DerivativeThreshold above the rise finds no AP begin") {
        feature_settings steep;
        steep.derivative_threshold_mV_per_ms = 200;
        auto amplitude = compute("AP_amplitude", trace, steep);
        CHECK_FALSE(amplitude.has_value());
        CHECK_THAT(amplitude.reason(), Contains("no AP begin"));
    }
}

TEST_CASE("Subthreshold features of a passive step: base, steady state, input resistance", "[features]") {
    auto trace = passive_step();
    CHECK(scalar("voltage_base", trace) == near(-70));
    CHECK(scalar("steady_state_voltage_stimend", trace) == near(-75));
    CHECK(scalar("ohmic_input_resistance_vb_ssse", trace) == near(50));   // -5 mV / -0.1 nA
    CHECK(scalar("Spikecount", trace) == 0);
    CHECK(scalar("sag_ratio1", trace) == near(0));                       // settles at its minimum

    SECTION("the median of a window that holds half rest, half step") {
        // The window 100-200 ms: the median of a monotone fall is its middle
        // value, 150 ms's (-74.9998 mV; the mean is -74.75 mV). Whether the
        // grid's point at 100 ms falls just inside the window or just outside
        // moves the middle by half a step, 2e-6 mV here.
        feature_settings median;
        median.voltage_base_mode = averaging::median;
        median.voltage_base_start_perc = 0.5;
        auto late = trace;
        late.stimulus_start_ms = 200;
        late.stimulus_end_ms = 300;
        CHECK(scalar("voltage_base", late, median) == Approx(-70 - 5 * (1 - std::exp(-50 / 5.0))).margin(1e-5));
        auto mean = median;
        mean.voltage_base_mode = averaging::mean;
        CHECK(scalar("voltage_base", late, mean) == Approx(-74.75).margin(0.01));
    }
    SECTION("without a stimulus current there is no input resistance") {
        trace.stimulus_current_nA.reset();
        CHECK_THAT(compute("ohmic_input_resistance_vb_ssse", trace).reason(), Contains("no stimulus current"));
    }
}

TEST_CASE("Subthreshold features of a sag: sag_ratio1 and the input resistance at steady state", "[features]") {
    auto trace = sag_step();
    // Down to -80 mV, settled at -76 mV: a sag of 4 mV of the 10 mV deflection.
    CHECK(scalar("sag_ratio1", trace) == near(0.4));
    CHECK(scalar("ohmic_input_resistance_vb_ssse", trace) == near(60));
    CHECK(scalar("steady_state_voltage_stimend", trace) == near(-76));
}

TEST_CASE("Without spikes the AP features have no value, and say why", "[features]") {
    auto trace = passive_step();
    CHECK_THAT(compute("ISI_CV", trace).reason(), Contains("at least two spikes"));
    for (const char* name: {"mean_frequency", "time_to_first_spike", "AP_amplitude", "AP_width", "spike_half_width",
                            "AP_begin_voltage", "AHP_depth_abs"}) {
        auto value = compute(name, trace);
        INFO(name);
        CHECK_FALSE(value.has_value());
        CHECK_THAT(value.reason(), Contains("no spike"));
        CHECK_THROWS_AS(value.mean(), std::logic_error);
    }
    SECTION("a depolarization has no sag") {
        auto up = sag_step();
        for (auto& v: up.voltage_mV) v = -140 - v;   // mirrored about -70 mV
        CHECK_THAT(compute("sag_ratio1", up).reason(), Contains("positive"));
    }
    SECTION("ISI_CV needs two intervals after the first") {
        CHECK_THAT(compute("ISI_CV", triangle_spikes({20, 35, 55})).reason(), Contains("two inter-spike intervals"));
    }
}

TEST_CASE("compute() knows eFEL's feature names and refuses anything else", "[features]") {
    const auto& names = feature_names();
    CHECK(names.size() == 13);
    CHECK(std::is_sorted(names.begin(), names.end()));
    auto trace = triangle_spikes({20});
    CHECK_THROWS_WITH(compute("AP_amplitud", trace),
                      Contains("unknown feature 'AP_amplitud'") && Contains("AHP_depth_abs, AP_amplitude, AP_begin_voltage"));
    CHECK_THROWS_AS(compute("AP_amplitud", trace), cajal::input_error);

    SECTION("and traces or settings it cannot use") {
        auto shorter = trace;
        shorter.voltage_mV.pop_back();
        CHECK_THROWS_WITH(compute("Spikecount", shorter), Contains("times but"));
        auto backwards = trace;
        std::swap(backwards.time_ms[3], backwards.time_ms[4]);
        CHECK_THROWS_WITH(compute("Spikecount", backwards), Contains("do not increase strictly at sample 4"));
        auto reversed = trace;
        reversed.stimulus_end_ms = reversed.stimulus_start_ms;
        CHECK_THROWS_WITH(compute("Spikecount", reversed), Contains("must end after it starts"));
        feature_settings zero_step;
        zero_step.interp_step_ms = 0;
        CHECK_THROWS_WITH(compute("Spikecount", trace, zero_step), Contains("interp_step"));
    }
}
