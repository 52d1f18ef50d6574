// gating_vshift against NEURON: cajal runs the .mod file as written with
// gating_vshift = ±10 mV, NEURON a copy edited by hand to the same effect (a
// RANGE PARAMETER vshift, the rates called with v - vshift in INITIAL and
// DERIVATIVE) with vshift = ±10 mV, on one compartment under a current step:
// hh; Hay et al.'s NaTa_t spiking with SKv3_1; and a gate FUNCTION with a TABLE
// that both the gating (shifted) and BREAKPOINT's current (true v) call
// (gating_vshift_cases.hpp).
#include <catch2/catch.hpp>

#include "gating_vshift_cases.hpp"
#include "neuron_cell_support.hpp"
#include "test_support.hpp"

using namespace cajal;

TEST_CASE("NMODL vs NEURON: gating_vshift as the hand edit rates(v - vshift), on one compartment", "[nmodl][neuron][gating_vshift]") {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    if (!test::neuron_available()) CAJAL_SKIP("NEURON's Python module is not installed");
    const auto hay2011 = *data / "mod" / "hay2011";
    constexpr double v_tolerance = 1e-6;   // mV, at every step, spikes included
    for (const auto& s: test::vshift::setups(hay2011)) {
        DYNAMIC_SECTION(s.mod.file_name) {
            // cajal compiles the file as written (hh is built in), NEURON the edited copy.
            test::temp_folder written, edited;
            test::vshift::write_files(s, hay2011, written.path, false);
            test::vshift::write_files(s, hay2011, edited.path, true);
            const auto catalogue = test::vshift::catalogue_of(written.path);
            test::neuron_options options;
            options.mod_dirs = {edited.path};
            for (const double shift: {-10.0, 10.0}) {
                const auto ours = test::simulate(test::vshift::setup_cell(s, s.mod.mechanism, "gating_vshift", shift), catalogue);
                const auto theirs = test::run_neuron(test::vshift::setup_cell(s, s.mod.edited_mechanism, "vshift", shift), options);
                REQUIRE(theirs);
                const auto& v = ours.traces.at(0).values;
                REQUIRE(v.size() == theirs->v.at(0).size());
                const auto spikes = test::crossings(theirs->t, theirs->v[0], -10.0);
                const double difference = test::max_difference(theirs->v[0], v);
                INFO(s.mod.file_name << ", shift " << shift << " mV: NEURON spikes " << spikes.size() << ", ours "
                                     << test::cell_spikes(ours, 1).size() << "; max |v - v_NEURON| = " << difference << " mV");
                CHECK(difference < v_tolerance);
                CHECK(test::cell_spikes(ours, 1).size() == spikes.size());
                CHECK(spikes.empty() != s.spikes);
            }
        }
    }
}
