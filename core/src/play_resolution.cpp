// Resolving and checking played parameters (see play_resolution.hpp).
#include "play_resolution.hpp"

#include <cmath>
#include <string>

#include "number_text.hpp"

namespace cajal {

namespace {

std::string names_of(const std::vector<field_info>& fields) {
    std::string out;
    for (const auto& f: fields) out += (out.empty() ? "" : ", ") + f.name;
    return out.empty() ? "none" : out;
}

bool has_field(const std::vector<field_info>& fields, const std::string& name) {
    for (const auto& f: fields) {
        if (f.name == name) return true;
    }
    return false;
}

// The parameter a play sets: only parameters may be played, since states and
// assigned values are the mechanism's to compute.
const field_info& played_parameter(const std::string& name, const mechanism_info& info, const model_address& where) {
    if (const auto* f = info.find_parameter(name)) return *f;
    const std::string parameters = names_of(info.parameters);
    const char* kind = has_field(info.states, name) ? "a state" : has_field(info.assigned, name) ? "an assigned value" : nullptr;
    if (kind) throw model_error(where, info.name + "." + name + " is " + kind + ", not a parameter: only parameters can be played; parameters: " + parameters);
    throw model_error(where, "unknown parameter of " + info.name + "; known: " + parameters);
}

// One waveform's checks; a fault names its key below `item` ("placed[0].play.amp").
class waveform_checker {
public:
    waveform_checker(const model_address& address, std::string item, const mechanism_info& info, const field_info& parameter):
        address_(address), item_(std::move(item)), info_(info), parameter_(parameter) {}

    void operator()(const ramp_waveform& w) const {
        finite("ramp.start", w.start);
        finite("ramp.stop", w.stop);
        if (!(w.stop > w.start)) fail("ramp.stop", "must be after start (" + number_text(w.start) + " ms), not " + number_text(w.stop) + " ms");
        in_range("ramp.from", w.from);
        in_range("ramp.to", w.to);
    }

    void operator()(const sine_waveform& w) const {
        finite("sine.start", w.start);
        if (std::isnan(w.stop) || !(w.stop > w.start)) fail("sine.stop", "must be after start (" + number_text(w.start) + " ms), not " + number_text(w.stop) + " ms");
        finite("sine.frequency", w.frequency);
        if (!(w.frequency > 0)) fail("sine.frequency", "must be positive, not " + number_text(w.frequency) + " Hz");
        finite("sine.phase", w.phase);
        in_range("sine.offset", w.offset);
        finite("sine.amplitude", w.amplitude);
        in_range("sine.amplitude", w.offset - std::fabs(w.amplitude));
        in_range("sine.amplitude", w.offset + std::fabs(w.amplitude));
    }

    void operator()(const pulse_train& w) const {
        finite("pulses.start", w.start);
        finite("pulses.interval", w.interval);
        if (!(w.interval > 0)) fail("pulses.interval", "must be positive, not " + number_text(w.interval) + " ms");
        finite("pulses.width", w.width);
        if (!(w.width > 0 && w.width <= w.interval)) {
            fail("pulses.width", "must be positive and at most the interval (" + number_text(w.interval) + " ms), not " + number_text(w.width) + " ms");
        }
        in_range("pulses.base", w.base);
        finite("pulses.amplitude", w.amplitude);
        in_range("pulses.amplitude", w.base + w.amplitude);
    }

    void operator()(const series_waveform& w) const {
        if (w.times.empty()) fail("series.times", "must hold at least one time");
        if (w.values.size() != w.times.size()) {
            fail("series.values", "has " + std::to_string(w.values.size()) + " values for " + std::to_string(w.times.size()) + " times");
        }
        for (std::size_t k = 0; k < w.times.size(); ++k) {
            const std::string at = "series.times[" + std::to_string(k) + "]";
            finite(at, w.times[k]);
            if (k > 0 && !(w.times[k] > w.times[k - 1])) {
                fail(at, "times must increase: " + number_text(w.times[k]) + " ms after " + number_text(w.times[k - 1]) + " ms");
            }
        }
        for (std::size_t k = 0; k < w.values.size(); ++k) in_range("series.values[" + std::to_string(k) + "]", w.values[k]);
    }

private:
    [[noreturn]] void fail(const std::string& key, const std::string& message) const {
        model_address where = address_;
        where.item = item_ + "." + key;
        throw model_error(where, message);
    }

    void finite(const std::string& key, double x) const {
        if (!std::isfinite(x)) fail(key, "must be a finite number, not " + number_text(x));
    }

    void in_range(const std::string& key, double x) const {
        finite(key, x);
        if (!parameter_.in_range(x)) {
            fail(key, "the waveform reaches " + number_text(x) + ", outside the range [" + number_text(parameter_.lower) + ", " +
                          number_text(parameter_.upper) + "] of " + info_.name + "." + parameter_.name);
        }
    }

    const model_address& address_;
    std::string item_;
    const mechanism_info& info_;
    const field_info& parameter_;
};

} // namespace

std::vector<template_play> resolve_plays(const cell_model& cell, const cell_template& t, const mechanism_order& order,
                                         const model_address& address) {
    std::vector<template_play> plays;
    for (std::size_t i = 0; i < cell.placed.size(); ++i) {
        const auto& p = cell.placed[i];
        if (p.play.empty()) continue;
        const auto& where = t.labels.at(p.label);   // labels are unique: make_cell_template checked them
        const auto& info = order.mechanisms[t.mechanisms[where.slot].mechanism]->info;
        for (const auto& [name, shape]: p.play) {
            model_address at = address;
            at.item = "placed[" + std::to_string(i) + "].play." + name;
            const auto& parameter = played_parameter(name, info, at);
            std::visit(waveform_checker(address, at.item, info, parameter), shape);
            plays.push_back({where.slot, where.instance, *info.instance_field_index(name), shape});
        }
    }
    return plays;
}

} // namespace cajal
