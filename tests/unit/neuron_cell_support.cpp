#include "neuron_cell_support.hpp"

#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "test_support.hpp"
#include "waveform_json.hpp"

namespace cajal::test {

namespace {

std::vector<std::size_t> whole_branches(const std::vector<branch_interval>& region, const char* what) {
    std::vector<std::size_t> sections;
    for (const auto& r: region) {
        if (r.x0 != 0 || r.x1 != 1) throw std::invalid_argument(std::string("neuron_model_json: paint ") + what + " on whole branches only");
        sections.push_back(r.branch);
    }
    return sections;
}

bool is_ion_variable(const cell_run& m, const std::string& field) {
    for (const auto& [ion, settings]: m.ions) {
        if (field == ion + "i" || field == ion + "o" || field == "e" + ion || field == "i" + ion) return true;
    }
    return false;
}

nlohmann::json probe_json(const cell_run& m, const cell_probe& p) {
    const nlohmann::json site = {{"section", p.where.branch}, {"x", p.where.x}};
    if (p.variable == "v") return site;
    const auto dot = p.variable.find('.');
    if (dot == std::string::npos) {
        // A segment's own variable: an ion's (ina, cai, ...), i_cap, or the membrane current, i_membrane_ in NEURON.
        auto j = site;
        j["variable"] = p.variable == "i_membrane" ? "i_membrane_" : p.variable;
        return j;
    }
    const auto owner = p.variable.substr(0, dot), field = p.variable.substr(dot + 1);
    for (const auto& placed: m.placed) {
        if (placed.label == owner) return {{"point", owner}, {"variable", field}};
    }
    auto j = site;
    j["variable"] = field;
    if (!is_ion_variable(m, field)) j["mechanism"] = owner;
    return j;
}

// A painted value: a number, or the formula and where it is evaluated, for
// neuron_cell.py to evaluate with NEURON's own distance() and seg.diam.
nlohmann::json value_json(const value_expression& v, evaluate_at where) {
    if (v.is_constant()) return v.evaluate({});
    return {{"formula", v.text()}, {"for_x", where == evaluate_at::for_x}};
}

nlohmann::json ions_json(const cell_run& m) {
    auto j = nlohmann::json::object();
    for (const auto& [ion, s]: m.ions) {
        j[ion] = {{"internal", s.internal}, {"external", s.external}};
        // NEURON decides itself where the Nernst equation applies (some mechanism there
        // reads or writes a concentration); the model must agree.
        if (!s.nernst) j[ion]["reversal"] = s.reversal;
    }
    return j;
}

} // namespace

nlohmann::json neuron_model_json(const cell_run& m, const neuron_options& options) {
    nlohmann::json j;
    j["cm"] = m.properties.cm;
    j["Ra"] = m.properties.Ra;
    j["v_init"] = m.properties.v_init;
    j["celsius"] = m.celsius;
    j["dt"] = m.run.dt;
    j["tstop"] = m.run.tstop;
    j["secondorder"] = options.secondorder;
    j["sample_every"] = options.sample_every;
    j["nseg"] = m.segments;
    if (options.swc) {
        j["swc"] = options.swc->string();
    } else {
        j["sections"] = nlohmann::json::array();
        for (const auto& b: m.morph.branches()) {
            nlohmann::json pts = nlohmann::json::array();
            for (const auto& p: b.points) pts.push_back({p.x, p.y, p.z, 2 * p.radius});
            j["sections"].push_back({{"parent", b.parent}, {"parent_x", b.parent_x}, {"points", pts}});
        }
    }
    if (!options.mod_dirs.empty()) {
        j["mod_dirs"] = nlohmann::json::array();
        for (const auto& d: options.mod_dirs) j["mod_dirs"].push_back(d.string());
    }
    j["ions"] = ions_json(m);
    if (m.distance_origin) j["distance_origin"] = {{"section", m.distance_origin->branch}, {"x", m.distance_origin->x}};
    if (!m.painted_properties.empty()) {
        std::vector<nlohmann::json> cm(m.morph.num_branches(), m.properties.cm);
        std::vector<double> Ra(m.morph.num_branches(), m.properties.Ra);
        for (const auto& p: m.painted_properties) {
            for (auto b: whole_branches(p.region, "cm and Ra")) {
                if (p.cm) cm[b] = value_json(*p.cm, p.where);
                if (p.Ra) Ra[b] = *p.Ra;
            }
        }
        j["section_cm"] = cm;
        j["section_Ra"] = Ra;
    }
    j["mechanisms"] = nlohmann::json::array();
    for (const auto& p: m.painted) {
        auto parameters = nlohmann::json::object();
        for (const auto& [name, value]: p.parameters) parameters[name] = value_json(value, p.where);
        j["mechanisms"].push_back({{"name", p.mechanism}, {"sections", whole_branches(p.region, "mechanisms")}, {"parameters", parameters}});
    }
    j["point_processes"] = nlohmann::json::array();
    for (const auto& p: m.placed) {
        j["point_processes"].push_back({{"label", p.label},
                                        {"name", p.mechanism},
                                        {"section", p.where.branch},
                                        {"x", p.where.x},
                                        {"parameters", p.parameters},
                                        {"play", play_json(p.play)}});
    }
    j["events"] = nlohmann::json::array();
    for (const auto& e: m.events) j["events"].push_back({{"target", e.target}, {"times", e.times}, {"weight", e.weight}});
    j["probes"] = nlohmann::json::array();
    for (const auto& p: m.probes) j["probes"].push_back(probe_json(m, p));
    return j;
}

std::optional<neuron_run> run_neuron(const cell_run& m, const neuron_options& options) {
    if (!neuron_available()) return std::nullopt;
    static int serial = 0;
    const auto path = std::filesystem::temp_directory_path() /
                      ("cajal_neuron_cell_" + std::to_string(::getpid()) + "_" + std::to_string(serial++) + ".json");
    {
        std::ofstream out(path);
        out << neuron_model_json(m, options);
    }
    std::optional<nlohmann::json> ref;
    try {
        ref = neuron_reference("neuron_cell.py", "'" + path.string() + "'");
    } catch (...) {
        std::filesystem::remove(path);
        throw;
    }
    std::filesystem::remove(path);
    if (!ref) return std::nullopt;
    neuron_run r;
    r.t = (*ref)["t"].get<std::vector<double>>();
    for (const auto& v: (*ref)["v"]) r.v.push_back(v.get<std::vector<double>>());
    return r;
}

std::optional<neuron_run> run_neuron(const cell_run& m, std::size_t sample_every, const std::optional<std::filesystem::path>& swc,
                                     int secondorder) {
    neuron_options options;
    options.sample_every = sample_every;
    options.swc = swc;
    options.secondorder = secondorder;
    return run_neuron(m, options);
}

std::vector<double> crossings(const std::vector<double>& t, const std::vector<double>& v, double threshold) {
    std::vector<double> out;
    for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i - 1] < threshold && v[i] >= threshold) out.push_back(t[i - 1] + (t[i] - t[i - 1]) * (threshold - v[i - 1]) / (v[i] - v[i - 1]));
    }
    return out;
}

} // namespace cajal::test
