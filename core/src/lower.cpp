// Lowering a rank's cells (see lower.hpp).
#include "lower.hpp"

#include <algorithm>
#include <stdexcept>

#include <cajal/kernels/nernst.hpp>

#include "play_lowering.hpp"

namespace cajal {

mechanism_view mechanism_instances::view(double* v, double* current, double* conductance, double t, double dt, double celsius,
                                         event_request_buffer requests) const {
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
    p.connection_args = connection_args.empty() ? nullptr : const_cast<double*>(connection_args.data());
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

void ion_state::reset_concentrations() {
    // Copied in place: mechanism views hold pointers into these arrays.
    std::copy(internal_initial.begin(), internal_initial.end(), internal.begin());
    std::copy(external_initial.begin(), external_initial.end(), external.begin());
}

void ion_state::update_reversal(double celsius) {
    for (std::size_t i = 0; i < reversal.size(); ++i) {
        if (follows[i]) reversal[i] = kernels::nernst(internal[i], external[i], valence, celsius);
    }
}

std::size_t lowered_cell::cell_of(std::size_t cv) const {
    return static_cast<std::size_t>(std::upper_bound(cell_begin.begin(), cell_begin.end(), cv) - cell_begin.begin()) - 1;
}

namespace {

template <typename T>
std::size_t bytes(const std::vector<T>& v) {
    return v.size() * sizeof(T);
}

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

bool uses_concentrations(const mechanism_info& info, const std::string& ion) {
    return std::any_of(info.ions.begin(), info.ions.end(), [&](const ion_dependency& d) {
        return d.ion == ion && (d.reads_internal || d.reads_external || d.writes_internal || d.writes_external);
    });
}

// Every cell of the group has every ion of the network: a cell that does not
// define one holds its defaults where no mechanism of it reads them.
void lower_ions(const prepared_network::impl& n, const cell_template& t, std::size_t cvs, lowered_cell& c) {
    for (std::size_t k = 0; k < c.ions.size(); ++k) {
        auto& ion = c.ions[k];
        const auto& s = t.ions[k].settings;
        ion.current.resize(ion.current.size() + cvs, 0.0);
        ion.conductance.resize(ion.conductance.size() + cvs, 0.0);
        ion.internal.resize(ion.internal.size() + cvs, s.internal);
        ion.external.resize(ion.external.size() + cvs, s.external);
        const double reversal = s.nernst ? kernels::nernst(s.internal, s.external, s.valence, n.model.settings.celsius) : s.reversal;
        ion.reversal.resize(ion.reversal.size() + cvs, reversal);
        const bool follows = (t.ions[k].defined && s.nernst) || std::any_of(t.mechanisms.begin(), t.mechanisms.end(), [&](const template_mechanism& m) {
                                 return uses_concentrations(n.order.mechanisms[m.mechanism]->info, ion.name);
                             });
        ion.follows.resize(ion.follows.size() + cvs, follows ? 1 : 0);
        ion.follows_concentrations = ion.follows_concentrations || follows;
        if (t.ions[k].defined) ion.valence = s.valence;
    }
}

void bind_ions(lowered_cell& c) {
    for (auto& m: c.mechanisms) {
        m.field_data.clear();
        for (auto& f: m.fields) m.field_data.push_back(f.data());
        m.ions.clear();
        for (const auto& dep: m.impl->info.ions) {
            auto it = std::find_if(c.ions.begin(), c.ions.end(), [&](const ion_state& s) { return s.name == dep.ion; });
            if (dep.writes_current) it->written_cvs.insert(it->written_cvs.end(), m.cv.begin(), m.cv.end());
            m.ions.push_back({it->current.data(), it->conductance.data(), it->reversal.data(), it->internal.data(), it->external.data(),
                              static_cast<double>(it->valence)});
        }
    }
    for (auto& ion: c.ions) {
        std::sort(ion.written_cvs.begin(), ion.written_cvs.end());
        ion.written_cvs.erase(std::unique(ion.written_cvs.begin(), ion.written_cvs.end()), ion.written_cvs.end());
    }
}

const double* probe_value(const lowered_cell& c, const probe_target& p, std::size_t base, const std::vector<std::size_t>& instance_base,
                          const std::vector<std::size_t>& local_of) {
    switch (p.what) {
    case probe_target::kind::voltage: return &c.v[base + p.cv];
    case probe_target::kind::ion_internal: return &c.ions[p.ion].internal[base + p.cv];
    case probe_target::kind::ion_external: return &c.ions[p.ion].external[base + p.cv];
    case probe_target::kind::ion_reversal: return &c.ions[p.ion].reversal[base + p.cv];
    // The writers' sum, from the step's current phase to the next one's: what NEURON's seg.ina is after fadvance.
    case probe_target::kind::ion_current: return &c.ions[p.ion].current[base + p.cv];
    case probe_target::kind::membrane_current: return &c.step_currents.membrane[base + p.cv];
    case probe_target::kind::capacitive_current: return &c.step_currents.capacitive[base + p.cv];
    case probe_target::kind::field: break;
    }
    const auto mi = local_of[p.slot];
    return &c.mechanisms[mi].fields[p.field][instance_base[p.slot] + p.instance];
}

} // namespace

std::size_t lowered_cell::memory_bytes() const {
    std::size_t total = bytes(parent) + bytes(node) + bytes(capacitance) + bytes(axial) + bytes(v) + bytes(v_init) + bytes(i_membrane) +
                        bytes(g_membrane) + bytes(area) + bytes(diameter) + bytes(step_currents.capacitive) + bytes(step_currents.membrane) +
                        bytes(step_currents.electrode_current) + bytes(step_currents.electrode_conductance);
    for (const auto& m: mechanisms) {
        total += bytes(m.cv) + bytes(m.scale) + bytes(m.globals) + bytes(m.connections) + bytes(m.connection_weights) + bytes(m.connection_args);
        for (const auto& f: m.fields) total += bytes(f);
    }
    for (const auto& ion: ions) {
        total += bytes(ion.current) + bytes(ion.conductance) + bytes(ion.reversal) + bytes(ion.internal) + bytes(ion.external) +
                 bytes(ion.follows) + bytes(ion.internal_initial) + bytes(ion.external_initial);
    }
    return total + plays.memory_bytes();
}

timed_event connect(lowered_cell& cells, std::size_t cell, const std::string& label, double weight) {
    const auto& where = cells.placements.at(cell).at(label);
    timed_event e;
    e.mechanism = where.mechanism;
    e.event.instance = static_cast<int>(where.instance);
    e.event.connection = cells.mechanisms[where.mechanism].connect(where.instance, weight);
    return e;
}

namespace {

// Lowers a rank's cells: the group's mechanisms first, then each cell's
// template appended, then what points into the finished arrays.
class group_builder {
public:
    group_builder(const prepared_network::impl& n, const std::vector<std::uint64_t>& gids): n_(n), gids_(gids), local_(n.order.mechanisms.size(), 0) {
        c_.dt = n.model.settings.dt;
        c_.celsius = n.model.settings.celsius;
        c_.method = n.model.settings.method;
        c_.gids = gids;
        c_.cell_begin.push_back(0);
    }

    lowered_cell build() {
        add_mechanisms_and_ions();
        for (std::size_t cell = 0; cell < gids_.size(); ++cell) append_cell(cell);
        finish_arrays();
        bind_probes();
        // Room for the requests of one kernel call: a few per instance of a mechanism that can send events.
        std::size_t senders = 0;
        for (const auto& m: c_.mechanisms) senders += m.impl->info.receives_events ? m.cv.size() : 0;
        c_.requests.resize(std::max<std::size_t>(1024, 4 * senders));
        return std::move(c_);
    }

private:
    // The group's mechanisms: those of the network its cells use, in the network's order.
    void add_mechanisms_and_ions() {
        std::vector<bool> used(n_.order.mechanisms.size(), false);
        for (auto gid: gids_) {
            for (const auto& m: n_.templates[n_.population_of(gid)].mechanisms) used[m.mechanism] = true;
        }
        for (std::size_t m = 0; m < used.size(); ++m) {
            if (!used[m]) continue;
            local_[m] = c_.mechanisms.size();
            mechanism_instances mi;
            mi.impl = n_.order.mechanisms[m];
            mi.fields.resize(mi.impl->info.num_instance_fields());
            for (const auto& g: mi.impl->info.globals) mi.globals.push_back(g.default_value);
            c_.mechanisms.push_back(std::move(mi));
        }
        for (const auto& name: n_.order.ions) {
            ion_state ion;
            ion.name = name;
            c_.ions.push_back(std::move(ion));
        }
    }

    void append_cell(std::size_t cell) {
        const auto& t = n_.templates[n_.population_of(gids_[cell])];
        const auto base = c_.cell_begin.back();
        for (std::size_t i = 0; i < t.cvs(); ++i) c_.parent.push_back(t.disc.parent[i] < 0 ? -1 : t.disc.parent[i] + static_cast<std::ptrdiff_t>(base));
        append(c_.node, t.disc.node);
        append(c_.capacitance, t.capacitance);
        append(c_.axial, t.axial);
        append(c_.area, t.disc.area);
        append(c_.diameter, t.disc.diameter);
        c_.v_init.resize(base + t.cvs(), t.v_init);
        lower_ions(n_, t, t.cvs(), c_);
        // Where each of the template's slots starts among the group's instances.
        auto& bases = instance_base_.emplace_back();
        for (const auto& tm: t.mechanisms) {
            auto& m = c_.mechanisms[local_[tm.mechanism]];
            bases.push_back(m.cv.size());
            for (int cv: tm.cv) m.cv.push_back(cv + static_cast<int>(base));
            append(m.scale, tm.scale);
            for (std::size_t k = 0; k < tm.fields.size(); ++k) append(m.fields[k], tm.fields[k]);
        }
        const auto population = n_.population_of(gids_[cell]);
        if (const auto& members = n_.member_changes[population]; !members.empty()) {
            apply_member_changes(members[gids_[cell] - n_.first_gid[population]], bases,
                                 [&](std::size_t slot) -> std::vector<std::vector<double>>& { return c_.mechanisms[local_[t.mechanisms[slot].mechanism]].fields; });
        }
        plays_.append(n_.plays[n_.population_of(gids_[cell])], t, local_, bases, c_);
        auto& labels = c_.placements.emplace_back();
        for (const auto& [label, where]: t.labels) labels[label] = {local_[t.mechanisms[where.slot].mechanism], bases[where.slot] + where.instance};
        for (std::uint32_t d = 0; d < t.detectors.size(); ++d) c_.detectors.push_back({base + t.detectors[d].cv, t.detectors[d].threshold, cell, d});
        for (auto s = static_cast<std::uint32_t>(t.detectors.size()); s < t.senders.size(); ++s) {
            const auto& where = labels.at(t.senders[s]);
            c_.point_senders[{where.mechanism, where.instance}] = {cell, s};
        }
        c_.cell_begin.push_back(base + t.cvs());
    }

    // Views point into the arrays, which are complete only now.
    void finish_arrays() {
        const auto cvs = c_.cell_begin.back();
        c_.v = c_.v_init;
        c_.i_membrane.assign(cvs, 0.0);
        c_.g_membrane.assign(cvs, 0.0);
        bind_ions(c_);
        const bool geometry = std::any_of(c_.mechanisms.begin(), c_.mechanisms.end(), [](const mechanism_instances& m) { return m.impl->info.reads_geometry; });
        if (!geometry) {
            std::vector<double>().swap(c_.area);
            std::vector<double>().swap(c_.diameter);
        }
        for (auto& m: c_.mechanisms) {
            if (!m.impl->info.reads_geometry) continue;
            m.area = c_.area.data();
            m.diam = c_.diameter.data();
        }
        for (auto& ion: c_.ions) {
            if (!ion.follows_concentrations) continue;
            ion.internal_initial = ion.internal;
            ion.external_initial = ion.external;
        }
    }

    // The network's probes on this group's cells, in the network's order.
    void bind_probes() {
        std::vector<std::pair<std::size_t, std::size_t>> own;   // (probe, cell in the group)
        for (std::size_t k = 0; k < n_.probes.size(); ++k) {
            const auto gid = n_.model.probes[k].gid;
            const auto it = std::lower_bound(gids_.begin(), gids_.end(), gid);
            if (it != gids_.end() && *it == gid) own.emplace_back(k, static_cast<std::size_t>(it - gids_.begin()));
        }
        // The membrane currents are computed each step only where they are recorded.
        const bool membrane_currents = std::any_of(own.begin(), own.end(), [&](const auto& p) {
            const auto what = n_.probes[p.first].what;
            return what == probe_target::kind::membrane_current || what == probe_target::kind::capacitive_current;
        });
        if (membrane_currents) {
            const auto cvs = c_.cell_begin.back();
            auto& s = c_.step_currents;
            for (auto* a: {&s.capacitive, &s.membrane, &s.electrode_current, &s.electrode_conductance}) a->assign(cvs, 0.0);
        }
        for (const auto& [k, cell]: own) {
            const auto& target = n_.probes[k];
            std::vector<std::size_t> local_of;
            for (const auto& tm: n_.templates[target.population].mechanisms) local_of.push_back(local_[tm.mechanism]);
            c_.probes.push_back({k, probe_value(c_, target, c_.cell_begin[cell], instance_base_[cell], local_of), target.scale, target.every});
        }
    }

    const prepared_network::impl& n_;
    const std::vector<std::uint64_t>& gids_;
    lowered_cell c_;
    std::vector<std::size_t> local_;                       // per network mechanism: its index in the group
    std::vector<std::vector<std::size_t>> instance_base_;  // per cell, per template slot: its first instance in the group
    play_lowering plays_;
};

} // namespace

lowered_cell lower_cells(const prepared_network::impl& n, const std::vector<std::uint64_t>& gids) { return group_builder(n, gids).build(); }

} // namespace cajal
