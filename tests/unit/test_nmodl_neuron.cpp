// The .mod files of ../shared/data/mod compiled by cajal (add_mod_folder) and by
// NEURON's nrnivmodl, run in both on the same cell: every file on a single
// compartment under a current step and a voltage step (tests/data/nmodl/
// protocols.json), and Hay et al. 2011's channels on a whole L5 pyramidal cell.
// Each run gets a temporary folder holding copies of just the files it needs.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <cajal/core/simulation.hpp>
#include <cajal/nmodl/folder_loader.hpp>

#include "neuron_cell_support.hpp"
#include "test_support.hpp"

using namespace cajal;
using nlohmann::json;

namespace {

// Tolerances (see docs/nmodl.md, "Validation against NEURON"). Both sides run the
// same scheme (backward Euler, cnexp/derivimplicit/sparse as NEURON solves them,
// exact rates) on the same geometry, so differences are round-off.
constexpr double v_tolerance = 1e-6;            // mV, without spikes and before the first spike
constexpr double spike_time_tolerance = 1e-6;   // ms
// A spike's upstroke (up to ~500 mV/ms) turns a shift of spike_time_tolerance into
// ~5e-4 mV; after the first spike v is held to this bound.
constexpr double spiking_v_tolerance = 1e-3;    // mV
constexpr double relative_tolerance = 1e-6;     // clamp current: of its range; other probes: of their largest magnitude
constexpr double spike_threshold = -10;         // mV

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// test::cell_run cannot set a mechanism's GLOBAL, so the test's copy of the file
// (the one NEURON compiles too) gets the value as the parameter's default.
std::string with_globals(const std::string& text, const json& globals, const std::string& file) {
    std::istringstream in(text);
    std::ostringstream out;
    std::map<std::string, bool> done;
    bool in_parameters = false;
    for (std::string line; std::getline(in, line);) {
        if (std::regex_search(line, std::regex(R"(^\s*PARAMETER\s*\{)"))) in_parameters = true;
        if (in_parameters) {
            for (const auto& [name, value]: globals.items()) {
                const std::regex declaration("^(\\s*)" + name + "\\b(\\s*=\\s*[-+0-9.eE]+)?");
                if (std::regex_search(line, declaration)) {
                    line = std::regex_replace(line, declaration, "$1" + name + " = " + value.dump() + " ", std::regex_constants::format_first_only);
                    done[name] = true;
                }
            }
            if (line.find('}') != std::string::npos) in_parameters = false;
        }
        out << line << '\n';
    }
    for (const auto& [name, value]: globals.items()) {
        if (!done[name]) throw std::runtime_error(file + ": no PARAMETER " + name + " to set");
    }
    return out.str();
}

// Copies one .mod file of the shared data into `folder`, with its globals set.
void copy_mod(const std::filesystem::path& mod_root, const json& use, const std::filesystem::path& folder) {
    const auto file = use["file"].get<std::string>();
    auto text = read_text(mod_root / file);
    if (use.contains("globals")) text = with_globals(text, use["globals"], file);
    std::ofstream(folder / std::filesystem::path(file).filename(), std::ios::binary) << text;
}

json load_protocols() {
    std::ifstream in(test::test_data("nmodl/protocols.json"));
    return json::parse(in);
}

std::map<std::string, double> numbers(const json& j) { return j.get<std::map<std::string, double>>(); }

std::map<std::string, value_expression> constants(const std::map<std::string, double>& values) {
    std::map<std::string, value_expression> out;
    for (const auto& [name, value]: values) out.emplace(name, value);
    return out;
}

// NEURON's ion styles: where a mechanism reads or writes an ion's concentration,
// the reversal potential comes from the Nernst equation (at initialization, and
// after each step where a mechanism writes the concentration); elsewhere it is
// the fixed value. An ion that only a mechanism declares gets NEURON's defaults
// for a new ion: 1 mM inside and out, reversal 0 mV.
void apply_neuron_ion_rules(test::cell_run& m, const mechanism_catalogue& catalogue) {
    std::vector<std::string> used;
    for (const auto& p: m.painted) used.push_back(p.mechanism);
    for (const auto& p: m.placed) used.push_back(p.mechanism);
    for (const auto& name: used) {
        for (const auto& dep: catalogue.get(name).info.ions) {
            auto it = m.ions.find(dep.ion);
            if (it == m.ions.end()) {
                ion_settings s;
                s.internal = s.external = 1.0;
                s.valence = dep.valence.value_or(1);
                it = m.ions.emplace(dep.ion, s).first;
            }
            if (dep.reads_internal || dep.reads_external || dep.writes_internal || dep.writes_external) it->second.nernst = true;
        }
    }
}

bool has_field(const mechanism_catalogue& catalogue, const std::string& mechanism, const std::string& field) {
    return catalogue.get(mechanism).info.instance_field_index(field).has_value();
}

// NEURON runs mechanisms in the order their files were compiled (neuron_cell.py
// sorts them by name), after its built-in ones; the order shows where one
// mechanism reads a concentration another writes in the same step. cajal runs
// them in the order they are first painted, so the test paints in NEURON's order.
std::string mod_name(const json& use) { return std::filesystem::path(use["file"].get<std::string>()).filename().string(); }

// The protocols' cell: one cylinder with pas, the entry's mechanism and what it
// needs, and the clamp of `protocol` at its middle.
test::cell_run single_compartment(const json& cell, const json& entry, const std::string& protocol, const mechanism_catalogue& catalogue) {
    test::cell_run m;
    const double half = cell["length"].get<double>() / 2, radius = cell["diameter"].get<double>() / 2;
    branch soma;
    soma.type = 1;
    soma.points = {{-half, 0, 0, radius}, {half, 0, 0, radius}};
    m.morph = morphology({soma}, {}, {});
    m.segments = {cell["nseg"].get<int>()};
    m.properties = {cell["cm"].get<double>(), cell["Ra"].get<double>(), cell["v_init"].get<double>()};
    m.celsius = entry["celsius"].get<double>();
    const std::vector<branch_interval> all = {{0, 0, 1}};
    const location middle{0, 0.5};
    const auto name = entry["mechanism"].get<std::string>();
    const bool point = entry["kind"] == "point_process";
    std::vector<json> density = entry.value("needs", std::vector<json>{});
    if (!point) density.push_back(entry);
    std::sort(density.begin(), density.end(), [](const json& a, const json& b) { return mod_name(a) < mod_name(b); });
    m.painted.push_back({all, "pas", constants(numbers(cell["pas"]))});
    for (const auto& d: density) m.painted.push_back({all, d["mechanism"], constants(numbers(d["parameters"]))});
    if (point) {
        m.placed.push_back({"target", middle, name, numbers(entry["parameters"])});
        if (entry.contains("events")) {
            m.events.push_back({"target", entry["events"]["times"].get<std::vector<double>>(), entry["events"]["weight"].get<double>()});
        }
    }
    m.placed.push_back({"clamp", middle, protocol == "iclamp" ? "IClamp" : "SEClamp", numbers(entry[protocol])});
    const auto ions = entry.value("ions", json::object());
    for (const auto& [ion, values]: ions.items()) {
        auto& s = m.ions[ion];
        if (values.contains("internal")) s.internal = values["internal"];
        if (values.contains("external")) s.external = values["external"];
        if (values.contains("reversal")) s.reversal = values["reversal"];
    }
    apply_neuron_ion_rules(m, catalogue);
    m.probes.push_back({"v", middle, "v", 0});
    if (protocol == "vclamp") m.probes.push_back({"clamp.i", middle, "clamp.i", 0});
    for (const auto& p: entry.value("probes", json::array())) {
        const auto field = p["variable"].get<std::string>();
        if (!has_field(catalogue, name, field)) {
            WARN(name << " has no field '" << field << "' in cajal: probe not compared");
            continue;
        }
        const auto variable = (point ? std::string("target") : name) + "." + field;
        m.probes.push_back({variable, middle, variable, 0});
    }
    m.detectors.push_back({"soma", middle, spike_threshold});
    m.run = {entry["tstop"].get<double>(), cell["dt"].get<double>(), integration_method::backward_euler};
    return m;
}

double range_of(const std::vector<double>& x) { return *std::max_element(x.begin(), x.end()) - *std::min_element(x.begin(), x.end()); }

double largest_magnitude(const std::vector<double>& x) {
    double r = 0;
    for (double y: x) r = std::max(r, std::fabs(y));
    return r;
}

// v sample by sample; where NEURON's trace crosses the threshold, spike times,
// v before the first spike to v_tolerance and after it to spiking_v_tolerance.
void compare_v(const simulation_result& ours, const test::neuron_run& theirs, std::size_t probe, bool with_spikes) {
    const auto ours_spikes = test::cell_spikes(ours, 1);
    const auto& v = ours.traces[probe].values;
    const auto& ref = theirs.v[probe];
    const auto spikes = test::crossings(theirs.t, ref, spike_threshold);
    if (!with_spikes || spikes.empty()) {
        INFO("max |v - v_NEURON| = " << test::max_difference(ref, v) << " mV");
        CHECK(test::max_difference(ref, v) < v_tolerance);
        return;
    }
    double before = 0, after = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        auto& worst = theirs.t[i] < spikes[0] ? before : after;
        worst = std::max(worst, std::fabs(v[i] - ref[i]));
    }
    INFO("NEURON spikes: " << spikes.size() << ", ours: " << ours_spikes.size());
    INFO("max |v - v_NEURON| before the first spike " << before << " mV, after it " << after << " mV");
    CHECK(before < v_tolerance);
    REQUIRE(ours_spikes.size() == spikes.size());
    for (std::size_t k = 0; k < spikes.size(); ++k) {
        INFO("spike " << k << ": NEURON " << spikes[k] << " ms, ours differs by " << ours_spikes[k].time - spikes[k] << " ms");
        CHECK(std::fabs(ours_spikes[k].time - spikes[k]) < spike_time_tolerance);
    }
    CHECK(after < spiking_v_tolerance);
}

