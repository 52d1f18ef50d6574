// Preparing a network: every check a simulation needs, made once, each fault
// a model_error with the address of the part at fault.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>

#include <cajal/core/prepared_network.hpp>

#include "label_groups.hpp"
#include "number_text.hpp"
#include "prepared_network_impl.hpp"

namespace cajal {

namespace {

using part = model_address::part;

model_address address(part where, std::size_t index, std::string item = {}) { return {where, index, std::move(item)}; }

// At most 2^53 steps: every step count is exact in a double.
constexpr double max_steps = 9007199254740992.0;

std::uint64_t check_settings(const simulation_settings& s) {
    if (!std::isfinite(s.dt) || s.dt <= 0) throw model_error(address(part::settings, 0, "dt"), "dt must be positive, not " + number_text(s.dt) + " ms");
    if (!std::isfinite(s.tstop) || s.tstop < 0) throw model_error(address(part::settings, 0, "tstop"), "tstop must not be negative, not " + number_text(s.tstop) + " ms");
    const double ratio = s.tstop / s.dt;
    if (ratio > max_steps) {
        throw model_error(address(part::settings, 0, "tstop"), "tstop/dt is " + number_text(ratio) + " steps; at most 2^53 can be counted");
    }
    const double whole = std::round(ratio);
    if (std::fabs(ratio - whole) > 1e-9 * std::max(1.0, ratio)) {
        const double below = std::floor(ratio) * s.dt, above = std::ceil(ratio) * s.dt;
        throw model_error(address(part::settings, 0, "tstop"),
                          "tstop = " + number_text(s.tstop) + " ms is not a whole number of steps of dt = " + number_text(s.dt) + " ms (" +
                              number_text(ratio) + " steps); make it " + number_text(below) + " or " + number_text(above) + " ms, or change dt");
    }
    if (!(s.celsius > -273.15) || !std::isfinite(s.celsius)) {
        throw model_error(address(part::settings, 0, "celsius"), number_text(s.celsius) + " °C is not above absolute zero");
    }
    if (!std::isfinite(s.epoch) || s.epoch < 0) throw model_error(address(part::settings, 0, "epoch"), "epoch must not be negative");
    return static_cast<std::uint64_t>(whole);
}

void check_names(const network& net) {
    std::set<std::string> names;
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
        const auto& pop = net.populations[p];
        if (pop.name.empty() || !names.insert(pop.name).second) {
            throw model_error(address(part::population, p, "name"), "population name '" + pop.name + "' is empty or already used");
        }
        if (pop.count == 0) throw model_error(address(part::population, p, "count"), "a population has at least one member");
    }
    for (std::size_t s = 0; s < net.sources.size(); ++s) {
        const auto& src = net.sources[s];
        if (src.name.empty() || !names.insert(src.name).second) {
            throw model_error(address(part::source, s, "name"), "population name '" + src.name + "' is empty or already used");
        }
        if (src.count == 0) throw model_error(address(part::source, s, "count"), "a population has at least one member");
        try {
            validate(src.spec);
        } catch (const std::invalid_argument& e) {
            throw model_error(address(part::source, s), e.what());
        }
    }
}

std::vector<std::string> mechanism_names(const network& net, const mechanism_catalogue& catalogue) {
    std::vector<std::string> names;
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
        const auto& cell = net.populations[p].cell;
        auto check = [&](const std::string& name, const std::string& item) {
            if (!catalogue.contains(name)) {
                std::string known;
                for (const auto& n: catalogue.names()) known += (known.empty() ? "" : ", ") + n;
                throw model_error(address(part::cell, p, item), "unknown mechanism '" + name + "'; known: " + known);
            }
            names.push_back(name);
        };
        for (std::size_t i = 0; i < cell.painted.size(); ++i) check(cell.painted[i].mechanism, "painted[" + std::to_string(i) + "].mechanism");
        for (std::size_t i = 0; i < cell.placed.size(); ++i) check(cell.placed[i].mechanism, "placed[" + std::to_string(i) + "].mechanism");
    }
    return names;
}

