// Hay et al. 2011's layer-5 pyramidal cell (ModelDB 139653) as
// examples/l5pc/ writes it, against NEURON running the authors' own hoc files
// (tests/reference/hay_l5pc.py): the same segments, every painted value in
// every segment, and both protocols' voltage and spikes.
#include <cmath>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include <cajal/core/cell_values.hpp>
#include <cajal/core/communicator.hpp>
#include <cajal/core/simulation.hpp>
#include <cajal/io/model_file.hpp>

#include "test_support.hpp"

using namespace cajal;

namespace {

struct hay_files {
    std::filesystem::path model;   // the authors' hoc files and cell1.asc
    std::filesystem::path mod;     // their 13 .mod files
};

std::optional<hay_files> hay_data() {
    const auto data = test::shared_data();
    if (!data || !std::filesystem::exists(*data / "hay2011-model" / "cell1.asc")) return std::nullopt;
    return hay_files{*data / "hay2011-model", *data / "mod" / "hay2011"};
}

std::filesystem::path example(const std::string& name) { return test::source_dir() / "examples" / "l5pc" / name; }

std::optional<nlohmann::json> neuron_run(const hay_files& files, const std::string& protocol, int sample_every) {
    return test::neuron_reference("hay_l5pc.py", "'" + files.model.string() + "' '" + files.mod.string() + "' " + protocol + " " +
                                                     std::to_string(sample_every));
}

// NEURON's names of the sections, as the template makes them: soma[k],
// dend[k], apic[k] and axon[k], counted per type in branch order.
std::map<std::string, std::size_t> section_names(const morphology& m) {
    const std::map<int, std::string> prefix{{1, "soma"}, {2, "axon"}, {3, "dend"}, {4, "apic"}};
    std::map<int, std::size_t> count;
    std::map<std::string, std::size_t> names;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const int type = m.branch_at(b).type;
        names[prefix.at(type) + "[" + std::to_string(count[type]++) + "]"] = b;
    }
    return names;
}

// NEURON's RANGE name (gIhbar_Ih, g_pas, cm) as cajal names the value.
std::string cajal_name(const std::string& range) {
    if (range == "cm") return range;
    if (range.ends_with("_pas")) return "pas." + range.substr(0, range.size() - 4);
    for (const char* mechanism: {"Ca_LVAst", "Ca_HVA", "NaTa_t", "SKv3_1", "SK_E2", "K_Tst", "K_Pst", "Nap_Et2", "CaDynamics_E2", "Ih", "Im"}) {
        const std::string suffix = std::string("_") + mechanism;
        if (range.ends_with(suffix)) return std::string(mechanism) + "." + range.substr(0, range.size() - suffix.size());
    }
    FAIL("unexpected RANGE variable " << range);
    return {};
}

// The example run as NEURON runs the protocol: spikes at the end of the step
// that crosses the threshold (NetCon's time), the soma's (and the EPSP site's)
// v every `sample` ms.
simulation_result run_example(const std::string& name, double sample) {
    model_file file = read_model_file(example(name));
    file.model.settings.timing = spike_timing::step_end;
    for (auto& probe: file.model.probes) probe.interval = sample;
    const prepared_network prepared = file.prepare();
    auto comm = make_local_communicator();
    simulation sim(prepared, *comm);
    return sim.run();
}

// Largest difference over NEURON's samples. Its Vector.record at an interval
// may miss the sample at tstop (its t, summed step by step, lands past it).
double difference_over(const std::vector<double>& theirs, const trace& ours) {
    REQUIRE(ours.values.size() >= theirs.size());
    REQUIRE(ours.values.size() <= theirs.size() + 1);
    return test::max_difference(theirs, std::vector<double>(ours.values.begin(), ours.values.begin() + static_cast<std::ptrdiff_t>(theirs.size())));
}

} // namespace