void compare_relative(const std::vector<double>& ours, const std::vector<double>& ref, double scale, const std::string& what) {
    const double e = test::max_difference(ref, ours);
    INFO(what << ": max difference " << e << ", allowed " << relative_tolerance * scale);
    CHECK(e <= relative_tolerance * scale);
}

void compare_protocol(const json& cell, const json& entry, const std::string& protocol, const mechanism_catalogue& catalogue,
                      const std::filesystem::path& folder) {
    INFO(protocol);
    const auto m = single_compartment(cell, entry, protocol, catalogue);
    test::neuron_options options;
    options.mod_dirs = {folder};
    const auto theirs = test::run_neuron(m, options);
    REQUIRE(theirs);
    const auto ours = test::simulate(m, catalogue);
    REQUIRE(ours.traces.size() == theirs->v.size());
    for (std::size_t k = 0; k < ours.traces.size(); ++k) REQUIRE(ours.traces[k].values.size() == theirs->v[k].size());
    compare_v(ours, *theirs, 0, protocol == "iclamp");
    std::size_t k = 1;
    if (protocol == "vclamp") {
        compare_relative(ours.traces[1].values, theirs->v[1], range_of(theirs->v[1]), "clamp current (nA)");
        ++k;
    }
    for (; k < ours.traces.size(); ++k) compare_relative(ours.traces[k].values, theirs->v[k], largest_magnitude(theirs->v[k]), m.probes[k].name);
}

