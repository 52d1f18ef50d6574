// Spike sources (a network's `sources`, a cell's `stimuli`): NetStim-like
// regular trains, Poisson trains and explicit times; checked by core.

#include <fmt/format.h>

#include "model_sections.hpp"

namespace cajal::model_io {

namespace {

spike_source_spec read_regular(const json_value& v) {
    const json_object obj(v, {"start", "interval", "number"});
    regular_spikes s;
    if (const auto x = obj.optional("start")) s.start = x->non_negative_number();
    s.interval = obj.required("interval").positive_number();
    s.number = obj.required("number").whole_number();
    return s;
}

spike_source_spec read_poisson(const json_value& v) {
    const json_object obj(v, {"rate", "start", "stop", "seed"});
    poisson_spikes s;
    s.rate = obj.required("rate").non_negative_number();
    if (const auto x = obj.optional("start")) s.start = x->non_negative_number();
    if (const auto x = obj.optional("stop")) s.stop = x->non_negative_number();
    if (const auto x = obj.optional("seed")) s.seed = x->whole_number();
    return s;
}

spike_source_spec read_times(const json_value& v) {
    explicit_spikes s;
    for (const json_value& t: v.elements()) s.times.push_back(t.non_negative_number());
    return s;
}

} // namespace

spike_source_spec read_spike_source(const json_object& entry) {
    const char* kinds = "one of regular, poisson or times";
    std::optional<spike_source_spec> spec;
    for (const char* kind: {"regular", "poisson", "times"}) {
        const auto v = entry.optional(kind);
        if (!v) continue;
        if (spec) v->fail(fmt::format("a source has {}, not several", kinds));
        spec = std::string_view(kind) == "regular" ? read_regular(*v) : std::string_view(kind) == "poisson" ? read_poisson(*v) : read_times(*v);
    }
    if (!spec) entry.value().fail(fmt::format("a source needs {}", kinds));
    return *spec;
}

} // namespace cajal::model_io
