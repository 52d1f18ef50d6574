// The network model: gids, member names, spike senders, and a single cell as
// a network of one.
#include <cajal/core/network.hpp>

#include <string>

namespace cajal {

std::uint64_t network::num_cells() const noexcept {
    std::uint64_t n = 0;
    for (const auto& p: populations) n += p.count;
    return n;
}

std::uint64_t network::num_gids() const noexcept {
    std::uint64_t n = num_cells();
    for (const auto& s: sources) n += s.count;
    return n;
}

std::string network::member_name(std::uint64_t gid) const {
    std::uint64_t first = 0;
    for (const auto& p: populations) {
        if (gid < first + p.count) return p.name + "[" + std::to_string(gid - first) + "]";
        first += p.count;
    }
    for (const auto& s: sources) {
        if (gid < first + s.count) return s.name + "[" + std::to_string(gid - first) + "]";
        first += s.count;
    }
    return "gid " + std::to_string(gid);
}

std::map<std::string, ion_settings> default_ions() {
    // NEURON's defaults; eca is NEURON's value of the Nernst potential at 6.3 °C.
    return {{"na", {10.0, 140.0, 50.0, false, 1}}, {"k", {54.4, 2.5, -77.0, false, 1}}, {"ca", {5e-5, 2.0, 132.4579341637009, false, 2}}};
}

std::vector<std::string> spike_senders(const cell_model& cell, const mechanism_catalogue& catalogue) {
    std::vector<std::string> out;
    for (const auto& d: cell.detectors) out.push_back(d.name);
    for (const auto& p: cell.placed) {
        if (catalogue.contains(p.mechanism) && catalogue.get(p.mechanism).info.receives_events) out.push_back(p.label);
    }
    return out;
}

network single_cell_network(cell_model cell, const std::vector<cell_stimulus>& stimuli, std::vector<probe_spec> probes,
                            simulation_settings settings) {
    network net;
    net.populations.push_back({"cell", std::move(cell), 1, "", {}});
    for (std::size_t k = 0; k < stimuli.size(); ++k) {
        const auto& s = stimuli[k];
        net.sources.push_back({"stimulus" + std::to_string(k), s.source, 1});
        const gid_range source{1 + k, 2 + k};
        net.connections.push_back(ring_rule{source, {0, 1}, {s.target, s.weight, 0.0}, 0});
    }
    net.probes = std::move(probes);
    for (auto& p: net.probes) p.gid = 0;
    net.settings = settings;
    return net;
}

} // namespace cajal
