// Resolving a cell against the catalogue (see cell_template.hpp).
#include "cell_template.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

#include <cajal/kernels/nernst.hpp>
#include <cajal/morphology/labels.hpp>
#include <cajal/morphology/path_distance.hpp>

#include "number_text.hpp"
#include "region_index.hpp"

namespace cajal {

namespace {

std::string known_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n: names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

model_address at(model_address address, const std::string& item) {
    address.item = item;
    return address;
}

std::string indexed(const std::string& field, std::size_t i) { return field + "[" + std::to_string(i) + "]"; }

bool writes_concentration(const mechanism_info& info) {
    return std::any_of(info.ions.begin(), info.ions.end(), [](const ion_dependency& d) { return d.writes_internal || d.writes_external; });
}

// The mechanism of a painted or placed entry: known, and of the kind the entry takes.
const mechanism_info& checked_mechanism(const std::string& name, bool painted, const mechanism_catalogue& catalogue,
                                        const model_address& where) {
    if (!catalogue.contains(name)) throw model_error(where, "unknown mechanism '" + name + "'; known: " + known_list(catalogue.names()));
    const auto& info = catalogue.get(name).info;
    if (painted && info.kind != mechanism_kind::density) {
        throw model_error(where, name + " is a point process: place it, do not paint it");
    }
    if (!painted && info.kind == mechanism_kind::density) {
        throw model_error(where, name + " is a density mechanism: paint it, do not place it");
    }
    return info;
}

const field_info& checked_parameter(const std::string& name, const mechanism_info& info, const model_address& where) {
    const auto* f = info.find_parameter(name);
    if (!f) {
        std::vector<std::string> known;
        for (const auto& p: info.parameters) known.push_back(p.name);
        throw model_error(where, "unknown parameter of " + info.name + "; known: " + known_list(known));
    }
    return *f;
}

// `site`: where on the cell a varying value was evaluated ("" for a constant).
void check_value(double value, const field_info& f, const mechanism_info& info, const model_address& where, const std::string& site) {
    if (!std::isfinite(value)) throw model_error(where, "evaluates to " + number_text(value) + site);
    if (!f.in_range(value)) {
        throw model_error(where, number_text(value) + site + " is outside the range [" + number_text(f.lower) + ", " + number_text(f.upper) + "] of " +
                                     info.name + "." + f.name);
    }
}

void check_parameters(const std::map<std::string, double>& values, const mechanism_info& info, const model_address& entry,
                      const std::string& prefix) {
    for (const auto& [name, value]: values) {
        const auto where = at(entry, prefix + ".parameters." + name);
        check_value(value, checked_parameter(name, info, where), info, where, "");
    }
}

template_mechanism& slot(cell_template& t, std::size_t m, const mechanism_info& info) {
    auto it = std::lower_bound(t.mechanisms.begin(), t.mechanisms.end(), m, [](const template_mechanism& a, std::size_t b) { return a.mechanism < b; });
    if (it == t.mechanisms.end() || it->mechanism != m) {
        template_mechanism fresh;
        fresh.mechanism = m;
        fresh.fields.resize(info.num_instance_fields());
        it = t.mechanisms.insert(it, std::move(fresh));
    }
    return *it;
}

std::size_t add_instance(template_mechanism& tm, const mechanism_info& info, int cv, double scale) {
    tm.cv.push_back(cv);
    tm.scale.push_back(scale);
    std::size_t k = 0;
    for (const auto* group: {&info.parameters, &info.states, &info.assigned}) {
        for (const auto& f: *group) tm.fields[k++].push_back(f.default_value);
    }
    return tm.cv.size() - 1;
}

void set_parameters(template_mechanism& tm, const mechanism_info& info, std::size_t instance, const std::map<std::string, double>& values) {
    for (const auto& [name, value]: values) tm.fields[*info.instance_field_index(name)][instance] = value;
}

// Where painted values are evaluated: each CV's node, its path distance from
// the cell's origin measured as NEURON's distance() does (both ends snapped
// to their nodes), and its diameter.
class value_sites {
public:
    value_sites(const cell_model& cell, const discretization& disc, const model_address& address):
        disc_(disc), distances_(cell.morph, origin_node(cell, disc, address)) {}

