#pragma once
// What a mechanism exposes, independent of any backend: its name and kind, its
// fields (globals, per-instance parameters, states and observable assigned
// values, with units, defaults and accepted ranges) and the ions it uses.

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cajal {

enum class mechanism_kind {
    density,         // per unit membrane area, painted on regions (NEURON SUFFIX)
    point_process,   // placed at locations, currents in nA (POINT_PROCESS)
    artificial_cell, // no membrane (ARTIFICIAL_CELL)
};

struct field_info {
    std::string name;
    std::string units;
    double default_value = 0;
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();

    bool in_range(double x) const noexcept { return x >= lower && x <= upper; }
};

struct ion_dependency {
    std::string ion;  // "na", "k", "ca", ...
    bool reads_reversal = false;
    bool reads_internal = false;   // concentration inside, mM
    bool reads_external = false;   // concentration outside, mM
    bool writes_current = false;
    bool writes_internal = false;
    bool writes_external = false;
    std::optional<int> valence;    // when the mechanism declares it
};

struct mechanism_info {
    std::string name;
    mechanism_kind kind = mechanism_kind::density;
    std::vector<field_info> globals;     // one value per mechanism, set per model
    std::vector<field_info> parameters;  // one value per instance, settable
    std::vector<field_info> states;      // one value per instance, integrated
    std::vector<field_info> assigned;    // one value per instance, computed (observable)
    std::vector<ion_dependency> ions;
    bool receives_events = false;        // has NET_RECEIVE
    // NET_RECEIVE's arguments: the weight, then values kept per connection.
    std::size_t net_receive_arguments = 0;
    // An ARTIFICIAL_CELL: a point process without membrane (it reads no v and
    // writes no current), driven by events alone; placed like any point process.
    bool artificial = false;
    bool reads_geometry = false;         // reads its CV's area or diam
    // Nonspecific current written as "i" (NEURON's NONSPECIFIC_CURRENT / ELECTRODE_CURRENT).
    bool writes_nonspecific_current = false;

    // Per-instance fields are stored in this order: parameters, states, assigned.
    std::size_t num_instance_fields() const noexcept { return parameters.size() + states.size() + assigned.size(); }
    std::optional<std::size_t> instance_field_index(std::string_view name) const;
    std::optional<std::size_t> global_index(std::string_view name) const;
    const field_info* find_parameter(std::string_view name) const;
};

} // namespace cajal