std::vector<std::string> cell_ions(const network& net) {
    std::vector<std::string> ions;
    for (const auto& p: net.populations) {
        for (const auto& [name, settings]: p.cell.ions) ions.push_back(name);
    }
    return ions;
}

std::optional<std::uint32_t> spike_sender_of(const cell_population& pop, const cell_template& t, std::size_t index) {
    if (pop.spike_detector.empty()) {
        if (t.detectors.empty()) return std::nullopt;
        return 0;
    }
    const auto it = std::find(t.senders.begin(), t.senders.end(), pop.spike_detector);
    if (it == t.senders.end()) {
        std::string known;
        for (const auto& n: t.senders) known += (known.empty() ? "" : ", ") + n;
        throw model_error(address(part::population, index, "spike_detector"),
                          "'" + pop.spike_detector + "' is neither a detector of the cell nor a point process of it that takes events; known: " +
                              (known.empty() ? "none" : known));
    }
    return static_cast<std::uint32_t>(it - t.senders.begin());
}

class connection_checker {
public:
    connection_checker(const prepared_network::impl& n): n_(n), cells_(n.model.num_cells()), gids_(n.model.num_gids()) {}

    void check(std::size_t k) {
        const auto& rule = n_.model.connections[k];
        if (const auto* list = std::get_if<connection_list>(&rule)) {
            const auto& all = list->connections();
            for (std::size_t i = 0; i < all.size(); ++i) {
                const auto& c = all[i];
                const std::string item = "connections[" + std::to_string(i) + "]";
                check_range({c.source, c.source + 1}, {c.target, c.target + 1}, k, item + ".source", item + ".target");
                check_synapse(c.synapse, {c.target, c.target + 1}, k, item + ".synapse");
                check_delay(c.delay, {c.source, c.source + 1}, k, item + ".delay");
            }
            return;
        }
        std::visit(
            [&](const auto& r) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(r)>, connection_list>) {
                    check_range(r.sources, r.targets, k, "sources", "targets");
                    check_synapse(r.properties.synapse, r.targets, k, "synapse");
                    check_delay(r.properties.delay, r.sources, k, "delay");
                }
            },
            rule);
    }

private:
    void check_range(const gid_range& sources, const gid_range& targets, std::size_t k, const std::string& source_item,
                     const std::string& target_item) const {
        if (sources.end > gids_) {
            throw model_error(address(part::connection, k, source_item), "sources reach gid " + std::to_string(sources.end - 1) + "; the network has " +
                                                                             std::to_string(gids_) + " gids");
        }
        if (targets.end > cells_) {
            throw model_error(address(part::connection, k, target_item), "targets reach gid " + std::to_string(targets.end - 1) +
                                                                             ", which is not a cell (the network has " + std::to_string(cells_) + " cells)");
        }
        for (std::size_t p = 0; p < n_.templates.size(); ++p) {
            if (!overlaps(p, sources) || n_.spike_sender[p]) continue;
            throw model_error(address(part::connection, k, source_item),
                              "population '" + n_.model.populations[p].name + "' sends spikes here, but its cell has no detector (or spike_detector)");
        }
    }

    void check_synapse(const std::string& label, const gid_range& targets, std::size_t k, const std::string& item) const {
        for (std::size_t p = 0; p < n_.templates.size(); ++p) {
            if (!overlaps(p, targets)) continue;
            const auto& t = n_.templates[p];
            const auto named = labels_named(t.labels, label);
            const auto& pop = n_.model.populations[p].name;
            if (named.empty()) {
                throw model_error(address(part::connection, k, item), "the cell of population '" + pop + "' places no point process labelled '" + label +
                                                                          "'; labels: " + label_list(n_.model.populations[p].cell.placed));
            }
            for (const auto& it: named) {
                const auto& info = n_.order.mechanisms[t.mechanisms[it->second.slot].mechanism]->info;
                if (!info.receives_events) {
                    throw model_error(address(part::connection, k, item), "'" + it->first + "' of population '" + pop + "' is a " + info.name + ", which takes no events");
                }
            }
        }
    }

    void check_delay(double delay, const gid_range& sources, std::size_t k, const std::string& item) const {
        const double dt = n_.model.settings.dt;
        if (sources.begin < cells_ && delay < dt * (1 - 1e-9)) {
            throw model_error(address(part::connection, k, item), "a connection from a cell needs a delay of at least dt = " + number_text(dt) + " ms, not " +
                                                                      number_text(delay) + " ms");
        }
    }

    bool overlaps(std::size_t p, const gid_range& r) const {
        const auto begin = n_.first_gid[p], end = begin + n_.model.populations[p].count;
        return std::max(begin, r.begin) < std::min(end, r.end);
    }

    const prepared_network::impl& n_;
    std::uint64_t cells_, gids_;
};

} // namespace

