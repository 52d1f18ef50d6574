// Reading a network model file: cell templates, populations, sources,
// connections, probes, simulation.
#include <cajal/io/network_file.hpp>

#include <list>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model_json.hpp"
#include "model_sections.hpp"
#include "network_sections.hpp"

namespace cajal {

namespace {

using namespace model_io;

std::vector<std::string> keys_of(const std::map<std::string, cell_model>& templates) {
    std::vector<std::string> out;
    for (const auto& [name, cell]: templates) out.push_back(name);
    return out;
}

// The simulation keys only a network has.
void read_network_simulation(const std::optional<json_value>& section, network_model& net) {
    if (!section) return;
    const json_object obj = json_object::peek(*section);   // keys checked by read_simulation
    if (const auto v = obj.optional("epoch")) net.epoch = v->positive_number();
    if (const auto v = obj.optional("spike_timing")) {
        const std::string timing = v->string();
        if (timing == "interpolated") {
            net.timing = spike_timing::interpolated;
        } else if (timing == "step_end") {
            net.timing = spike_timing::step_end;
        } else {
            v->fail(fmt::format("unknown spike timing '{}'; known: interpolated, step_end", timing));
        }
    }
}

class network_reader {
public:
    network_reader(network_file& result, const std::filesystem::path& base_dir): result_(result), base_dir_(base_dir) {}

    void templates(const json_value& section) {
        for (const auto& [name, value]: section.members()) {
            cell_model& cell = templates_[name];
            cell.run = result_.model.run;
            model_reading r{base_dir_, result_.catalogue, cell, result_.warnings};
            read_cell(value, r);
        }
        if (templates_.empty()) section.fail("a network needs at least one cell");
    }

    void populations(const json_value& section) {
        for (const json_value& entry: section.elements()) {
            const json_object obj(entry, {"name", "cell", "count", "spike_detector"});
            const json_value cell = obj.required("cell");
            const std::string name = cell.string();
            const auto it = templates_.find(name);
            if (it == templates_.end()) cell.fail(fmt::format("no cell is named '{}'; cells: {}", name, join(keys_of(templates_))));
            const json_value count = obj.required("count");
            cell_population p{obj.required("name").string(), it->second, count.whole_number(), ""};
            if (p.count == 0) count.fail("a population has at least one member");
            if (const auto detector = obj.optional("spike_detector")) {
                p.spike_detector = detector->string();
                const auto senders = spike_senders(p.cell, result_.catalogue);
                if (std::find(senders.begin(), senders.end(), p.spike_detector) == senders.end()) {
                    detector->fail(fmt::format("cell '{}' has no detector or point process taking events named '{}'; known: {}", name,
                                               p.spike_detector, senders.empty() ? "none" : join(senders)));
                }
            } else if (p.cell.detectors.empty()) {
                cell.fail(fmt::format("cell '{}' has no detector, so its cells could send no spikes; add one to cells.{}.detectors", name, name));
            }
            members_.add(obj.required("name"), p.count, true, result_.model.cells.size());
            template_of_.push_back(name);
            used_.insert(name);
            result_.model.cells.push_back(std::move(p));
        }
        if (result_.model.cells.empty()) section.fail("a network needs at least one population");
    }

    void warn_unused(const json_value& section) {
        for (const auto& [name, cell]: templates_) {
            if (!used_.count(name)) result_.warnings.push_back(section.located(fmt::format("cell '{}' is in no population", name)));
        }
    }

    void sources(const std::optional<json_value>& section) {
        if (!section) return;
        for (const json_value& entry: section->elements()) {
            const json_object obj(entry, {"name", "count", "regular", "poisson", "times"});
            const json_value count = obj.required("count");
            source_population p{obj.required("name").string(), read_spike_source(obj), count.whole_number()};
            if (p.count == 0) count.fail("a population has at least one member");
            members_.add(obj.required("name"), p.count, false, result_.model.sources.size());
            result_.model.sources.push_back(std::move(p));
        }
    }