    value_site at(std::size_t cv, evaluate_at where, double max_distance) const {
        const double d = distances_.at(disc_.node[cv].branch, x_of(cv, where));
        return {d, max_distance > 0 ? d / max_distance : 0.0, disc_.diameter[cv]};
    }

    // The largest distance in a region: at one end of each interval, since the
    // distance along a branch falls to its nearest point and rises after.
    double max_distance(const std::vector<branch_interval>& region) const {
        double m = 0;
        for (const auto& i: region) m = std::max({m, distances_.at(i.branch, i.x0), distances_.at(i.branch, i.x1)});
        return m;
    }

    std::string describe(std::size_t cv, evaluate_at where) const {
        return " at branch " + std::to_string(disc_.node[cv].branch) + ", x " + number_text(x_of(cv, where)) + " (distance " +
               number_text(at(cv, where, 0).distance) + " µm)";
    }

private:
    // The CV's node, or for hoc's for (x) the end of a branch's last segment.
    double x_of(std::size_t cv, evaluate_at where) const {
        const auto& node = disc_.node[cv];
        const bool last = cv + 1 == disc_.first_cv[node.branch] + static_cast<std::size_t>(disc_.segments[node.branch]);
        return where == evaluate_at::for_x && last ? 1.0 : node.x;
    }

    static location origin_node(const cell_model& cell, const discretization& disc, const model_address& address) {
        const location origin = cell.distance_origin.value_or(default_distance_origin(cell.morph));
        const auto& node = disc.node[location_cv(disc, origin, cajal::at(address, "distance_origin"))];
        // A branch's x = 0 end is its parent's node: measure from there, on the parent.
        return {node.branch, node.x};
    }

    const discretization& disc_;
    path_distance distances_;
};

void lower_cable(const cell_model& cell, const value_sites& sites, cell_template& t, const model_address& address) {
    const auto& disc = t.disc;
    const auto n = disc.size();
    std::vector<double> cm(n, cell.properties.cm), Ra(n, cell.properties.Ra);
    for (std::size_t k = 0; k < cell.painted_properties.size(); ++k) {
        const auto& p = cell.painted_properties[k];
        const region_index region(p.region);
        const double max_distance = p.cm && p.cm->uses_relative_distance() ? sites.max_distance(p.region) : 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!region.covers(disc.node[i])) continue;
            if (p.Ra) Ra[i] = *p.Ra;
            // End nodes have no membrane: their cm is never used.
            if (!p.cm || disc.area[i] <= 0) continue;
            cm[i] = p.cm->evaluate(sites.at(i, p.where, max_distance));
            if (!(std::isfinite(cm[i]) && cm[i] > 0)) {
                throw model_error(at(address, indexed("painted_properties", k) + ".cm"),
                                  "evaluates to " + number_text(cm[i]) + sites.describe(i, p.where) + "; cm must be positive");
            }
        }
    }
    t.capacitance.resize(n);
    t.axial.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        t.capacitance[i] = disc.capacitance[i] * 1e-3 * cm[i];   // pF to nF: nF·mV/ms = nA
        t.axial[i] = disc.axial_conductance[i] / Ra[i];
    }
    t.v_init = cell.properties.v_init;
}

// Ions a mechanism uses must be defined for the cell: na, k and ca are by default.
void check_ions(const mechanism_info& info, const cell_model& cell, const model_address& where) {
    for (const auto& dep: info.ions) {
        if (!cell.ions.count(dep.ion)) throw model_error(where, info.name + " uses ion '" + dep.ion + "', which the cell does not define (ions)");
    }
}

} // namespace

