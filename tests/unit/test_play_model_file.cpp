// `play` in a model file (docs/model-format.md, `cell.place`): what it reads
// into, and every fault at its JSON path: the JSON's own when reading, the
// parameter and the waveform's values when core prepares the model.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include <cajal/io/model_file.hpp>

#include "test_support.hpp"

namespace {

using nlohmann::json;

// The ball-and-stick cell with hh, an IClamp whose amp follows a ramp, and an SEClamp.
json played_model() {
    return json::parse(R"({
      "cell": {
        "morphology": {"file": "cells/ball_and_stick.swc"},
        "paint": [{"region": "all", "mechanism": "hh"}],
        "place": [
          {"label": "stim", "location": "soma", "mechanism": "IClamp", "parameters": {"dur": 1e9},
           "play": {"amp": {"ramp": {"start": 1, "stop": 5, "from": 0, "to": 0.5}}}},
          {"label": "clamp", "location": "soma", "mechanism": "SEClamp", "parameters": {"dur1": 1e9}}
        ]
      },
      "simulation": {"tstop": 5}
    })");
}

cajal::model_file parse(const json& model) {
    return cajal::parse_model_file(model.dump(), "model.json", cajal::test::test_data("models"));
}

std::string error_of(const json& model) {
    try {
        parse(model).prepare();
    } catch (const cajal::model_file_error& e) {
        return e.what();
    }
    FAIL("the model was accepted: " << model.dump());
    return {};
}

// played_model() with the IClamp's play replaced.
json playing(const json& play) {
    auto m = played_model();
    m["cell"]["place"][0]["play"] = play;
    return m;
}

json with_amp(const json& waveform) { return playing({{"amp", waveform}}); }

} // namespace

TEST_CASE("a place entry's play becomes its waveforms, every kind and its defaults", "[model][play]") {
    auto m = playing({{"amp", {{"sine", {{"amplitude", 0.2}, {"frequency", 10}}}}},
                      {"del", {{"pulses", {{"interval", 5}, {"width", 1}, {"number", 2}, {"amplitude", 3}}}}},
                      {"dur", {{"series", {{"times", {0, 2}}, {"values", {1, 3}}, {"interpolate", false}}}}}});
    m["cell"]["place"][1]["play"] = {{"amp1", {{"ramp", {{"start", 0}, {"stop", 1}, {"from", -70}, {"to", -20}}}}}};
    const auto file = parse(m);
    file.prepare();
    const auto& placed = file.model.populations.at(0).cell.placed;
    REQUIRE(placed.size() == 2);
    REQUIRE(placed[0].play.size() == 3);
    const auto& sine = std::get<cajal::sine_waveform>(placed[0].play.at("amp"));
    CHECK(sine.start == 0);
    CHECK(std::isinf(sine.stop));
    CHECK(sine.amplitude == 0.2);
    CHECK(sine.frequency == 10);
    CHECK(sine.phase == 0);
    CHECK(sine.offset == 0);
    const auto& pulses = std::get<cajal::pulse_train>(placed[0].play.at("del"));
    CHECK(pulses.start == 0);
    CHECK(pulses.number == 2);
    CHECK(pulses.base == 0);
    const auto& series = std::get<cajal::series_waveform>(placed[0].play.at("dur"));
    CHECK(series.times == std::vector<double>{0, 2});
    CHECK(series.values == std::vector<double>{1, 3});
    CHECK(!series.interpolate);
    const auto& ramp = std::get<cajal::ramp_waveform>(placed[1].play.at("amp1"));
    CHECK(ramp.from == -70);
    CHECK(ramp.to == -20);
}

TEST_CASE("faults in the JSON of a play are reported at their path", "[model][play]") {
    CHECK(error_of(with_amp({{"ramp", {{"start", 1}, {"stop", 5}, {"from", 0}, {"end", 1}}}})) ==
          "model.json: cell.place[0].play.amp.ramp.end: unknown key; known: start, stop, from, to");
    CHECK(error_of(with_amp({{"ramp", {{"start", 1}, {"stop", 5}, {"from", 0}}}})) == "model.json: cell.place[0].play.amp.ramp.to: missing (required)");
    CHECK(error_of(with_amp(json::object())) == "model.json: cell.place[0].play.amp: a waveform needs one of ramp, sine, pulses or series");
    CHECK(error_of(with_amp({{"ramp", {{"start", 1}, {"stop", 5}, {"from", 0}, {"to", 1}}}, {"sine", {{"amplitude", 1}, {"frequency", 1}}}})) ==
          "model.json: cell.place[0].play.amp.sine: a waveform has one of ramp, sine, pulses or series, not several");
    CHECK(error_of(with_amp({{"square", 1}})) == "model.json: cell.place[0].play.amp.square: unknown key; known: ramp, sine, pulses, series");
    CHECK(error_of(with_amp(3)) == "model.json: cell.place[0].play.amp: expected an object, not a number");
    CHECK(error_of(playing(json::array())) == "model.json: cell.place[0].play: expected an object, not an array");
    CHECK(error_of(with_amp({{"sine", {{"amplitude", "big"}, {"frequency", 1}}}})) ==
          "model.json: cell.place[0].play.amp.sine.amplitude: expected a number, not a string");
    CHECK(error_of(with_amp({{"pulses", {{"interval", 2}, {"width", 1}, {"number", 2.5}, {"amplitude", 1}}}})) ==
          "model.json: cell.place[0].play.amp.pulses.number: expected a whole number of at least 0, not 2.5");
    CHECK(error_of(with_amp({{"series", {{"times", {0, "1"}}, {"values", {0, 1}}, {"interpolate", true}}}})) ==
          "model.json: cell.place[0].play.amp.series.times[1]: expected a number, not a string");
    CHECK(error_of(with_amp({{"series", {{"times", {0, 1}}, {"values", {0, 1}}, {"interpolate", 1}}}})) ==
          "model.json: cell.place[0].play.amp.series.interpolate: expected true or false, not a number");
    CHECK(error_of(with_amp({{"series", {{"times", {0, 1}}, {"values", {0, 1}}}}})) ==
          "model.json: cell.place[0].play.amp.series.interpolate: missing (required)");
    auto unknown = played_model();
    unknown["cell"]["place"][0]["plays"] = 1;
    CHECK(error_of(unknown) == "model.json: cell.place[0].plays: unknown key; known: label, location, mechanism, parameters, play");
}