    void connections(const std::optional<json_value>& section) {
        result_.model.connections = read_connections(section, members_, result_.model, result_.catalogue);
    }

    void probes(const std::optional<json_value>& section) {
        if (!section) return;
        std::vector<std::string_view> keys = probe_reader::keys();
        keys.push_back("cell");
        std::set<std::string> names;
        for (const json_value& entry: section->elements()) {
            const json_object obj(entry, keys);
            const json_value cell = obj.required("cell");
            const member_range member = members_.one(cell);
            if (!member.population->cells) cell.fail(fmt::format("'{}' is a spike source, which has nothing to record", member.population->name));
            probe_spec p = reader_for(template_of_[member.population->index]).read(obj);
            if (!names.insert(p.name).second) obj.required("name").fail(fmt::format("probe '{}' is already defined", p.name));
            result_.model.probes.push_back({member.gids.begin, std::move(p)});
        }
    }

private:
    probe_reader& reader_for(const std::string& name) {
        auto it = readers_.find(name);
        if (it == readers_.end()) {
            readings_.push_back({base_dir_, result_.catalogue, templates_.at(name), result_.warnings});
            it = readers_.emplace(name, probe_reader(readings_.back())).first;
        }
        return it->second;
    }

    network_file& result_;
    std::filesystem::path base_dir_;
    std::map<std::string, cell_model> templates_;
    std::set<std::string> used_;
    std::vector<std::string> template_of_;   // per cell population
    network_members members_;
    std::list<model_reading> readings_;      // stable: the readers refer to them
    std::map<std::string, probe_reader> readers_;
};

} // namespace

network_file parse_network_file(std::string_view text, const std::string& name, const std::filesystem::path& base_dir,
                                const mechanism_catalogue& catalogue) {
    const nlohmann::json doc = parse_json(text, name);
    network_file result;
    result.catalogue = catalogue;
    const json_value root(doc, "", name);
    const json_object top(root, {"nmodl", "cells", "populations", "sources", "connections", "probes", "simulation"});
    read_nmodl_folders(top.optional("nmodl"), base_dir, result.catalogue, result.notes);
    network_model& net = result.model;
    net.run = read_simulation(top.optional("simulation"), {"epoch", "spike_timing"});
    read_network_simulation(top.optional("simulation"), net);

    network_reader reader(result, base_dir);
    const json_value cells = top.required("cells");
    reader.templates(cells);
    reader.populations(top.required("populations"));
    reader.warn_unused(cells);
    reader.sources(top.optional("sources"));
    reader.connections(top.optional("connections"));
    if (net.epoch > 0) {
        const double delay = min_delay(net.connections);
        if (net.epoch > delay) {
            top.required("simulation").fail(fmt::format("epoch {} ms is longer than the minimum connection delay, {} ms", format_number(net.epoch),
                                                        format_number(delay)));
        }
    }
    reader.probes(top.optional("probes"));
    std::vector<const probe_spec*> probes;
    for (const auto& p: net.probes) probes.push_back(&p.probe);
    check_run_size(top, net.run, probes);
    return result;
}

network_file read_network_file(const std::filesystem::path& path, const mechanism_catalogue& catalogue) {
    return parse_network_file(model_io::read_text(path), path.string(), path.parent_path(), catalogue);
}

bool is_network_file(const std::filesystem::path& path) {
    try {
        const nlohmann::json doc = model_io::parse_json(model_io::read_text(path), path.string());
        return doc.is_object() && doc.contains("populations");
    } catch (const model_file_error&) {
        return false;
    }
}

std::string member_name(const network_model& model, std::uint64_t gid) {
    std::uint64_t first = 0;
    for (const auto& p: model.cells) {
        if (gid < first + p.count) return fmt::format("{}[{}]", p.name, gid - first);
        first += p.count;
    }
    for (const auto& p: model.sources) {
        if (gid < first + p.count) return fmt::format("{}[{}]", p.name, gid - first);
        first += p.count;
    }
    return fmt::format("gid {}", gid);
}

} // namespace cajal