void compare_folder(const std::string& folder_name) {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    if (!test::neuron_available()) CAJAL_SKIP("NEURON's Python module is not installed");
    const auto protocols = load_protocols();
    for (const auto& entry: protocols["protocols"]) {
        const auto file = entry["file"].get<std::string>();
        if (entry["expected"] != "match" || file.rfind(folder_name + "/", 0) != 0) continue;
        DYNAMIC_SECTION(file) {
            test::temp_folder folder;
            copy_mod(*data / "mod", entry, folder.path);
            for (const auto& need: entry.value("needs", json::array())) copy_mod(*data / "mod", need, folder.path);
            mechanism_catalogue catalogue = builtin_catalogue();
            nmodl::add_mod_folder(catalogue, folder.path);
            for (const std::string protocol: {"iclamp", "vclamp"}) {
                if (entry.contains(protocol)) compare_protocol(protocols["cell"], entry, protocol, catalogue, folder.path);
            }
        }
    }
}

} // namespace

TEST_CASE("NMODL vs NEURON: hay2011 on one compartment", "[nmodl][neuron]") { compare_folder("hay2011"); }
TEST_CASE("NMODL vs NEURON: traub2005 on one compartment", "[nmodl][neuron]") { compare_folder("traub2005"); }
TEST_CASE("NMODL vs NEURON: nrn-examples on one compartment", "[nmodl][neuron]") { compare_folder("nrn-examples"); }

