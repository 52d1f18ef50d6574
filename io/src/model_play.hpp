#pragma once
// A placed point process's `play` (docs/model-format.md, `cell.place`): the
// waveform each parameter follows. The JSON is checked here; the parameter
// and the waveform's values by core, when the model is prepared.

#include <map>
#include <optional>
#include <string>

#include <cajal/core/waveform.hpp>

#include "model_json.hpp"

namespace cajal::model_io {

std::map<std::string, waveform> read_play(const std::optional<json_value>& section);

} // namespace cajal::model_io
