#pragma once
// Waveforms written as a model file's `play` writes them
// (docs/model-format.md, `cell.place`): for NEURON's reference runs and for
// the model files tests write.

#include <cmath>
#include <map>
#include <string>
#include <type_traits>
#include <variant>

#include <nlohmann/json.hpp>

#include <cajal/core/waveform.hpp>

namespace cajal::test {

inline nlohmann::json waveform_json(const waveform& w) {
    return std::visit(
        [](const auto& x) {
            using kind = std::decay_t<decltype(x)>;
            nlohmann::json j;
            if constexpr (std::is_same_v<kind, ramp_waveform>) {
                j["ramp"] = {{"start", x.start}, {"stop", x.stop}, {"from", x.from}, {"to", x.to}};
            } else if constexpr (std::is_same_v<kind, sine_waveform>) {
                j["sine"] = {{"start", x.start}, {"amplitude", x.amplitude}, {"frequency", x.frequency}, {"phase", x.phase}, {"offset", x.offset}};
                if (std::isfinite(x.stop)) j["sine"]["stop"] = x.stop;   // absent: never
            } else if constexpr (std::is_same_v<kind, pulse_train>) {
                j["pulses"] = {{"start", x.start}, {"interval", x.interval}, {"width", x.width},
                               {"number", x.number}, {"amplitude", x.amplitude}, {"base", x.base}};
            } else {
                j["series"] = {{"times", x.times}, {"values", x.values}, {"interpolate", x.interpolate}};
            }
            return j;
        },
        w);
}

inline nlohmann::json play_json(const std::map<std::string, waveform>& play) {
    auto j = nlohmann::json::object();
    for (const auto& [parameter, w]: play) j[parameter] = waveform_json(w);
    return j;
}

} // namespace cajal::test
