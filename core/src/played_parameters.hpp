#pragma once
// A group's played parameters (NEURON's Vector.play into point processes):
// the instance field each sets and the waveform it follows, flat for both
// backends (kernels/waveform.hpp).

#include <cstddef>
#include <vector>

#include <cajal/kernels/waveform.hpp>

namespace cajal {

struct played_field {
    std::size_t mechanism = 0;   // index in the group
    std::size_t field = 0;       // instance-field index
    std::size_t instance = 0;
};

struct played_parameters {
    std::vector<played_field> fields;
    std::vector<kernels::waveform_shape> shapes;   // per field
    // Every series' points, a shape's from its `first`: times (ms), values (the parameter's units).
    std::vector<double> series_times, series_values;

    bool empty() const noexcept { return fields.empty(); }
    std::size_t memory_bytes() const noexcept {
        return fields.size() * sizeof(played_field) + shapes.size() * sizeof(kernels::waveform_shape) +
               (series_times.size() + series_values.size()) * sizeof(double);
    }
};

} // namespace cajal
