// What a prepared network holds and what running it will take, before
// anything is allocated: for `cajal run --dry-run` and the memory check.
#include <algorithm>
#include <cmath>

#include "prepared_network_impl.hpp"

namespace cajal {

network_counts prepared_network::counts() const {
    const auto& n = *impl_;
    network_counts c;
    c.cells = n.model.num_cells();
    c.sources = n.model.num_gids() - c.cells;
    for (std::size_t p = 0; p < n.templates.size(); ++p) {
        const auto count = n.model.populations[p].count;
        const auto& t = n.templates[p];
        c.cvs += t.cvs() * count;
        for (const auto& m: t.mechanisms) {
            const auto& info = n.order.mechanisms[m.mechanism]->info;
            c.instances[info.name] += m.cv.size() * count;
            if (info.kind != mechanism_kind::density) c.point_processes += m.cv.size() * count;
        }
    }
    for (const auto& rule: n.model.connections) c.connections += expected_connections(rule);
    c.probes = n.probes.size();
    c.steps = n.steps;
    for (const auto& p: n.probes) c.samples += n.steps / p.every + 1;
    return c;
}

namespace {

// Bytes per CV on the host: the cable arrays (parent, node, capacitance,
// axial, v, v_init, current, conductance), the solver's matrix (d, u, b,
// parent), and per ion five arrays (current, conductance, reversal and the
// two concentrations) and two more where concentrations change.
constexpr double host_bytes_per_cv = 8 + 16 + 6 * 8 + 4 * 8;
constexpr double bytes_per_ion_cv = 7 * 8;
// Per CV where a probe records the membrane current or its capacitive part:
// both, and the electrodes' current and conductance (counted for every cell).
constexpr double bytes_per_membrane_current_cv = 4 * 8;
// Per connection: the incoming record (connection index, delay), the
// mechanism's row (instance, weight) and the event queue's share.
constexpr double bytes_per_connection = 16 + 24 + 8 + 48;
// Per recorded sample: time and value, on the rank that records and on rank 0.
constexpr double bytes_per_sample = 16;
// Per CSV cell of traces.csv: a value as text and its comma.
constexpr double bytes_per_csv_value = 20;

} // namespace

resource_estimate prepared_network::estimate(int ranks, backend_kind backend) const {
    const auto& n = *impl_;
    const auto c = counts();
    double per_cell_state = double(c.cvs) * (host_bytes_per_cv + bytes_per_ion_cv * double(n.order.ions.size()));
    if (std::any_of(n.probes.begin(), n.probes.end(), [](const probe_target& p) {
            return p.what == probe_target::kind::membrane_current || p.what == probe_target::kind::capacitive_current;
        })) {
        per_cell_state += double(c.cvs) * bytes_per_membrane_current_cv;
    }
    for (std::size_t p = 0; p < n.templates.size(); ++p) {
        for (const auto& m: n.templates[p].mechanisms) {
            const auto& info = n.order.mechanisms[m.mechanism]->info;
            const double per_instance = 4 + 8 + 8 * double(info.num_instance_fields());
            per_cell_state += per_instance * double(m.cv.size()) * double(n.model.populations[p].count);
        }
    }
    const double connections = c.connections * bytes_per_connection;
    const double recordings = double(c.samples) * bytes_per_sample;
    const double share = 1.0 / std::max(1, ranks);
    resource_estimate e;
    // Rank 0 holds its share and, at the end, every trace.
    e.host_bytes = static_cast<std::uint64_t>((per_cell_state + connections) * share + recordings);
    // The device batches samples in at most 64 MiB before copying them back.
    if (backend != backend_kind::cpu) e.device_bytes = static_cast<std::uint64_t>(per_cell_state * share + std::min(recordings * share, 67108864.0));
    std::uint64_t rows = 0;
    for (const auto& p: n.probes) rows = std::max<std::uint64_t>(rows, n.steps / p.every + 1);
    e.output_bytes = static_cast<std::uint64_t>(double(rows) * bytes_per_csv_value * double(1 + c.probes));
    return e;
}

} // namespace cajal
