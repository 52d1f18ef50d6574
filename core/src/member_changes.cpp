#include "member_changes.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "label_groups.hpp"
#include "number_text.hpp"
#include "region_index.hpp"

namespace cajal {

namespace {

class change_resolver {
public:
    change_resolver(const cell_population& population, const cell_template& t, const mechanism_order& order, const model_address& address):
        cell_(population.cell), t_(t), order_(order), address_(address) {}

    resolved_change resolve(const parameter_change& change, std::size_t member, std::size_t k) {
        item_ = "member_changes[" + std::to_string(member) + "][" + std::to_string(k) + "]";
        resolved_change r;
        r.op = change.op;
        r.value = change.value;
        if (!std::isfinite(change.value)) fail("value", "must be finite, not " + number_text(change.value));
        const auto placed = labels_named(t_.labels, change.target);
        if (!placed.empty()) {
            if (change.region) fail("region", "'" + change.target + "' is a placed label: it has no region");
            for (const auto& it: placed) {
                r.slot = it->second.slot;
                r.instances.push_back(it->second.instance);
            }
            not_played(change);
        } else {
            painted(change, r);
        }
        const auto& info = order_.mechanisms[t_.mechanisms[r.slot].mechanism]->info;
        const field_info* f = info.find_parameter(change.parameter);
        if (!f) {
            std::string known;
            for (const auto& p: info.parameters) known += (known.empty() ? "" : ", ") + p.name;
            fail("parameter", "'" + change.parameter + "' is not a parameter of " + info.name + "; its parameters: " + known);
        }
        r.field = *info.instance_field_index(change.parameter);
        for (std::size_t i: r.instances) in_range(*f, info, change.op == parameter_change::operation::set ? change.value : t_.mechanisms[r.slot].fields[r.field][i] * change.value);
        return r;
    }

private:
    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        model_address a = address_;
        a.item = item_ + "." + field;
        throw model_error(a, message);
    }

    void painted(const parameter_change& change, resolved_change& r) const {
        const bool is_painted = std::any_of(cell_.painted.begin(), cell_.painted.end(), [&](const painted_mechanism& p) { return p.mechanism == change.target; });
        if (!is_painted) {
            fail("target", "'" + change.target + "' is neither a placed label (labels: " + label_list(cell_.placed) + ") nor a painted mechanism (painted: " +
                               painted_list(cell_) + ")");
        }
        const auto slot = t_.slot_of(order_.index_of(change.target));
        if (!slot) fail("target", change.target + " is painted on no part of this cell");
        r.slot = *slot;
        const auto& cvs = t_.mechanisms[*slot].cv;
        if (!change.region) {
            r.instances.resize(cvs.size());
            for (std::size_t i = 0; i < cvs.size(); ++i) r.instances[i] = i;
            return;
        }
        const region_index region(*change.region);
        for (std::size_t i = 0; i < cvs.size(); ++i) {
            if (region.covers(t_.disc.node[static_cast<std::size_t>(cvs[i])])) r.instances.push_back(i);
        }
        if (r.instances.empty()) fail("region", change.target + " is not painted in this region");
    }

    void not_played(const parameter_change& change) const {
        for (const auto& p: cell_.placed) {
            if (p.label == change.target && p.play.contains(change.parameter)) {
                fail("parameter", "'" + change.target + "." + change.parameter + "' is played (play): it follows its waveform and cannot be changed");
            }
        }
    }

    void in_range(const field_info& f, const mechanism_info& info, double value) const {
        if (std::isfinite(value) && f.in_range(value)) return;
        fail("value", "makes " + info.name + "." + f.name + " " + number_text(value) + ", outside its range [" + number_text(f.lower) + ", " +
                          number_text(f.upper) + "]");
    }

    const cell_model& cell_;
    const cell_template& t_;
    const mechanism_order& order_;
    const model_address& address_;
    std::string item_;
};

} // namespace

member_change_lists resolve_member_changes(const cell_population& population, const cell_template& t, const mechanism_order& order,
                                           const model_address& address) {
    member_change_lists out;
    if (population.member_changes.empty()) return out;
    if (population.member_changes.size() != population.count) {
        model_address a = address;
        a.item = "member_changes";
        throw model_error(a, "gives changes for " + std::to_string(population.member_changes.size()) + " members; the population has " +
                                 std::to_string(population.count));
    }
    change_resolver resolver(population, t, order, address);
    out.resize(population.count);
    for (std::size_t m = 0; m < population.count; ++m) {
        const auto& changes = population.member_changes[m];
        for (std::size_t k = 0; k < changes.size(); ++k) out[m].push_back(resolver.resolve(changes[k], m, k));
    }
    return out;
}

} // namespace cajal
