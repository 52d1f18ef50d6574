#include "gating_vshift_cases.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <cajal/nmodl/folder_loader.hpp>

#include "test_support.hpp"

namespace cajal::test::vshift {

namespace {

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The gate is a Boltzmann function; the current is gbar·n·gate(v)·(v - e), n
// relaxing to gate(v) with tau. `@GATE_V@` is the voltage INITIAL and
// DERIVATIVE pass to the gate, `@SHIFT@` the declaration of vshift.
constexpr const char* shared_gate_template = R"(
NEURON {
    SUFFIX @NAME@
    NONSPECIFIC_CURRENT i
    RANGE gbar, e@RANGE@
}
UNITS { (mV) = (millivolt) (mA) = (milliamp) (S) = (siemens) }
PARAMETER {
    gbar = 0.005 (S/cm2)
    e = -85 (mV)
    tau = 4 (ms)@SHIFT@
}
ASSIGNED { v (mV) i (mA/cm2) }
STATE { n }
BREAKPOINT {
    SOLVE states METHOD cnexp
    i = gbar * n * gate(v) * (v - e)
}
INITIAL { n = gate(@GATE_V@) }
DERIVATIVE states { n' = (gate(@GATE_V@) - n) / tau }
FUNCTION gate(v (mV)) {
    TABLE FROM -100 TO 100 WITH 200
    gate = 1 / (1 + exp(-(v + 40) / 8))
}
)";

std::string shared_gate_text(const std::string& name, bool edited) {
    auto text = replaced(shared_gate_template, "@NAME@", name, 1);
    text = replaced(text, "@RANGE@", edited ? ", vshift" : "", 1);
    text = replaced(text, "@SHIFT@", edited ? "\n    vshift = 0 (mV)" : "", 1);
    return replaced(text, "@GATE_V@", edited ? "v - vshift" : "v", 2);
}

} // namespace

std::string replaced(const std::string& text, const std::string& from, const std::string& to, std::size_t count) {
    std::string out;
    std::size_t found = 0, at = 0;
    for (auto next = text.find(from); next != std::string::npos; next = text.find(from, at)) {
        out += text.substr(at, next - at) + to;
        at = next + from.size();
        ++found;
    }
    if (found != count) {
        throw std::runtime_error("hand edit: '" + from + "' occurs " + std::to_string(found) + " time(s), not " + std::to_string(count));
    }
    return out + text.substr(at);
}

mod_pair hh() {
    mod_pair p{"hh.mod", "hh", read_text(source_dir() / "mechanisms" / "mod" / "hh.mod"), "hh_vshift", ""};
    auto text = replaced(p.original, "SUFFIX hh\n", "SUFFIX hh_vshift\n", 1);
    text = replaced(text, "RANGE gnabar, gkbar, gl, el, gna, gk\n", "RANGE gnabar, gkbar, gl, el, gna, gk, vshift\n", 1);
    text = replaced(text, "    el = -54.3 (mV)\n", "    el = -54.3 (mV)\n    vshift = 0 (mV)\n", 1);
    p.hand_edited = replaced(text, "    rates(v)\n", "    rates(v - vshift)\n", 2);   // INITIAL, DERIVATIVE
    return p;
}

mod_pair nata(const std::filesystem::path& hay2011) {
    mod_pair p{"NaTa_t.mod", "NaTa_t", read_text(hay2011 / "NaTa_t.mod"), "NaTa_t", ""};
    auto text = replaced(p.original, "RANGE gNaTa_tbar, gNaTa_t, ina\n", "RANGE gNaTa_tbar, gNaTa_t, ina, vshift\n", 1);
    text = replaced(text, "gNaTa_tbar = 0.00001 (S/cm2)\n", "gNaTa_tbar = 0.00001 (S/cm2)\n\tvshift = 0 (mV)\n", 1);
    text = replaced(text, "PROCEDURE rates(){", "PROCEDURE rates(v (mV)){", 1);
    p.hand_edited = replaced(text, "rates()", "rates(v - vshift)", 2);   // INITIAL, DERIVATIVE
    return p;
}

mod_pair shared_gate() {
    return {"shgate.mod", "shgate", shared_gate_text("shgate", false), "shgate", shared_gate_text("shgate", true)};
}

cell_run one_compartment(const std::vector<channel>& channels, double celsius, double amp) {
    cell_run m;
    branch soma;
    soma.type = 1;
    soma.points = {{-10, 0, 0, 10}, {10, 0, 0, 10}};
    m.morph = morphology({soma}, {}, {});
    m.segments = {1};
    m.properties = {1.0, 100.0, -70.0};
    m.celsius = celsius;
    const std::vector<branch_interval> all = {{0, 0, 1}};
    const location middle{0, 0.5};
    m.painted.push_back({all, "pas", {{"g", 1e-4}, {"e", -70.0}}});
    for (const auto& c: channels) {
        std::map<std::string, value_expression> values;
        for (const auto& [name, value]: c.parameters) values.emplace(name, value);
        m.painted.push_back({all, c.mechanism, values});
    }
    m.ions["na"].reversal = 50;
    m.ions["k"].reversal = -85;
    m.placed.push_back({"clamp", middle, "IClamp", {{"del", 5.0}, {"dur", 30.0}, {"amp", amp}}});
    m.probes.push_back({"v", middle, "v", 0});
    m.detectors.push_back({"soma", middle, -10.0});
    m.run = {50.0, 0.025, integration_method::backward_euler};
    return m;
}

std::vector<setup> setups(const std::filesystem::path& hay2011) {
    return {
        {hh(), {}, {}, 6.3, 0.1, true},
        {nata(hay2011), {{"gNaTa_tbar", 1.0}}, {{"SKv3_1", {{"gSKv3_1bar", 0.5}}}}, 34, 0.2, true},
        {shared_gate(), {}, {}, 6.3, 0.1, false},
    };
}

void write_files(const setup& s, const std::filesystem::path& hay2011, const std::filesystem::path& folder, bool hand_edited) {
    const auto& text = hand_edited ? s.mod.hand_edited : s.mod.original;
    const auto& mechanism = hand_edited ? s.mod.edited_mechanism : s.mod.mechanism;
    if (!builtin_catalogue().contains(mechanism)) std::ofstream(folder / s.mod.file_name, std::ios::binary) << text;
    for (const auto& c: s.others) {
        if (!builtin_catalogue().contains(c.mechanism)) std::filesystem::copy_file(hay2011 / (c.mechanism + ".mod"), folder / (c.mechanism + ".mod"));
    }
}

mechanism_catalogue catalogue_of(const std::filesystem::path& folder) {
    mechanism_catalogue catalogue = builtin_catalogue();
    if (!std::filesystem::is_empty(folder)) nmodl::add_mod_folder(catalogue, folder);
    return catalogue;
}

cell_run setup_cell(const setup& s, const std::string& mechanism, const std::string& shift_name, double shift) {
    auto channels = s.others;
    auto parameters = s.parameters;
    parameters[shift_name] = shift;
    channels.push_back({mechanism, parameters});
    return one_compartment(channels, s.celsius, s.amp);
}

} // namespace cajal::test::vshift
