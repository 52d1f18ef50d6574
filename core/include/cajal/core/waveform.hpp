#pragma once
// A waveform that a parameter of a placed point process follows over time
// (NEURON's Vector.play into it): a ramp, a sine, a train of pulses or a
// series of points. Values are in the parameter's units, times in ms.
// docs/numerics.md says when, within a step, a played parameter is set.

#include <cstddef>
#include <limits>
#include <variant>
#include <vector>

namespace cajal {

// `from` until `start`, then linear to `to` at `stop`, then `to`.
struct ramp_waveform {
    double start = 0, stop = 0;   // ms, start < stop
    double from = 0, to = 0;
};

// offset + amplitude · sin(2π · frequency · (t − start) + phase) on [start,
// stop); `offset` outside.
struct sine_waveform {
    double start = 0;                                         // ms
    double stop = std::numeric_limits<double>::infinity();    // ms
    double amplitude = 0;
    double frequency = 0;                                     // Hz, > 0
    double phase = 0;                                         // degrees
    double offset = 0;
};

// `number` pulses of base + amplitude, pulse k on [start + k·interval,
// start + k·interval + width); `base` elsewhere.
struct pulse_train {
    double start = 0;       // ms
    double interval = 0;    // ms, > 0
    double width = 0;       // ms, 0 < width <= interval
    std::size_t number = 0;
    double amplitude = 0;
    double base = 0;
};

// Points (times strictly increasing), played as NEURON plays a vector:
// interpolated (Vector.play's continuous = 1), or each value from its time
// on (continuous = 0).
struct series_waveform {
    std::vector<double> times;   // ms
    std::vector<double> values;
    bool interpolate = true;
};

using waveform = std::variant<ramp_waveform, sine_waveform, pulse_train, series_waveform>;

} // namespace cajal
