#pragma once
// What the members of a population change on its cell (parameter_change),
// resolved once against the population's template and applied when a rank
// lowers each member's copy of it.

#include <cstddef>
#include <vector>

#include <cajal/core/model_error.hpp>
#include <cajal/core/network.hpp>

#include "cell_template.hpp"

namespace cajal {

// The template's instances a change touches, and what it does to one field.
struct resolved_change {
    std::size_t slot = 0;    // in cell_template::mechanisms
    std::size_t field = 0;   // instance-field index
    std::vector<std::size_t> instances;
    parameter_change::operation op = parameter_change::operation::set;
    double value = 0;
};

using member_change_lists = std::vector<std::vector<resolved_change>>;   // per member; empty when none changes anything

// Checks every member's changes: the target is a placed label or a painted
// mechanism of the cell, the parameter one of its parameters (not played),
// the region touches it, and every value it makes lies in the parameter's
// range. Faults are model_errors at `address` (the population) with item
// "member_changes[m][k]...".
member_change_lists resolve_member_changes(const cell_population& population, const cell_template& t, const mechanism_order& order,
                                           const model_address& address);

// Applies member m's changes to fields[field][base[slot] + instance] of the
// lowered mechanisms: `fields_of(slot)` gives the field arrays of a slot's
// mechanism in the group, `base` each slot's first instance there.
template <typename FieldsOf>
void apply_member_changes(const std::vector<resolved_change>& changes, const std::vector<std::size_t>& base, FieldsOf&& fields_of) {
    for (const auto& c: changes) {
        auto& values = fields_of(c.slot)[c.field];
        for (std::size_t i: c.instances) {
            double& v = values[base[c.slot] + i];
            v = c.op == parameter_change::operation::set ? c.value : v * c.value;
        }
    }
}

} // namespace cajal
