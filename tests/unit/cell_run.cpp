#include "cell_run.hpp"

#include <algorithm>

namespace cajal::test {

namespace {

simulation_settings settings_of(const cell_run& c) {
    simulation_settings s;
    s.tstop = c.run.tstop;
    s.dt = c.run.dt;
    s.method = c.run.method;
    s.backend = c.run.backend;
    s.celsius = c.celsius;
    s.timing = c.timing;
    return s;
}

probe_spec probe_of(const cell_run& cell, const cell_probe& p, std::uint64_t gid) {
    probe_spec spec;
    spec.gid = gid;
    spec.name = p.name;
    spec.variable = p.variable;
    spec.interval = p.interval;
    // LABEL.FIELD is read where the process sits; everything else at the location.
    const auto owner = p.variable.substr(0, p.variable.find('.'));
    const bool point_field = std::any_of(cell.placed.begin(), cell.placed.end(), [&](const placed_process& q) { return q.label == owner; });
    if (!point_field) spec.where = p.where;
    return spec;
}

} // namespace

network as_network(const std::vector<cell_run>& cells) {
    network net;
    net.settings = settings_of(cells.front());
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const auto& c = cells[k];
        net.populations.push_back({"cell" + std::to_string(k), static_cast<const cell_model&>(c), 1, "", {}});
        for (const auto& p: c.probes) {
            net.probes.push_back(probe_of(c, p, k));
            if (cells.size() > 1) net.probes.back().name += "[" + std::to_string(k) + "]";   // names are the network's
        }
    }
    for (std::size_t k = 0; k < cells.size(); ++k) {
        for (const auto& e: cells[k].events) {
            const std::uint64_t gid = cells.size() + net.sources.size();
            net.sources.push_back({"events" + std::to_string(net.sources.size()), explicit_spikes{e.times}, 1});
            net.connections.push_back(ring_rule{{gid, gid + 1}, {k, k + 1}, {e.target, e.weight, 0.0}, 0});
        }
    }
    return net;
}

network as_network(const cell_run& cell) { return as_network(std::vector<cell_run>{cell}); }

simulation_result simulate(const network& model, const mechanism_catalogue& catalogue) {
    const prepared_network prepared(model, catalogue);
    const auto comm = make_local_communicator();
    simulation sim(prepared, *comm);
    return sim.run();
}

simulation_result simulate(const cell_run& cell, const mechanism_catalogue& catalogue) { return simulate(as_network(cell), catalogue); }

simulation_result simulate(const std::vector<cell_run>& cells, const mechanism_catalogue& catalogue) {
    return simulate(as_network(cells), catalogue);
}

std::string sender_name(const cell_run& cell, const spike_record& spike, const mechanism_catalogue& catalogue) {
    return spike_senders(cell, catalogue).at(spike.sender);
}

std::vector<spike_record> cell_spikes(const simulation_result& result, std::uint64_t cells) {
    std::vector<spike_record> out;
    std::copy_if(result.spikes.begin(), result.spikes.end(), std::back_inserter(out), [&](const spike_record& s) { return s.gid < cells; });
    return out;
}

} // namespace cajal::test
