// Resolving a network's probes into typed targets on their cells: v, the
// membrane current or its capacitive part, or an ion's quantity at a CV, a
// painted mechanism's field at the instance on a CV, or a placed point
// process's field.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "label_groups.hpp"
#include "number_text.hpp"
#include "prepared_network_impl.hpp"

namespace cajal {

namespace {

std::string field_units(const mechanism_info& info, const std::string& field) {
    for (const auto* group: {&info.parameters, &info.states, &info.assigned}) {
        for (const auto& f: *group) {
            if (f.name == field) return f.units;
        }
    }
    return {};
}

std::string field_list(const mechanism_info& info) {
    std::string out;
    for (const auto* group: {&info.parameters, &info.states, &info.assigned}) {
        for (const auto& f: *group) out += (out.empty() ? "" : ", ") + f.name;
    }
    return out;
}

std::string location_text(const location& w) { return "(branch " + std::to_string(w.branch) + ", x " + number_text(w.x) + ")"; }

class probe_resolver {
public:
    probe_resolver(const prepared_network::impl& n, std::size_t k): n_(n), k_(k), p_(n.model.probes[k]) {}

    probe_target resolve() {
        if (p_.gid >= n_.model.num_cells()) {
            fail("gid", "gid " + std::to_string(p_.gid) + " is not a cell (the network has " + std::to_string(n_.model.num_cells()) + " cells)");
        }
        target_.population = n_.population_of(p_.gid);
        sampling();
        if (p_.variable == "v") {
            target_.cv = cv_at_location();
            target_.units = "mV";
        } else if (!membrane_current() && !ion_quantity()) {
            mechanism_field();
        }
        return target_;
    }

private:
    [[noreturn]] void fail(const std::string& item, const std::string& message) const {
        throw model_error({model_address::part::probe, k_, item}, message);
    }

    const cell_template& cell_template_of() const { return n_.templates[target_.population]; }
    const cell_model& cell() const { return n_.model.populations[target_.population].cell; }

    void sampling() {
        if (p_.interval == 0) return;
        const double ratio = p_.interval / n_.model.settings.dt;
        const double whole = std::round(ratio);
        if (!std::isfinite(ratio) || !(whole >= 1) || std::fabs(ratio - whole) > 1e-9 * ratio) {
            fail("interval", number_text(p_.interval) + " ms is not a whole multiple of dt = " + number_text(n_.model.settings.dt) + " ms");
        }
        target_.every = static_cast<std::size_t>(whole);
    }

    std::size_t cv_at_location() const {
        if (!p_.where) fail("location", "'" + p_.variable + "' is read at a location; give one");
        return location_cv(cell_template_of().disc, *p_.where, {model_address::part::probe, k_, "location"});
    }

    // A density at the probe's CV: the CV's nA over its membrane, in mA/cm².
    void per_membrane_area() {
        target_.cv = cv_at_location();
        const double area = cell_template_of().disc.area[target_.cv];
        if (!(area > 0)) {
            fail("location", "'" + p_.variable + "' is per membrane area, and " + location_text(*p_.where) +
                                 " is a node without membrane; record it inside a segment");
        }
        target_.scale = 1.0 / (area * 1e-2);   // the inverse of a density mechanism's scale
        target_.units = "mA/cm2";
    }

    // "i_membrane": NEURON's i_membrane_, the CV's whole membrane current
    // (capacitive, ionic, synaptic; electrodes left out), in nA; "i_cap": its
    // capacitive part per membrane area.
    bool membrane_current() {
        if (p_.variable == "i_membrane") {
            target_.what = probe_target::kind::membrane_current;
            target_.cv = cv_at_location();
            target_.units = "nA";
            return true;
        }
        if (p_.variable != "i_cap") return false;
        target_.what = probe_target::kind::capacitive_current;
        per_membrane_area();
        return true;
    }