TEST_CASE("NMODL vs NEURON: files outside the comparison fail cleanly or load", "[nmodl][neuron]") {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    const auto protocols = load_protocols();
    for (const auto& entry: protocols["protocols"]) {
        if (entry["expected"] == "match") continue;
        const auto file = entry["file"].get<std::string>();
        DYNAMIC_SECTION(file) {
            INFO(entry["expected"].get<std::string>() << ": " << entry["reason"].get<std::string>());
            test::temp_folder folder;
            copy_mod(*data / "mod", entry, folder.path);
            mechanism_catalogue catalogue = builtin_catalogue();
            std::string message;
            bool failed = false;
            try {
                nmodl::add_mod_folder(catalogue, folder.path);
            } catch (const std::exception& e) {
                failed = true;
                message = e.what();
            }
            // "unsupported" must be refused; "not_compared" may load. A refusal names
            // the file and the line.
            if (entry["expected"] == "unsupported") CHECK(failed);
            if (failed) {
                INFO("message: " << message);
                const auto name = std::filesystem::path(file).filename().string();
                CHECK(std::regex_search(message, std::regex(std::regex_replace(name, std::regex(R"([.])"), R"(\.)") + ":[0-9]+")));
            }
        }
    }
}

namespace {

// Hay et al. 2011 (ModelDB 139653, L5PCbiophys3 with the optimised axonal and
// somatic values), with uniform densities per region: Ih and the apical calcium
// hot zone are not distributed by distance.
struct region_channels {
    int swc_type;
    double cm, g_pas;
    std::vector<std::pair<std::string, std::map<std::string, double>>> channels;
};

std::vector<region_channels> hay_regions() {
    return {
        {1, 1.0, 3.38e-5, {{"NaTs2_t", {{"gNaTs2_tbar", 0.983955}}}, {"SKv3_1", {{"gSKv3_1bar", 0.303472}}},
                           {"SK_E2", {{"gSK_E2bar", 0.008407}}}, {"Ca_HVA", {{"gCa_HVAbar", 0.000994}}},
                           {"Ca_LVAst", {{"gCa_LVAstbar", 0.000333}}}, {"CaDynamics_E2", {{"gamma", 0.000609}, {"decay", 210.485284}}},
                           {"Ih", {{"gIhbar", 0.0002}}}}},
        {2, 1.0, 3.25e-5, {{"NaTa_t", {{"gNaTa_tbar", 3.137968}}}, {"Nap_Et2", {{"gNap_Et2bar", 0.006827}}},
                           {"K_Tst", {{"gK_Tstbar", 0.089259}}}, {"K_Pst", {{"gK_Pstbar", 0.973538}}},
                           {"SKv3_1", {{"gSKv3_1bar", 1.021945}}}, {"SK_E2", {{"gSK_E2bar", 0.007104}}},
                           {"Ca_HVA", {{"gCa_HVAbar", 0.000990}}}, {"Ca_LVAst", {{"gCa_LVAstbar", 0.008752}}},
                           {"CaDynamics_E2", {{"gamma", 0.002910}, {"decay", 287.198731}}}}},
        {3, 2.0, 4.67e-5, {{"Ih", {{"gIhbar", 0.0002}}}}},
        {4, 2.0, 5.89e-5, {{"NaTs2_t", {{"gNaTs2_tbar", 0.026145}}}, {"SKv3_1", {{"gSKv3_1bar", 0.004226}}},
                           {"Im", {{"gImbar", 0.000143}}}, {"Ih", {{"gIhbar", 0.0002}}},
                           {"Ca_HVA", {{"gCa_HVAbar", 0.0000555}}}, {"Ca_LVAst", {{"gCa_LVAstbar", 0.000187}}},
                           {"SK_E2", {{"gSK_E2bar", 0.0012}}}, {"CaDynamics_E2", {{"gamma", 0.000509}, {"decay", 122}}}}},
    };
}

} // namespace

