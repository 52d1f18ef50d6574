// A network file's spike sources: NetStim-like regular trains, Poisson trains
// and explicit times.
#include <stdexcept>

#include <fmt/format.h>

#include "network_sections.hpp"

namespace cajal::model_io {

namespace {

// The core's message without its "KIND spike source: " prefix, at `where`.
[[noreturn]] void fail_invalid(const json_value& where, const std::invalid_argument& e) {
    std::string message = e.what();
    if (const auto colon = message.find("spike source: "); colon != std::string::npos) message = message.substr(colon + 14);
    where.fail(message);
}

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
    if (const auto x = obj.optional("stop")) {
        s.stop = x->non_negative_number();
        if (s.stop < s.start) x->fail(fmt::format("stop {} ms is before start {} ms", format_number(s.stop), format_number(s.start)));
    }
    if (const auto x = obj.optional("seed")) s.seed = x->whole_number();
    return s;
}

spike_source_spec read_times(const json_value& v) {
    explicit_spikes s;
    for (const json_value& t: v.elements()) {
        s.times.push_back(t.non_negative_number());
        if (s.times.size() > 1 && s.times.back() < s.times[s.times.size() - 2]) {
            t.fail(fmt::format("times must be in increasing order; {} ms comes after {} ms", format_number(s.times.back()),
                               format_number(s.times[s.times.size() - 2])));
        }
    }
    return s;
}

} // namespace

spike_source_spec read_spike_source(const json_object& entry) {
    const char* kinds = "one of regular, poisson or times";
    std::optional<spike_source_spec> spec;
    std::optional<json_value> where;
    for (const char* kind: {"regular", "poisson", "times"}) {
        const auto v = entry.optional(kind);
        if (!v) continue;
        if (spec) v->fail(fmt::format("a source has {}, not several", kinds));
        spec = std::string_view(kind) == "regular" ? read_regular(*v) : std::string_view(kind) == "poisson" ? read_poisson(*v) : read_times(*v);
        where = v;
    }
    if (!spec) entry.value().fail(fmt::format("a source needs {}", kinds));
    try {
        validate(*spec);
    } catch (const std::invalid_argument& e) {
        fail_invalid(*where, e);
    }
    return *spec;
}

} // namespace cajal::model_io
