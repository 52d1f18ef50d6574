// A network model file: cell templates, populations of them, spike sources,
// connection rules, probes of chosen cells.
#include <map>
#include <set>

#include <fmt/format.h>

#include "model_layouts.hpp"
#include "model_sections.hpp"
#include "network_sections.hpp"

namespace cajal::model_io {

namespace {

struct cell_entry {
    cell_model cell;
    model_paths::cell_entries entries;
    bool empty_selections_are_errors = false;
    std::string path;
    bool used = false;
};

class network_reader {
public:
    network_reader(model_file& out, model_paths& paths, const model_source& source): out_(out), paths_(paths), source_(source) {}

    void cells(const json_value& section) {
        for (const auto& [name, value]: section.members()) {
            auto& entry = cells_[name];
            entry.path = value.path();
            model_reading r{source_, entry.cell, out_.warnings, entry.entries};
            read_cell(value, r);
            entry.empty_selections_are_errors = r.empty.are_errors;
        }
        if (cells_.empty()) section.fail("a network needs at least one cell");
    }

    void populations(const json_value& section) {
        for (const json_value& entry: section.elements()) {
            const json_object obj(entry, {"name", "cell", "count", "spike_detector"});
            const json_value cell = obj.required("cell");
            const std::string name = cell.string();
            const auto it = cells_.find(name);
            if (it == cells_.end()) cell.fail(fmt::format("no cell is named '{}'; cells: {}", name, cell_names()));
            const json_value count = obj.required("count");
            cell_population p{obj.required("name").string(), it->second.cell, count.whole_number(), "", {}};
            if (p.count == 0) count.fail("a population has at least one member");
            if (const auto detector = obj.optional("spike_detector")) p.spike_detector = detector->string();
            members_.add(obj.required("name"), p.count, true, out_.model.populations.size());
            it->second.used = true;
            template_of_.push_back(name);
            paths_.population.push_back(entry.path());
            paths_.cell.push_back(it->second.path);
            paths_.entries.push_back(it->second.entries);
            out_.model.populations.push_back(std::move(p));
        }
        if (out_.model.populations.empty()) section.fail("a network needs at least one population");
    }

    void warn_unused(const json_value& section) {
        for (const auto& [name, entry]: cells_) {
            if (!entry.used) out_.warnings.push_back(section.located(fmt::format("warning: cell '{}' is in no population", name)));
        }
    }

    void sources(const std::optional<json_value>& section) {
        if (!section) return;
        for (const json_value& entry: section->elements()) {
            const json_object obj(entry, {"name", "count", "regular", "poisson", "times"});
            const json_value count = obj.required("count");
            source_population p{obj.required("name").string(), read_spike_source(obj), count.whole_number()};
            if (p.count == 0) count.fail("a population has at least one member");
            members_.add(obj.required("name"), p.count, false, out_.model.sources.size());
            paths_.source.push_back(entry.path());
            out_.model.sources.push_back(std::move(p));
        }
    }

    void connections(const std::optional<json_value>& section) {
        out_.model.connections = read_connections(section, members_);
        if (!section) return;
        for (const auto& entry: section->elements()) paths_.connection.push_back(entry.path());
    }

    void probes(const std::optional<json_value>& section) {
        if (!section) return;
        auto keys = probe_keys();
        keys.push_back("cell");
        for (const json_value& entry: section->elements()) {
            const json_object obj(entry, keys);
            const json_value cell = obj.required("cell");
            const member_range member = members_.one(cell);
            if (!member.population->cells) cell.fail(fmt::format("'{}' is a spike source, which has nothing to record", member.population->name));
            const auto& from = cells_.at(template_of_[member.population->index]);
            for (probe_spec& p: read_probe(obj, from.cell, {from.empty_selections_are_errors, &out_.warnings})) {
                p.gid = member.gids.begin;
                paths_.probe.push_back(entry.path());
                out_.model.probes.push_back(std::move(p));
            }
        }
    }

private:
    std::string cell_names() const {
        std::vector<std::string> names;
        for (const auto& [name, entry]: cells_) names.push_back(name);
        return join(names);
    }

    model_file& out_;
    model_paths& paths_;
    const model_source& source_;
    std::map<std::string, cell_entry> cells_;
    std::vector<std::string> template_of_;   // per cell population
    network_members members_;
};

} // namespace

void read_network_layout(const json_value& root, const model_source& source, model_file& out, model_paths& paths) {
    const json_object top(root, {"data_hint", "nmodl", "cells", "populations", "sources", "connections", "probes", "simulation"});
    read_nmodl_folders(top.optional("nmodl"), source, out.catalogue, out.notes);
    out.model.settings = read_simulation(top.optional("simulation"));
    network_reader reader(out, paths, source);
    const json_value cells = top.required("cells");
    reader.cells(cells);
    reader.populations(top.required("populations"));
    reader.warn_unused(cells);
    reader.sources(top.optional("sources"));
    reader.connections(top.optional("connections"));
    reader.probes(top.optional("probes"));
}

} // namespace cajal::model_io