TEST_CASE("NMODL vs NEURON: Hay et al. 2011 channels on an L5 pyramidal cell", "[nmodl][neuron]") {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    if (!test::neuron_available()) CAJAL_SKIP("NEURON's Python module is not installed");
    test::temp_folder folder;
    for (const auto& f: std::filesystem::directory_iterator(*data / "mod" / "hay2011")) {
        if (f.path().extension() == ".mod") std::filesystem::copy_file(f.path(), folder.path / f.path().filename());
    }
    mechanism_catalogue catalogue = builtin_catalogue();
    nmodl::add_mod_folder(catalogue, folder.path);

    const auto swc = *data / "swc" / "allen_515570710_rbp4_L5.swc";
    test::cell_run m;
    m.morph = load_morphology(swc);
    // One segment per section keeps both runs short; the comparison needs no accuracy.
    m.segments.assign(m.morph.num_branches(), 1);
    m.properties = {1.0, 100.0, -80.0};
    m.celsius = 34.0;
    std::size_t soma = m.morph.num_branches();
    for (const auto& r: hay_regions()) {
        std::vector<branch_interval> region;
        for (std::size_t b = 0; b < m.morph.num_branches(); ++b) {
            if (m.morph.branch_at(b).type != r.swc_type) continue;
            region.push_back({b, 0, 1});
            if (r.swc_type == 1 && soma == m.morph.num_branches()) soma = b;
        }
        if (region.empty()) continue;
        if (r.cm != m.properties.cm) m.painted_properties.push_back({region, r.cm, std::nullopt});
        m.painted.push_back({region, "pas", {{"g", r.g_pas}, {"e", -90.0}}});
        for (const auto& [name, parameters]: r.channels) m.painted.push_back({region, name, constants(parameters)});
    }
    REQUIRE(soma < m.morph.num_branches());
    // NEURON's order (see mod_name): built-in pas first, then by file name, which
    // is the mechanism's name in hay2011.
    std::stable_sort(m.painted.begin(), m.painted.end(), [](const painted_mechanism& a, const painted_mechanism& b) {
        return std::pair(a.mechanism != "pas", a.mechanism + ".mod") < std::pair(b.mechanism != "pas", b.mechanism + ".mod");
    });
    m.ions["k"].reversal = -85;
    m.ions["na"].reversal = 50;
    apply_neuron_ion_rules(m, catalogue);
    const location middle{soma, 0.5};
    m.placed.push_back({"stim", middle, "IClamp", {{"del", 5.0}, {"dur", 40.0}, {"amp", 1.0}}});
    m.probes = {{"soma", middle, "v", 0}};
    m.detectors = {{"soma", middle, spike_threshold}};
    m.run = {50.0, 0.025, integration_method::backward_euler};

    test::neuron_options options;
    options.swc = swc;
    options.mod_dirs = {folder.path};
    const auto theirs = test::run_neuron(m, options);
    REQUIRE(theirs);
    const auto ours = test::simulate(m, catalogue);
    INFO("branches " << m.morph.num_branches());
    REQUIRE(test::crossings(theirs->t, theirs->v[0], spike_threshold).size() >= 2);   // the step makes it fire repeatedly
    REQUIRE(ours.traces[0].values.size() == theirs->v[0].size());
    compare_v(ours, *theirs, 0, true);
}
