#include "device_image.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace cajal::gpu {

namespace {

// The order in which a mechanism's instances are stored on the device. Density
// mechanisms follow their CVs' device rows, so that a warp's reads of v and
// writes of currents fall on neighbouring rows; point processes keep their
// order, which events and labels refer to.
std::vector<std::size_t> device_order(const mechanism_instances& m, const gpu_layout& layout) {
    std::vector<std::size_t> order(m.cv.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (m.impl->info.kind == mechanism_kind::density && !m.impl->info.receives_events) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return layout.row_of[static_cast<std::size_t>(m.cv[a])] < layout.row_of[static_cast<std::size_t>(m.cv[b])];
        });
    }
    return order;
}

} // namespace

double* device_image::mirror_rows(const std::vector<double>& values, double padding, const std::vector<double>* host) {
    if (values.empty()) return nullptr;
    auto* device = arena_.upload(to_device_order(layout_, values, padding));
    if (!host) host = &values;
    mirrors_.push_back({host->data(), host->size(), device, &layout_.row_of});
    return device;
}

double* device_image::mirror_instances(const std::vector<double>& host, const std::vector<std::size_t>& order,
                                       const std::vector<std::size_t>* index) {
    if (host.empty()) return nullptr;
    std::vector<double> values(order.size());
    for (std::size_t j = 0; j < order.size(); ++j) values[j] = host[order[j]];
    auto* device = arena_.upload(values);
    mirrors_.push_back({host.data(), host.size(), device, index});
    return device;
}

device_image::device_image(const lowered_cell& c): layout_(make_gpu_layout(c.parent, c.cell_begin)) {
    mirror_cable(c);
    mirror_ions(c);
    request_capacity = static_cast<unsigned>(c.requests.size());
    requests = arena_.allocate<event_request>(c.requests.size());
    request_count = arena_.upload(std::vector<unsigned>{0});
    instance_index_.resize(c.mechanisms.size());
    for (std::size_t mi = 0; mi < c.mechanisms.size(); ++mi) mechanisms.push_back(mirror_mechanism(c, mi));
}

void device_image::mirror_cable(const lowered_cell& c) {
    // The run starts from v_init (reset_state copies it); the host's v may hold a previous run's end.
    v = mirror_rows(c.v_init, 0.0, &c.v);
    v_init = arena_.upload(to_device_order(layout_, c.v_init, 0.0));
    host_row_.assign(layout_.num_rows, static_cast<std::size_t>(-1));
    for (std::size_t i = 0; i < layout_.row_of.size(); ++i) host_row_[layout_.row_of[i]] = i;
    capacitance = mirror_rows(c.capacitance, 1.0);
    axial = mirror_rows(c.axial, 0.0);
    i_membrane = mirror_rows(c.i_membrane, 0.0);
    g_membrane = mirror_rows(c.g_membrane, 0.0);
    const auto& s = c.step_currents;
    capacitive_current = mirror_rows(s.capacitive, 0.0);
    membrane_current = mirror_rows(s.membrane, 0.0);
    electrode_current = mirror_rows(s.electrode_current, 0.0);
    electrode_conductance = mirror_rows(s.electrode_conductance, 0.0);
    area_ = mirror_rows(c.area, 0.0);
    diam_ = mirror_rows(c.diameter, 0.0);
    device_base_[c.v.data()] = v;
}

void device_image::mirror_ions(const lowered_cell& c) {
    std::vector<double*> zeroed{i_membrane, g_membrane};
    if (electrode_current) {
        zeroed.push_back(electrode_current);
        zeroed.push_back(electrode_conductance);
    }
    for (const auto& ion: c.ions) {
        device_ion d;
        d.current = mirror_rows(ion.current, 0.0);
        d.conductance = mirror_rows(ion.conductance, 0.0);
        d.reversal = mirror_rows(ion.reversal, 0.0);
        // Runs start from the initial concentrations, which mechanisms may then change.
        d.internal = mirror_rows(ion.follows_concentrations ? ion.internal_initial : ion.internal, 1.0, &ion.internal);
        d.external = mirror_rows(ion.follows_concentrations ? ion.external_initial : ion.external, 1.0, &ion.external);
        if (ion.follows_concentrations) {
            d.follows = arena_.upload(to_device_order<unsigned char>(layout_, ion.follows, 0));
            d.internal_initial = arena_.upload(to_device_order(layout_, ion.internal_initial, 1.0));
            d.external_initial = arena_.upload(to_device_order(layout_, ion.external_initial, 1.0));
        }
        d.valence = static_cast<double>(ion.valence);
        d.follows_concentrations = ion.follows_concentrations;
        device_base_[ion.current.data()] = d.current;
        device_base_[ion.conductance.data()] = d.conductance;
        device_base_[ion.reversal.data()] = d.reversal;
        device_base_[ion.internal.data()] = d.internal;
        device_base_[ion.external.data()] = d.external;
        if (ion.has_writers()) {
            zeroed.push_back(d.current);
            zeroed.push_back(d.conductance);
        }
        ions.push_back(d);
    }
    accumulators = arena_.upload(zeroed);
    num_accumulators = zeroed.size();
}

device_mechanism device_image::mirror_mechanism(const lowered_cell& c, std::size_t mi) {
    const auto& m = c.mechanisms[mi];
    const auto order = device_order(m, layout_);
    auto& index = instance_index_[mi];
    index.resize(order.size());
    for (std::size_t j = 0; j < order.size(); ++j) index[order[j]] = j;

    std::vector<int> cv(order.size());
    for (std::size_t j = 0; j < order.size(); ++j) cv[j] = static_cast<int>(layout_.row_of[static_cast<std::size_t>(m.cv[order[j]])]);
    std::vector<double*> fields;
    for (const auto& f: m.fields) fields.push_back(mirror_instances(f, order, &index));
    std::vector<ion_view> ion_views;
    for (const auto& iv: m.ions) {
        ion_views.push_back({device_base_.at(iv.current), device_base_.at(iv.conductance), device_base_.at(iv.reversal), device_base_.at(iv.internal),
                             device_base_.at(iv.external), iv.valence});
    }

    device_mechanism d;
    d.impl = m.impl;
    d.host_instance = order;
    auto& view = d.view;
    view.width = order.size();
    view.cv = arena_.upload(cv);
    view.scale = mirror_instances(m.scale, order, &index);
    view.v = v;
    view.current = i_membrane;
    view.conductance = g_membrane;
    view.electrode_current = electrode_current;
    view.electrode_conductance = electrode_conductance;
    view.dt = c.dt;
    view.celsius = c.celsius;
    view.globals = arena_.upload(m.globals);
    view.fields = arena_.upload(fields);
    view.ions = arena_.upload(ion_views);
    view.requests = {requests, request_count, request_capacity};
    // Rows as the run starts them (reset_state copies them again).
    if (!m.connection_args.empty()) {
        view.connection_args = arena_.upload(m.connection_args);
        d.connections = arena_.upload(m.connections);
    }
    if (m.area) {
        view.area = area_;
        view.diam = diam_;
    }
    return d;
}

double* device_image::device_element(const double* host) const {
    for (const auto& m: mirrors_) {
        if (host < m.host || host >= m.host + m.size) continue;
        const auto k = static_cast<std::size_t>(host - m.host);
        return m.device + (m.index ? (*m.index)[k] : k);
    }
    throw std::logic_error("a probe or a played parameter points into an array that has no device copy");
}

} // namespace cajal::gpu