TEST_CASE("NEURON: Hay et al.'s L5PC has the segments and painted values of the authors' hoc files", "[neuron][validation][hay2011]") {
    const auto files = hay_data();
    if (!files) CAJAL_SKIP("../shared/data/hay2011-model is absent (Hay et al. 2011, ModelDB 139653)");
    const auto ref = neuron_run(*files, "values", 1);
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");

    const model_file file = read_model_file(example("bac_firing.json"));
    const prepared_network prepared = file.prepare();
    const discretization& disc = cell_discretization(prepared, 0);
    const morphology& m = file.model.populations.at(0).cell.morph;
    const auto names = section_names(m);
    REQUIRE((*ref)["sections"].size() == m.num_branches());

    std::map<std::string, cell_values> ours;
    std::size_t compared = 0;
    for (const auto& section: (*ref)["sections"]) {
        const std::string name = section["name"].get<std::string>();
        INFO("section " << name);
        REQUIRE(names.contains(name));
        const std::size_t b = names.at(name);
        const auto& segments = section["segments"];
        REQUIRE(disc.segments[b] == static_cast<int>(segments.size()));
        for (std::size_t s = 0; s < segments.size(); ++s) {
            const std::size_t cv = disc.first_cv[b] + s;
            for (const auto& [range, value]: segments[s].items()) {
                if (range == "ek" || range == "ena") continue;   // the cell's ions, not painted
                const std::string variable = cajal_name(range);
                if (!ours.contains(variable)) ours.emplace(variable, initial_cell_values(prepared, 0, variable));
                INFO("segment " << s << ", " << range);
                // Hay's distribute_channels writes each value through
                // sprint("%.10f"): NEURON's values are rounded to 1e-10.
                CHECK_THAT(ours.at(variable).values[cv], Catch::Matchers::WithinAbs(value.get<double>(), 1e-10));
                ++compared;
            }
        }
    }
    // Where NEURON has no such mechanism, neither has cajal.
    std::size_t painted = 0;
    for (const auto& [variable, values]: ours) {
        for (double v: values.values) painted += !std::isnan(v);
    }
    CHECK(painted == compared);
}

TEST_CASE("NEURON: Hay et al.'s BAC firing, a somatic pulse and a dendritic EPSP", "[neuron][validation][hay2011]") {
    const auto files = hay_data();
    if (!files) CAJAL_SKIP("../shared/data/hay2011-model is absent (Hay et al. 2011, ModelDB 139653)");
    const auto ref = neuron_run(*files, "bac", 4);
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");
    // The EPSP site BAC_firing.hoc picks, as the label epsp_site finds it.
    CHECK((*ref)["site"]["section"].get<std::string>().ends_with(".apic[36]"));

    const auto ours = run_example("bac_firing.json", 0.1);
    // Step-end spike times are whole steps: the same steps.
    const auto spikes = (*ref)["spikes"].get<std::vector<double>>();
    REQUIRE(ours.spikes.size() == spikes.size());
    for (std::size_t k = 0; k < spikes.size(); ++k) CHECK_THAT(ours.spikes[k].time, Catch::Matchers::WithinAbs(spikes[k], 1e-6));
    CHECK(spikes.size() == 3);   // the burst that makes BAC firing
    // Three spikes in 600 ms through 642 segments of 10 channel types: the
    // round-off of NEURON's float arc lengths is amplified to at most 1.5e-6 mV.
    REQUIRE(ours.traces.size() >= 2);
    const auto v_soma = (*ref)["v_soma"].get<std::vector<double>>(), v_site = (*ref)["v_site"].get<std::vector<double>>();
    CHECK(difference_over(v_soma, ours.traces[0]) < 1e-4);
    CHECK(difference_over(v_site, ours.traces[1]) < 1e-4);
}

TEST_CASE("NEURON: Hay et al.'s step current firing, 2 s of adapting spikes", "[neuron][validation][hay2011]") {
    const auto files = hay_data();
    if (!files) CAJAL_SKIP("../shared/data/hay2011-model is absent (Hay et al. 2011, ModelDB 139653)");
    const auto ref = neuron_run(*files, "step", 40);
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");

    const auto ours = run_example("step_current.json", 1.0);
    const auto spikes = (*ref)["spikes"].get<std::vector<double>>();
    REQUIRE(ours.spikes.size() == spikes.size());
    for (std::size_t k = 0; k < spikes.size(); ++k) CHECK_THAT(ours.spikes[k].time, Catch::Matchers::WithinAbs(spikes[k], 1e-6));
    CHECK(spikes.size() > 20);
    REQUIRE(!ours.traces.empty());
    // 27 spikes over 3 s amplify the same round-off to 7.1e-5 mV (measured).
    CHECK(difference_over((*ref)["v_soma"].get<std::vector<double>>(), ours.traces[0]) < 1e-4);
}
