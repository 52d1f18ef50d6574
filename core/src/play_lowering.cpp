// Lowering played parameters (see play_lowering.hpp).
#include "play_lowering.hpp"

#include <type_traits>
#include <variant>

namespace cajal {

namespace {

using kernels::waveform_kind;
using kernels::waveform_shape;

// A waveform's flat form; a series' points are placed by the caller.
waveform_shape flat(const waveform& w) {
    waveform_shape s;
    std::visit(
        [&](const auto& x) {
            using kind = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<kind, ramp_waveform>) {
                s.kind = waveform_kind::ramp;
                s.start = x.start;
                s.stop = x.stop;
                s.from = x.from;
                s.to = x.to;
            } else if constexpr (std::is_same_v<kind, sine_waveform>) {
                s.kind = waveform_kind::sine;
                s.start = x.start;
                s.stop = x.stop;
                s.amplitude = x.amplitude;
                s.frequency = x.frequency;
                s.phase = x.phase;
                s.base = x.offset;
            } else if constexpr (std::is_same_v<kind, pulse_train>) {
                s.kind = waveform_kind::pulses;
                s.start = x.start;
                s.interval = x.interval;
                s.width = x.width;
                s.number = x.number;
                s.amplitude = x.amplitude;
                s.base = x.base;
            } else {
                s.kind = x.interpolate ? waveform_kind::series_interpolated : waveform_kind::series_stepped;
                s.count = x.times.size();
            }
        },
        w);
    return s;
}

} // namespace

void play_lowering::append(const std::vector<template_play>& plays, const cell_template& t, const std::vector<std::size_t>& local,
                           const std::vector<std::size_t>& bases, lowered_cell& c) {
    auto& group = c.plays;
    for (const auto& p: plays) {
        const played_field target{local[t.mechanisms[p.slot].mechanism], p.field, bases[p.slot] + p.instance};
        auto shape = flat(p.shape);
        shape.own = c.mechanisms[target.mechanism].fields[target.field][target.instance];
        if (const auto* series = std::get_if<series_waveform>(&p.shape)) {
            const auto [it, fresh] = series_first_.try_emplace(series, group.series_times.size());
            if (fresh) {
                group.series_times.insert(group.series_times.end(), series->times.begin(), series->times.end());
                group.series_values.insert(group.series_values.end(), series->values.begin(), series->values.end());
            }
            shape.first = it->second;
        }
        group.fields.push_back(target);
        group.shapes.push_back(shape);
    }
}

} // namespace cajal