std::size_t prepared_network::impl::population_of(std::uint64_t gid) const {
    const auto it = std::upper_bound(first_gid.begin(), first_gid.end(), gid);
    return static_cast<std::size_t>(it - first_gid.begin()) - 1;
}

prepared_network::prepared_network(network model, const mechanism_catalogue& catalogue) {
    auto n = std::make_shared<impl>();
    n->model = std::move(model);
    n->catalogue = catalogue;
    const auto& net = n->model;
    n->steps = check_settings(net.settings);
    check_names(net);
    n->order = order_mechanisms(mechanism_names(net, catalogue), cell_ions(net), catalogue);
    std::uint64_t first = 0;
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
        const auto& pop = net.populations[p];
        n->templates.push_back(make_cell_template(pop.cell, n->order, catalogue, address(part::cell, p)));
        n->plays.push_back(resolve_plays(pop.cell, n->templates.back(), n->order, address(part::cell, p)));
        n->member_changes.push_back(resolve_member_changes(pop, n->templates.back(), n->order, address(part::population, p)));
        n->spike_sender.push_back(spike_sender_of(pop, n->templates.back(), p));
        n->first_gid.push_back(first);
        first += pop.count;
    }
    for (std::size_t k = 0; k < net.connections.size(); ++k) {
        try {
            validate(std::vector<connection_rule>{net.connections[k]});
        } catch (const std::invalid_argument& e) {
            std::string message = e.what();
            // "connection rule 0 (ring): problem": the address names the rule.
            if (const auto colon = message.find("): "); colon != std::string::npos) message = message.substr(colon + 3);
            throw model_error(address(part::connection, k), message);
        }
    }
    connection_checker connections(*n);
    for (std::size_t k = 0; k < net.connections.size(); ++k) connections.check(k);
    n->min_cell_delay = min_delay(net.connections, {0, net.num_cells()});
    if (net.settings.epoch > n->min_cell_delay) {
        throw model_error(address(part::settings, 0, "epoch"), "epoch " + number_text(net.settings.epoch) + " ms is longer than the minimum delay of connections from cells, " +
                                                                   number_text(n->min_cell_delay) + " ms");
    }
    std::set<std::string> probe_names;
    for (std::size_t k = 0; k < net.probes.size(); ++k) {
        if (!probe_names.insert(net.probes[k].name).second || net.probes[k].name.empty()) {
            throw model_error(address(part::probe, k, "name"), "probe name '" + net.probes[k].name + "' is empty or already used");
        }
        n->probes.push_back(resolve_probe(*n, k));   // probe_resolution.cpp
    }
    impl_ = std::move(n);
}

const network& prepared_network::model() const noexcept { return impl_->model; }
const mechanism_catalogue& prepared_network::catalogue() const noexcept { return impl_->catalogue; }

} // namespace cajal
