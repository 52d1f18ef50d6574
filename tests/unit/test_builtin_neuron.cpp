// cajal's own kinetic-scheme channel (Kv3st) and calcium mechanism (CaDecay)
// have no hand-written twin; NEURON, compiling the same .mod files, is their
// reference. CaDecay needs a calcium current: nrn-examples' cachan (GHK).
#include <cmath>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>
#include <cajal/nmodl/folder_loader.hpp>

#include "neuron_cell_support.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

namespace fs = std::filesystem;

test::cell_run calcium_cell(double amp) {
    test::cell_run m;
    branch soma;
    soma.type = swc_soma;
    soma.points = {{0, 0, 0, 20}, {20, 0, 0, 20}};
    m.morph = morphology({soma}, {}, {});
    m.segments = {1};
    m.properties.v_init = -70;
    m.celsius = 22;
    m.painted.push_back({{{0, 0, 1}}, "pas", {{"g", 1e-4}, {"e", -70}}});
    m.painted.push_back({{{0, 0, 1}}, "hh", {{"gkbar", 0.0}, {"gl", 0.0}}});
    m.painted.push_back({{{0, 0, 1}}, "Kv3st", {{"gbar", 0.02}}});
    m.painted.push_back({{{0, 0, 1}}, "cachan", {{"pcabar", 2e-4}}});
    m.painted.push_back({{{0, 0, 1}}, "CaDecay", {{"decay", 20}, {"gamma", 0.5}}});
    m.placed.push_back({"stim", {0, 0.5}, "IClamp", {{"del", 5}, {"dur", 30}, {"amp", amp}}});
    m.probes = {{"v", {0, 0.5}, "v", 0}};
    m.run = {50, 0.025, integration_method::backward_euler};
    return m;
}

} // namespace

TEST_CASE("Kv3st and CaDecay against NEURON compiling the same .mod files", "[nmodl][neuron][catalogue]") {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    if (!test::neuron_available()) CAJAL_SKIP("NEURON is not installed");
    test::temp_folder ours, theirs;
    fs::copy_file(*data / "mod" / "nrn-examples" / "cachan.mod", ours.path / "cachan.mod");
    for (const char* f: {"Kv3st.mod", "CaDecay.mod"}) fs::copy_file(test::source_dir() / "mechanisms" / "mod" / f, theirs.path / f);
    fs::copy_file(*data / "mod" / "nrn-examples" / "cachan.mod", theirs.path / "cachan.mod");
    mechanism_catalogue catalogue = builtin_catalogue();
    nmodl::add_mod_folder(catalogue, ours.path);

    for (double amp: {0.1, 0.6}) {
        INFO("IClamp " << amp << " nA");
        const auto model = calcium_cell(amp);
        const auto r = test::simulate(model, catalogue);
        test::neuron_options options;
        options.mod_dirs = {theirs.path};
        const auto ref = test::run_neuron(model, options);
        REQUIRE(ref);
        REQUIRE(ref->v.size() == 1);
        const auto& v = r.traces[0].values;
        REQUIRE(v.size() == ref->v[0].size());
        // Same scheme, same numbers up to round-off and the Newton tolerances: v
        // within 1e-6 mV without spikes (9.6e-8 measured). With a spike, v
        // before it differs by 4.5e-6 mV (measured), most of it on the upstroke,
        // where a tiny difference in Kv3st's states (whose STEADYSTATE and
        // Newton stopping rules are cajal's own, not NEURON's) is magnified;
        // hence 1e-5 mV there. Spike times within 1e-6 ms.
        const double tolerance = amp > 0.5 ? 1e-5 : 1e-6;
        const auto ours_spikes = test::crossings(r.traces[0].times, v, -10);
        const auto ref_spikes = test::crossings(ref->t, ref->v[0], -10);
        REQUIRE(ours_spikes.size() == ref_spikes.size());
        for (std::size_t k = 0; k < ours_spikes.size(); ++k) CHECK(std::fabs(ours_spikes[k] - ref_spikes[k]) < 1e-6);
        const double first = ref_spikes.empty() ? 1e9 : ref_spikes.front();
        double before = 0;
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (ref->t[k] < first) before = std::max(before, std::fabs(v[k] - ref->v[0][k]));
        }
        INFO("max |v - v_NEURON| before the first spike: " << before << " mV");
        CHECK(before < tolerance);
        if (amp > 0.5) CHECK(!ref_spikes.empty());
    }
}