    // "cai", "cao", "eca", "ica" of an ion of the network.
    bool ion_quantity() {
        for (std::size_t ion = 0; ion < n_.order.ions.size(); ++ion) {
            const auto& name = n_.order.ions[ion];
            if (p_.variable == name + "i") target_.what = probe_target::kind::ion_internal;
            else if (p_.variable == name + "o") target_.what = probe_target::kind::ion_external;
            else if (p_.variable == "e" + name) target_.what = probe_target::kind::ion_reversal;
            else if (p_.variable == "i" + name) target_.what = probe_target::kind::ion_current;
            else continue;
            target_.ion = ion;
            if (target_.what == probe_target::kind::ion_current) {
                per_membrane_area();   // the sum of the currents of the mechanisms that write it
            } else {
                target_.cv = cv_at_location();
                target_.units = target_.what == probe_target::kind::ion_reversal ? "mV" : "mM";
            }
            return true;
        }
        return false;
    }

    // LABEL.FIELD or MECHANISM.FIELD.
    void mechanism_field() {
        const auto dot = p_.variable.find('.');
        if (dot == std::string::npos) {
            fail("variable", "unknown variable '" + p_.variable +
                                 "'; known forms: v, i_membrane, i_cap, an ion's concentrations, reversal potential and current "
                                 "(cai, cao, eca, ica, ...), MECHANISM.FIELD, LABEL.FIELD");
        }
        const auto owner = p_.variable.substr(0, dot);
        target_.what = probe_target::kind::field;
        const auto& t = cell_template_of();
        if (const auto label = t.labels.find(owner); label != t.labels.end()) {
            if (p_.where) fail("location", "'" + owner + "' is read where it is placed; remove the location");
            target_.slot = label->second.slot;
            target_.instance = label->second.instance;
        } else {
            painted_instance(owner);
        }
        field(n_.order.mechanisms[t.mechanisms[target_.slot].mechanism]->info, p_.variable.substr(dot + 1));
    }

    // The instance of a painted mechanism on the probe's CV.
    void painted_instance(const std::string& mechanism) {
        const auto& c = cell();
        const auto& t = cell_template_of();
        if (std::none_of(c.painted.begin(), c.painted.end(), [&](const painted_mechanism& m) { return m.mechanism == mechanism; })) {
            const std::string labels = label_list(c.placed);
            fail("variable", "'" + mechanism + "' is neither a placed label (labels: " + labels +
                                 ") nor a painted mechanism (painted: " + painted_list(c) + ")");
        }
        field(n_.order.mechanisms[n_.order.index_of(mechanism)]->info, p_.variable.substr(p_.variable.find('.') + 1));
        target_.cv = cv_at_location();
        const auto slot = t.slot_of(n_.order.index_of(mechanism));
        std::optional<std::size_t> instance;
        if (slot) {
            const auto& cvs = t.mechanisms[*slot].cv;
            const auto at = std::find(cvs.begin(), cvs.end(), static_cast<int>(target_.cv));
            if (at != cvs.end()) instance = static_cast<std::size_t>(at - cvs.begin());
        }
        if (!instance) {
            fail("variable", mechanism + " is not painted at " + location_text(*p_.where) + (t.disc.area[target_.cv] > 0 ? "" : ", a node without membrane"));
        }
        target_.slot = *slot;
        target_.instance = *instance;
    }

    void field(const mechanism_info& info, const std::string& name) {
        const auto index = info.instance_field_index(name);
        if (!index) fail("variable", "'" + name + "' is not a field of " + info.name + "; known: " + field_list(info));
        target_.field = *index;
        target_.units = field_units(info, name);
    }

    const prepared_network::impl& n_;
    std::size_t k_;
    const probe_spec& p_;
    probe_target target_;
};

} // namespace

probe_target resolve_probe(const prepared_network::impl& network, std::size_t k) { return probe_resolver(network, k).resolve(); }

} // namespace cajal
