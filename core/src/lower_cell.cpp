// Lowering a cell_model to flat arrays (see lowered_cell.hpp).
#include "lowered_cell.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <cajal/core/simulation.hpp>
#include <cajal/kernels/nernst.hpp>

namespace cajal {

mechanism_view mechanism_instances::view(const double* v, double* current, double* conductance, double t, double dt,
                                         double celsius, event_request_buffer requests) const {
    mechanism_view p;
    p.width = cv.size();
    p.cv = cv.data();
    p.scale = scale.data();
    p.v = v;
    p.current = current;
    p.conductance = conductance;
    p.t = t;
    p.dt = dt;
    p.celsius = celsius;
    p.globals = globals.data();
    p.fields = field_data.data();
    p.ions = ions.data();
    p.requests = requests;
    p.area = area;
    p.diam = diam;
    p.connection_args = connection_args.empty() ? nullptr : connection_args.data();
    return p;
}

int mechanism_instances::connect(std::size_t instance, double weight) {
    const int row = static_cast<int>(connections.size());
    mechanism_event c;
    c.instance = static_cast<int>(instance);
    c.connection = row;
    connections.push_back(c);
    connection_weights.push_back(weight);
    connection_args.resize(connections.size() * impl->info.net_receive_arguments, 0.0);
    return row;
}

void mechanism_instances::reset_connections() {
    const std::size_t n = impl->info.net_receive_arguments;
    std::fill(connection_args.begin(), connection_args.end(), 0.0);
    for (std::size_t r = 0; r < connection_weights.size(); ++r) connection_args[r * n] = connection_weights[r];
}

namespace {

bool covers(const std::vector<branch_interval>& region, const cv_node& node) {
    return std::any_of(region.begin(), region.end(),
                       [&](const branch_interval& r) { return r.branch == node.branch && node.x >= r.x0 && node.x <= r.x1; });
}

// Per-CV capacitance and axial conductance with region overrides of cm and Ra.
// A CV's membrane and its path to the parent lie on the branch of its node.
void lower_cable(const cell_model& model, const discretization& unit, std::size_t base, lowered_cell& cell) {
    const auto n = unit.size();
    cell.parent.resize(base + n);
    cell.capacitance.resize(base + n);
    cell.axial.resize(base + n);
    for (std::size_t i = 0; i < n; ++i) {
        cell.parent[base + i] = unit.parent[i] < 0 ? -1 : unit.parent[i] + static_cast<std::ptrdiff_t>(base);
        double cm = model.properties.cm, Ra = model.properties.Ra;
        for (const auto& p: model.painted_properties) {
            if (!covers(p.region, unit.node[i])) continue;
            if (p.cm) cm = *p.cm;
            if (p.Ra) Ra = *p.Ra;
        }
        cell.capacitance[base + i] = unit.capacitance[i] * 1e-3 * cm;  // pF to nF: nF·mV/ms = nA
        cell.axial[base + i] = unit.axial_conductance[i] / Ra;
    }
    cell.v.resize(base + n, model.properties.v_init);
    cell.v_init.resize(base + n, model.properties.v_init);
    cell.i_membrane.resize(base + n, 0.0);
    cell.g_membrane.resize(base + n, 0.0);
}

double nernst(const ion_settings& ion, double celsius) { return kernels::nernst(ion.internal, ion.external, ion.valence, celsius); }

// Every cell of a group defines the same ions; each fills its own CVs.
void lower_ions(const cell_model& model, std::size_t base, std::size_t n, lowered_cell& cell) {
    if (cell.ions.empty()) {
        for (const auto& [name, settings]: model.ions) {
            ion_state ion;
            ion.name = name;
            ion.settings = settings;
            cell.ions.push_back(std::move(ion));
        }
    }
    if (model.ions.size() != cell.ions.size()) throw model_error("the cells of a group must define the same ions");
    for (auto& ion: cell.ions) {
        auto it = model.ions.find(ion.name);
        if (it == model.ions.end()) throw model_error("the cells of a group must define the same ions; one lacks '" + ion.name + "'");
        const auto& settings = it->second;
        ion.current.resize(base + n, 0.0);
        ion.conductance.resize(base + n, 0.0);
        ion.internal.resize(base + n, settings.internal);
        ion.external.resize(base + n, settings.external);
        ion.reversal.resize(base + n, settings.nernst ? nernst(settings, model.properties.celsius) : settings.reversal);
    }
}

} // namespace

void ion_state::reset_concentrations() {
    // Copied in place: mechanism views hold pointers into these arrays.
    std::copy(internal_initial.begin(), internal_initial.end(), internal.begin());
    std::copy(external_initial.begin(), external_initial.end(), external.begin());
}

void ion_state::update_reversal(double celsius) {
    for (std::size_t i = 0; i < reversal.size(); ++i) reversal[i] = kernels::nernst(internal[i], external[i], settings.valence, celsius);
}

namespace {

mechanism_instances make_instances(const mechanism_implementation& impl) {
    mechanism_instances m;
    m.impl = &impl;
    m.fields.resize(impl.info.num_instance_fields());
    for (const auto& g: impl.info.globals) m.globals.push_back(g.default_value);
    return m;
}

std::size_t add_instance(mechanism_instances& m, int cv, double scale) {
    m.cv.push_back(cv);
    m.scale.push_back(scale);
    const auto& info = m.impl->info;
    std::size_t k = 0;
    for (const auto* group: {&info.parameters, &info.states, &info.assigned}) {
        for (const auto& f: *group) m.fields[k++].push_back(f.default_value);
    }
    return m.cv.size() - 1;
}

void set_parameters(mechanism_instances& m, std::size_t instance, const std::map<std::string, double>& values) {
    const auto& info = m.impl->info;
    for (const auto& [name, value]: values) {
        const auto* f = info.find_parameter(name);
        if (!f) throw model_error("unknown parameter '" + name + "' of " + info.name);
        if (!f->in_range(value)) {
            throw model_error("parameter " + info.name + "." + name + " = " + std::to_string(value) + " is outside its range [" +
                              std::to_string(f->lower) + ", " + std::to_string(f->upper) + "]");
        }
        m.fields[*info.instance_field_index(name)][instance] = value;
    }
}

const mechanism_implementation& find_kind(const mechanism_catalogue& catalogue, const std::string& name, mechanism_kind kind) {
    const auto& impl = catalogue.get(name);
    if (impl.info.kind != kind) {
        throw model_error("mechanism '" + name + (kind == mechanism_kind::density ? "' is a point process: place it, do not paint it"
                                                                                   : "' is a density mechanism: paint it, do not place it"));
    }
    return impl;
}

// Density mechanisms: one instance per CV with membrane, a later paint of the
// same mechanism overriding parameters where regions overlap (as NEURON's insert).
void lower_painted(const cell_model& model, const mechanism_catalogue& catalogue, const discretization& disc, std::size_t base,
                   lowered_cell& cell, std::map<std::string, std::size_t>& index_of) {
    std::map<std::string, std::vector<std::ptrdiff_t>> instance_at;   // per mechanism: instance per CV of this cell, -1 none
    for (const auto& p: model.painted) {
        const auto& impl = find_kind(catalogue, p.mechanism, mechanism_kind::density);
        if (!index_of.count(p.mechanism)) {
            index_of[p.mechanism] = cell.mechanisms.size();
            cell.mechanisms.push_back(make_instances(impl));
        }
        auto& m = cell.mechanisms[index_of[p.mechanism]];
        auto& at = instance_at[p.mechanism];
        if (at.empty()) at.assign(disc.size(), -1);
        for (std::size_t i = 0; i < disc.size(); ++i) {
            if (disc.area[i] <= 0 || !covers(p.region, disc.node[i])) continue;
            if (at[i] < 0) at[i] = static_cast<std::ptrdiff_t>(add_instance(m, static_cast<int>(base + i), disc.area[i] * 1e-2));
            set_parameters(m, static_cast<std::size_t>(at[i]), p.parameters);
        }
    }
}

std::map<std::string, placement> lower_placed(const cell_model& model, const mechanism_catalogue& catalogue, const discretization& disc,
                                              std::size_t base, lowered_cell& cell, std::map<std::string, std::size_t>& index_of) {
    std::map<std::string, placement> by_label;
    for (const auto& p: model.placed) {
        const auto& impl = find_kind(catalogue, p.mechanism, mechanism_kind::point_process);
        if (by_label.count(p.label)) throw model_error("two point processes are labelled '" + p.label + "'");
        if (!index_of.count(p.mechanism)) {
            index_of[p.mechanism] = cell.mechanisms.size();
            cell.mechanisms.push_back(make_instances(impl));
        }
        const auto mi = index_of[p.mechanism];
        auto& m = cell.mechanisms[mi];
        const auto instance = add_instance(m, static_cast<int>(base + disc.cv_at(p.where.branch, p.where.x)), 1.0);
        set_parameters(m, instance, p.parameters);
        by_label[p.label] = {mi, instance};
    }
    return by_label;
}

void bind_ions(lowered_cell& cell) {
    for (auto& m: cell.mechanisms) {
        m.field_data.clear();
        for (auto& f: m.fields) m.field_data.push_back(f.data());
        for (const auto& dep: m.impl->info.ions) {
            auto it = std::find_if(cell.ions.begin(), cell.ions.end(), [&](const ion_state& s) { return s.name == dep.ion; });
            if (it == cell.ions.end()) throw model_error("mechanism " + m.impl->info.name + " uses ion '" + dep.ion + "', which the model does not define");
            it->has_writers = it->has_writers || dep.writes_current;
            // NEURON's rule: a mechanism that uses the concentrations makes the
            // reversal potential theirs (Nernst), recomputed as they change.
            it->follows_concentrations = it->follows_concentrations || it->settings.nernst || dep.reads_internal ||
                                         dep.reads_external || dep.writes_internal || dep.writes_external;
            m.ions.push_back({it->current.data(), it->conductance.data(), it->reversal.data(), it->internal.data(), it->external.data(),
                              static_cast<double>(it->settings.valence)});
        }
    }
}

std::size_t steps_per_sample(double interval, double dt, const std::string& probe) {
    if (interval == 0) return 1;
    const double ratio = interval / dt;
    const auto every = static_cast<std::size_t>(std::llround(ratio));
    if (every < 1 || std::fabs(ratio - double(every)) > 1e-9 * ratio) {
        throw model_error("probe '" + probe + "': sampling interval " + std::to_string(interval) + " ms is not a multiple of dt = " +
                          std::to_string(dt) + " ms");
    }
    return every;
}

const double* field_of(const mechanism_instances& m, std::size_t instance, const std::string& field, std::string& units) {
    const auto& info = m.impl->info;
    const auto k = info.instance_field_index(field);
    if (!k) throw model_error("'" + field + "' is not a field of " + info.name);
    for (const auto* group: {&info.parameters, &info.states, &info.assigned}) {
        for (const auto& f: *group) {
            if (f.name == field) units = f.units;
        }
    }
    return &m.fields[*k][instance];
}

// An ion's concentration inside or outside ("cai", "cao", mM) or reversal
// potential ("eca", mV) at a CV; null when the name is none of those.
const double* ion_quantity(const lowered_cell& cell, const std::string& variable, std::size_t cv, std::string& units) {
    for (const auto& ion: cell.ions) {
        const std::vector<double>* values = variable == ion.name + "i"   ? &ion.internal
                                            : variable == ion.name + "o" ? &ion.external
                                            : variable == "e" + ion.name ? &ion.reversal
                                                                         : nullptr;
        if (!values) continue;
        units = values == &ion.reversal ? "mV" : "mM";
        return &(*values)[cv];
    }
    return nullptr;
}

void bind_probes(const cell_model& model, const discretization& disc, std::size_t base, const std::map<std::string, std::size_t>& index_of,
                 const std::map<std::string, placement>& by_label, lowered_cell& cell) {
    for (const auto& p: model.probes) {
        bound_probe b;
        b.name = p.name;
        b.every = steps_per_sample(p.interval, model.run.dt, p.name);
        const auto cv = base + disc.cv_at(p.where.branch, p.where.x);
        if (p.variable == "v") {
            b.value = &cell.v[cv];
            b.units = "mV";
        } else if (const auto* ion = ion_quantity(cell, p.variable, cv, b.units)) {
            b.value = ion;
        } else {
            const auto dot = p.variable.find('.');
            if (dot == std::string::npos) throw model_error("probe '" + p.name + "': variable '" + p.variable + "' is neither v nor <mechanism>.<field>");
            const auto owner = p.variable.substr(0, dot), field = p.variable.substr(dot + 1);
            if (auto it = by_label.find(owner); it != by_label.end()) {
                b.value = field_of(cell.mechanisms[it->second.mechanism], it->second.instance, field, b.units);
            } else if (auto mi = index_of.find(owner); mi != index_of.end()) {
                const auto& m = cell.mechanisms[mi->second];
                auto at = std::find(m.cv.begin(), m.cv.end(), static_cast<int>(cv));
                if (at == m.cv.end() || m.impl->info.kind != mechanism_kind::density) {
                    throw model_error("probe '" + p.name + "': no " + owner + " at its location");
                }
                b.value = field_of(m, static_cast<std::size_t>(at - m.cv.begin()), field, b.units);
            } else {
                throw model_error("probe '" + p.name + "': '" + owner + "' is neither a painted mechanism nor a placed label");
            }
        }
        cell.probes.push_back(b);
    }
}

// Each train is one connection, as a NetCon with events from hoc.
void lower_events(const cell_model& model, const std::map<std::string, placement>& by_label, lowered_cell& cell,
                  std::vector<timed_event>& events) {
    for (const auto& train: model.events) {
        auto it = by_label.find(train.target);
        if (it == by_label.end()) throw model_error("events target '" + train.target + "', which no placed point process is labelled");
        if (!cell.mechanisms[it->second.mechanism].impl->info.receives_events) {
            throw model_error("events target '" + train.target + "', a " + cell.mechanisms[it->second.mechanism].impl->info.name + ", which takes no events");
        }
        const int row = cell.mechanisms[it->second.mechanism].connect(it->second.instance, train.weight);
        for (double t: train.times) {
            timed_event e;
            e.time = t;
            e.mechanism = it->second.mechanism;
            e.event.instance = static_cast<int>(it->second.instance);
            e.event.connection = row;
            events.push_back(e);
        }
    }
}

template <typename T>
std::size_t bytes(const std::vector<T>& v) {
    return v.size() * sizeof(T);
}

} // namespace

std::size_t lowered_cell::memory_bytes() const {
    std::size_t total = bytes(parent) + bytes(capacitance) + bytes(axial) + bytes(v) + bytes(v_init) + bytes(i_membrane) + bytes(g_membrane);
    for (const auto& m: mechanisms) {
        total += bytes(m.cv) + bytes(m.scale) + bytes(m.globals) + bytes(m.connections) + bytes(m.connection_weights) + bytes(m.connection_args);
        for (const auto& f: m.fields) total += bytes(f);
    }
    total += bytes(area) + bytes(diameter);
    for (const auto& ion: ions) total += bytes(ion.current) + bytes(ion.conductance) + bytes(ion.reversal) + bytes(ion.internal) + bytes(ion.external) +
                                       bytes(ion.internal_initial) + bytes(ion.external_initial);
    return total;
}

std::map<std::string, ion_settings> default_ions() {
    // NEURON's defaults; eca is NEURON's value of the Nernst potential at 6.3 °C.
    return {{"na", {10.0, 140.0, 50.0, false, 1}}, {"k", {54.4, 2.5, -77.0, false, 1}}, {"ca", {5e-5, 2.0, 132.4579341637009, false, 2}}};
}

lowered_cell lower_cells(const std::vector<cell_model>& models, const mechanism_catalogue& catalogue) {
    if (models.empty()) throw model_error("a cell group needs at least one cell");
    lowered_cell cell;
    cell.properties = models.front().properties;
    cell.run = models.front().run;
    cell.cell_begin.push_back(0);
    std::map<std::string, std::size_t> index_of;
    std::vector<std::size_t> bases;
    std::vector<discretization> discs;
    std::vector<std::map<std::string, placement>> labels;
    std::vector<timed_event> events;
    for (const auto& model: models) {
        // One step and one temperature for the whole group: mechanisms see a single dt and celsius.
        if (model.run.dt != cell.run.dt || model.run.tstop != cell.run.tstop || model.run.method != cell.run.method ||
            model.properties.celsius != cell.properties.celsius) {
            throw model_error("the cells of a group must share dt, tstop, method and celsius");
        }
        const auto base = cell.cell_begin.back();
        // Unit cm and Ra: the region values scale capacitance and conductance per CV.
        discs.push_back(discretize(model.morph, model.segments, 1.0, 1.0));
        const auto& disc = discs.back();
        lower_cable(model, disc, base, cell);
        cell.area.insert(cell.area.end(), disc.area.begin(), disc.area.end());
        cell.diameter.insert(cell.diameter.end(), disc.diameter.begin(), disc.diameter.end());
        lower_ions(model, base, disc.size(), cell);
        lower_painted(model, catalogue, disc, base, cell, index_of);
        labels.push_back(lower_placed(model, catalogue, disc, base, cell, index_of));
        bases.push_back(base);
        cell.cell_begin.push_back(base + disc.size());
    }
    // Views and probes point into the arrays, which are complete only now.
    bind_ions(cell);
    const bool geometry = std::any_of(cell.mechanisms.begin(), cell.mechanisms.end(),
                                      [](const mechanism_instances& m) { return m.impl->info.reads_geometry; });
    if (!geometry) {
        std::vector<double>().swap(cell.area);
        std::vector<double>().swap(cell.diameter);
    }
    for (auto& m: cell.mechanisms) {
        if (!m.impl->info.reads_geometry) continue;
        m.area = cell.area.data();
        m.diam = cell.diameter.data();
    }
    for (auto& ion: cell.ions) {
        if (!ion.follows_concentrations) continue;
        ion.internal_initial = ion.internal;
        ion.external_initial = ion.external;
    }
    for (std::size_t c = 0; c < models.size(); ++c) {
        bind_probes(models[c], discs[c], bases[c], index_of, labels[c], cell);
        for (const auto& d: models[c].detectors) {
            cell.detectors.push_back({d.name, bases[c] + discs[c].cv_at(d.where.branch, d.where.x), d.threshold, c});
        }
        lower_events(models[c], labels[c], cell, events);
        for (const auto& [label, where]: labels[c]) cell.point_labels[{where.mechanism, where.instance}] = {label, c};
    }
    cell.placements = std::move(labels);
    // Queued in time order, and in the order given among equal times, when a run starts.
    std::stable_sort(events.begin(), events.end(), [](const timed_event& a, const timed_event& b) { return a.time < b.time; });
    cell.model_events = std::move(events);
    // Room for the requests of one kernel call: a few per instance of a mechanism that can send events.
    std::size_t senders = 0;
    for (const auto& m: cell.mechanisms) senders += m.impl->info.receives_events ? m.cv.size() : 0;
    cell.requests.resize(std::max<std::size_t>(1024, 4 * senders));
    return cell;
}

} // namespace cajal