std::size_t location_cv(const discretization& disc, const location& where, const model_address& address) {
    try {
        return disc.cv_at(where.branch, where.x);
    } catch (const std::out_of_range&) {
        throw model_error(address, "location (branch " + std::to_string(where.branch) + ", x " + number_text(where.x) + ") is not on the cell, which has " +
                                       std::to_string(disc.segments.size()) + " branches");
    }
}

std::size_t mechanism_order::index_of(const std::string& mechanism) const {
    for (std::size_t i = 0; i < mechanisms.size(); ++i) {
        if (mechanisms[i]->info.name == mechanism) return i;
    }
    throw std::logic_error("mechanism '" + mechanism + "' is not in the network's order");
}

std::size_t mechanism_order::ion_index(const std::string& ion) const {
    const auto it = std::find(ions.begin(), ions.end(), ion);
    if (it == ions.end()) throw std::logic_error("ion '" + ion + "' is not in the network's order");
    return static_cast<std::size_t>(it - ions.begin());
}

mechanism_order order_mechanisms(const std::vector<std::string>& names, const std::vector<std::string>& cell_ions,
                                 const mechanism_catalogue& catalogue) {
    std::vector<std::string> unique(names);
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    std::vector<const mechanism_implementation*> writers, others;
    for (const auto& name: unique) {
        const auto& impl = catalogue.get(name);
        (writes_concentration(impl.info) ? writers : others).push_back(&impl);
    }
    auto by_position = [&](const mechanism_implementation* a, const mechanism_implementation* b) {
        return catalogue.position(a->info.name) < catalogue.position(b->info.name);
    };
    // NEURON moves each concentration writer, as it is registered, to the
    // front (after the ions): the last registered runs first.
    std::sort(writers.begin(), writers.end(), [&](auto a, auto b) { return by_position(b, a); });
    std::sort(others.begin(), others.end(), by_position);
    mechanism_order order;
    order.mechanisms = writers;
    order.mechanisms.insert(order.mechanisms.end(), others.begin(), others.end());
    std::set<std::string> ions(cell_ions.begin(), cell_ions.end());
    ions.insert({"na", "k", "ca"});
    for (const auto* m: order.mechanisms) {
        for (const auto& dep: m->info.ions) ions.insert(dep.ion);
    }
    order.ions.assign(ions.begin(), ions.end());
    return order;
}

std::optional<std::size_t> cell_template::slot_of(std::size_t m) const {
    for (std::size_t s = 0; s < mechanisms.size(); ++s) {
        if (mechanisms[s].mechanism == m) return s;
    }
    return std::nullopt;
}

