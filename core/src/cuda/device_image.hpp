#pragma once
// A lowered cell group copied to the device: per-CV arrays permuted into the
// cable solver's row order (gpu_layout), each mechanism's instances with views
// of device memory, the ions, and what probes and detectors read.

#include <cstddef>
#include <map>
#include <vector>

#include <cajal/mechanisms/mechanism.hpp>

#include "../gpu_layout.hpp"
#include "../lowered_cell.hpp"
#include "device_arena.hpp"

namespace cajal::gpu {

struct device_mechanism {
    const mechanism_implementation* impl = nullptr;
    mechanism_view view;   // device pointers; t is set per call
    const mechanism_event* connections = nullptr;   // device copy of the host's, for initialize_connections
    std::vector<std::size_t> host_instance;         // per device instance, its host instance
};

struct device_ion {
    double* current = nullptr;
    double* conductance = nullptr;
    double* reversal = nullptr;
    double* internal = nullptr;
    double* external = nullptr;
    const unsigned char* follows = nullptr;   // per row: the reversal follows the concentrations
    const double* internal_initial = nullptr;  // where it does, the concentrations a run starts from
    const double* external_initial = nullptr;
    double valence = 1;
    bool follows_concentrations = false;
};

class device_image {
public:
    explicit device_image(const lowered_cell& c);

    const gpu_layout& layout() const noexcept { return layout_; }
    std::size_t rows() const noexcept { return layout_.num_rows; }
    device_arena& arena() noexcept { return arena_; }
    std::size_t device_bytes() const noexcept { return arena_.bytes(); }

    double* v = nullptr;
    const double* v_init = nullptr;
    double* capacitance = nullptr;
    double* axial = nullptr;
    double* i_membrane = nullptr;
    double* g_membrane = nullptr;
    // Where probes record the membrane currents (lowered_cell::step_currents); null otherwise.
    double* capacitive_current = nullptr;
    double* membrane_current = nullptr;
    double* electrode_current = nullptr;
    double* electrode_conductance = nullptr;
    std::vector<device_ion> ions;
    std::vector<device_mechanism> mechanisms;
    // Current and conductance accumulators zeroed at each step (a device array of device pointers),
    // the electrodes' share among them where it is kept.
    double* const* accumulators = nullptr;
    std::size_t num_accumulators = 0;
    event_request* requests = nullptr;
    unsigned* request_count = nullptr;
    unsigned request_capacity = 0;

    // The device address of the element a host pointer into one of the
    // lowered cell's arrays (v, ions, mechanism fields) points at.
    double* device_element(const double* host) const;
    // The host CV of each device row (padding rows: none).
    const std::vector<std::size_t>& host_row() const noexcept { return host_row_; }

private:
    // A host array and its device copy, with the host-to-device index map
    // (null where the order is the same).
    struct mirrored {
        const double* host = nullptr;
        std::size_t size = 0;
        double* device = nullptr;
        const std::vector<std::size_t>* index = nullptr;
    };

    // `values` in row order, padding rows set to `padding`; pointers into
    // `host` (default: `values`) are then found on the device.
    double* mirror_rows(const std::vector<double>& values, double padding, const std::vector<double>* host = nullptr);
    double* mirror_instances(const std::vector<double>& host, const std::vector<std::size_t>& order, const std::vector<std::size_t>* index);

    void mirror_cable(const lowered_cell& c);
    void mirror_ions(const lowered_cell& c);
    device_mechanism mirror_mechanism(const lowered_cell& c, std::size_t mi);

    gpu_layout layout_;
    device_arena arena_;
    std::vector<mirrored> mirrors_;
    std::vector<std::vector<std::size_t>> instance_index_;   // per mechanism: host instance -> device instance
    std::vector<std::size_t> host_row_;
    const double* area_ = nullptr;   // per row, for mechanisms that read geometry
    const double* diam_ = nullptr;
    std::map<const double*, double*> device_base_;   // host array -> its device copy, for ion views
};

} // namespace cajal::gpu