TEST_CASE("a played parameter must be one of its mechanism's parameters", "[model][play]") {
    const json ramp = {{"ramp", {{"start", 1}, {"stop", 5}, {"from", 0}, {"to", 1}}}};
    CHECK(error_of(playing({{"ampl", ramp}})) == "model.json: cell.place[0].play.ampl: unknown parameter of IClamp; known: del, dur, amp");
    CHECK(error_of(playing({{"i", ramp}})) ==
          "model.json: cell.place[0].play.i: IClamp.i is an assigned value, not a parameter: only parameters can be played; parameters: del, dur, amp");
    auto on_seclamp = played_model();
    on_seclamp["cell"]["place"][1]["play"] = {{"vc", ramp}};
    CHECK(error_of(on_seclamp) ==
          "model.json: cell.place[1].play.vc: SEClamp.vc is an assigned value, not a parameter: only parameters can be played; parameters: rs, dur1, amp1, dur2, amp2, dur3, amp3");
}

TEST_CASE("a waveform's values are checked where they are written", "[model][play]") {
    CHECK(error_of(with_amp({{"ramp", {{"start", 5}, {"stop", 5}, {"from", 0}, {"to", 1}}}})) ==
          "model.json: cell.place[0].play.amp.ramp.stop: must be after start (5 ms), not 5 ms");
    CHECK(error_of(with_amp({{"sine", {{"start", 2}, {"stop", 1}, {"amplitude", 1}, {"frequency", 1}}}})) ==
          "model.json: cell.place[0].play.amp.sine.stop: must be after start (2 ms), not 1 ms");
    CHECK(error_of(with_amp({{"sine", {{"amplitude", 1}, {"frequency", 0}}}})) ==
          "model.json: cell.place[0].play.amp.sine.frequency: must be positive, not 0 Hz");
    CHECK(error_of(with_amp({{"pulses", {{"interval", 0}, {"width", 1}, {"number", 2}, {"amplitude", 1}}}})) ==
          "model.json: cell.place[0].play.amp.pulses.interval: must be positive, not 0 ms");
    CHECK(error_of(with_amp({{"pulses", {{"interval", 2}, {"width", 3}, {"number", 2}, {"amplitude", 1}}}})) ==
          "model.json: cell.place[0].play.amp.pulses.width: must be positive and at most the interval (2 ms), not 3 ms");
    CHECK(error_of(with_amp({{"series", {{"times", {0, 2, 1}}, {"values", {0, 1, 2}}, {"interpolate", true}}}})) ==
          "model.json: cell.place[0].play.amp.series.times[2]: times must increase: 1 ms after 2 ms");
    CHECK(error_of(with_amp({{"series", {{"times", {0, 2, 2}}, {"values", {0, 1, 2}}, {"interpolate", false}}}})) ==
          "model.json: cell.place[0].play.amp.series.times[2]: times must increase: 2 ms after 2 ms");
    CHECK(error_of(with_amp({{"series", {{"times", {0, 1, 2}}, {"values", {0, 1}}, {"interpolate", true}}}})) ==
          "model.json: cell.place[0].play.amp.series.values: has 2 values for 3 times");
    CHECK(error_of(with_amp({{"series", {{"times", json::array()}, {"values", json::array()}, {"interpolate", true}}}})) ==
          "model.json: cell.place[0].play.amp.series.times: must hold at least one time");
    // Values stay in the parameter's range, as parameters do.
    CHECK(error_of(playing({{"dur", {{"ramp", {{"start", 0}, {"stop", 1}, {"from", 1}, {"to", -1}}}}}})) ==
          "model.json: cell.place[0].play.dur.ramp.to: the waveform reaches -1, outside the range [0, 1e+09] of IClamp.dur");
    CHECK(error_of(playing({{"del", {{"sine", {{"amplitude", 2}, {"frequency", 5}, {"offset", 1}}}}}})) ==
          "model.json: cell.place[0].play.del.sine.amplitude: the waveform reaches -1, outside the range [0, 1e+09] of IClamp.del");
    CHECK(error_of(playing({{"del", {{"series", {{"times", {0, 1}}, {"values", {1, -2}}, {"interpolate", true}}}}}})) ==
          "model.json: cell.place[0].play.del.series.values[1]: the waveform reaches -2, outside the range [0, 1e+09] of IClamp.del");
}

TEST_CASE("a network's plays are checked at their cell's path", "[model][play]") {
    auto m = json::parse(R"({
      "cells": {"pyr": {
        "morphology": {"file": "cells/ball_and_stick.swc"},
        "paint": [{"region": "all", "mechanism": "hh"}],
        "place": [{"label": "stim", "location": "soma", "mechanism": "IClamp",
                   "play": {"amp": {"series": {"times": [1, 0], "values": [0, 1], "interpolate": true}}}}]
      }},
      "populations": [{"name": "p", "cell": "pyr", "count": 2}]
    })");
    CHECK(error_of(m) == "model.json: cells.pyr.place[0].play.amp.series.times[1]: times must increase: 0 ms after 1 ms");
}