cell_template make_cell_template(const cell_model& cell, const mechanism_order& order, const mechanism_catalogue& catalogue,
                                 const model_address& address) {
    if (cell.segments.size() != cell.morph.num_branches()) {
        throw model_error(at(address, "segments"), "gives " + std::to_string(cell.segments.size()) + " segment counts for " +
                                                       std::to_string(cell.morph.num_branches()) + " branches");
    }
    cell_template t;
    // Unit cm and Ra: the region values scale capacitance and conductance per CV.
    t.disc = discretize(cell.morph, cell.segments, 1.0, 1.0);
    const auto& disc = t.disc;
    const value_sites sites(cell, disc, address);
    lower_cable(cell, sites, t, address);
    for (const auto& ion: order.ions) {
        const auto it = cell.ions.find(ion);
        t.ions.push_back(it == cell.ions.end() ? template_ion{} : template_ion{it->second, true});
    }

    // Density mechanisms: one instance per CV with membrane; a later paint of
    // the same mechanism overrides parameters where regions overlap (as NEURON's insert).
    std::map<std::size_t, std::vector<std::ptrdiff_t>> instance_at;   // per mechanism: instance per CV, -1 none
    for (std::size_t i = 0; i < cell.painted.size(); ++i) {
        const auto& p = cell.painted[i];
        const auto entry = indexed("painted", i);
        const auto& info = checked_mechanism(p.mechanism, true, catalogue, at(address, entry + ".mechanism"));
        struct painted_value {
            std::size_t field;
            const field_info* info;
            const value_expression* value;
            model_address where;
            double max_distance;
        };
        std::vector<painted_value> values;
        for (const auto& [name, value]: p.parameters) {
            const auto where = at(address, entry + ".parameters." + name);
            const auto& f = checked_parameter(name, info, where);
            values.push_back({*info.instance_field_index(name), &f, &value, where, value.uses_relative_distance() ? sites.max_distance(p.region) : 0});
        }
        check_ions(info, cell, at(address, entry + ".mechanism"));
        const auto m = order.index_of(info.name);
        auto& tm = slot(t, m, info);
        auto& where = instance_at[m];
        if (where.empty()) where.assign(disc.size(), -1);
        const region_index region(p.region);
        for (std::size_t c = 0; c < disc.size(); ++c) {
            if (disc.area[c] <= 0 || !region.covers(disc.node[c])) continue;
            if (where[c] < 0) where[c] = static_cast<std::ptrdiff_t>(add_instance(tm, info, static_cast<int>(c), disc.area[c] * 1e-2));
            for (const auto& v: values) {
                const double x = v.value->evaluate(sites.at(c, p.where, v.max_distance));
                check_value(x, *v.info, info, v.where, v.value->is_constant() ? "" : sites.describe(c, p.where));
                tm.fields[v.field][static_cast<std::size_t>(where[c])] = x;
            }
        }
    }
    // Point processes: slots may shift as mechanisms are added, so labels are bound after.
    std::vector<std::pair<std::size_t, std::size_t>> placed;   // (mechanism, instance) per entry
    for (std::size_t i = 0; i < cell.placed.size(); ++i) {
        const auto& p = cell.placed[i];
        const auto entry = indexed("placed", i);
        if (p.label.empty() || p.label.find('.') != std::string::npos) {
            throw model_error(at(address, entry + ".label"), "label '" + p.label + "' must be non-empty and contain no '.' (probes read LABEL.FIELD)");
        }
        if (t.labels.count(p.label)) throw model_error(at(address, entry + ".label"), "label '" + p.label + "' is already used by another placed point process");
        if (catalogue.contains(p.label)) throw model_error(at(address, entry + ".label"), "label '" + p.label + "' is also a mechanism's name; choose another");
        const auto& info = checked_mechanism(p.mechanism, false, catalogue, at(address, entry + ".mechanism"));
        check_parameters(p.parameters, info, address, entry);
        check_ions(info, cell, at(address, entry + ".mechanism"));
        const auto cv = location_cv(disc, p.where, at(address, entry + ".location"));
        const auto m = order.index_of(info.name);
        auto& tm = slot(t, m, info);
        const auto instance = add_instance(tm, info, static_cast<int>(cv), 1.0);
        set_parameters(tm, info, instance, p.parameters);
        placed.emplace_back(m, instance);
        t.labels[p.label] = {};
    }
    for (std::size_t i = 0; i < cell.placed.size(); ++i) t.labels[cell.placed[i].label] = {*t.slot_of(placed[i].first), placed[i].second};

    std::set<std::string> detector_names;
    for (std::size_t i = 0; i < cell.detectors.size(); ++i) {
        const auto& d = cell.detectors[i];
        const auto entry = indexed("detectors", i);
        if (!detector_names.insert(d.name).second) throw model_error(at(address, entry + ".name"), "detector '" + d.name + "' is already defined");
        t.detectors.push_back({location_cv(disc, d.where, at(address, entry + ".location")), d.threshold});
        t.senders.push_back(d.name);
    }
    for (const auto& p: cell.placed) {
        if (catalogue.get(p.mechanism).info.receives_events) t.senders.push_back(p.label);
    }
    return t;
}

} // namespace cajal
