// Reading `play` (see model_play.hpp).
#include "model_play.hpp"

#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace cajal::model_io {

namespace {

double number_or(const json_object& obj, std::string_view key, double fallback) {
    const auto v = obj.optional(key);
    return v ? v->number() : fallback;
}

std::vector<double> numbers(const json_value& v) {
    std::vector<double> out;
    for (const json_value& x: v.elements()) out.push_back(x.number());
    return out;
}

waveform read_ramp(const json_value& v) {
    const json_object obj(v, {"start", "stop", "from", "to"});
    ramp_waveform w;
    w.start = obj.required("start").number();
    w.stop = obj.required("stop").number();
    w.from = obj.required("from").number();
    w.to = obj.required("to").number();
    return w;
}

waveform read_sine(const json_value& v) {
    const json_object obj(v, {"start", "stop", "amplitude", "frequency", "phase", "offset"});
    sine_waveform w;
    w.start = number_or(obj, "start", w.start);
    w.stop = number_or(obj, "stop", w.stop);
    w.amplitude = obj.required("amplitude").number();
    w.frequency = obj.required("frequency").number();
    w.phase = number_or(obj, "phase", w.phase);
    w.offset = number_or(obj, "offset", w.offset);
    return w;
}

waveform read_pulses(const json_value& v) {
    const json_object obj(v, {"start", "interval", "width", "number", "amplitude", "base"});
    pulse_train w;
    w.start = number_or(obj, "start", w.start);
    w.interval = obj.required("interval").number();
    w.width = obj.required("width").number();
    w.number = obj.required("number").whole_number();
    w.amplitude = obj.required("amplitude").number();
    w.base = number_or(obj, "base", w.base);
    return w;
}

waveform read_series(const json_value& v) {
    const json_object obj(v, {"times", "values", "interpolate"});
    series_waveform w;
    w.times = numbers(obj.required("times"));
    w.values = numbers(obj.required("values"));
    w.interpolate = obj.required("interpolate").boolean();
    return w;
}

waveform read_waveform(const json_value& v) {
    const json_object obj(v, {"ramp", "sine", "pulses", "series"});
    const char* kinds = "one of ramp, sine, pulses or series";
    std::optional<waveform> w;
    using reader = waveform (*)(const json_value&);
    const std::pair<const char*, reader> readers[] = {{"ramp", read_ramp}, {"sine", read_sine}, {"pulses", read_pulses}, {"series", read_series}};
    for (const auto& [kind, read]: readers) {
        const auto x = obj.optional(kind);
        if (!x) continue;
        if (w) x->fail(fmt::format("a waveform has {}, not several", kinds));
        w = read(*x);
    }
    if (!w) v.fail(fmt::format("a waveform needs {}", kinds));
    return *w;
}

} // namespace

std::map<std::string, waveform> read_play(const std::optional<json_value>& section) {
    std::map<std::string, waveform> play;
    if (!section) return play;
    for (const auto& [parameter, value]: section->members()) play[parameter] = read_waveform(value);
    return play;
}

} // namespace cajal::model_io
