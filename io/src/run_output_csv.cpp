// Traces and spikes as CSV.
#include <cajal/io/run_output.hpp>

#include <algorithm>

#include <fmt/format.h>

namespace cajal {

namespace {

// A field quoted when it holds a separator, a quote or a line break (RFC 4180).
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c: text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

// Sampling times are step × dt, computed the same way for every probe, so equal
// times compare equal exactly. Twelve significant digits hide the rounding of dt.
std::string format_time(double t) { return fmt::format("{:.12g}", t); }

} // namespace

std::string traces_csv(const std::vector<trace>& traces) {
    std::string out = "time (ms)";
    for (const auto& tr: traces) out += "," + csv_field(fmt::format("{} ({})", tr.name, tr.units));
    out += '\n';

    std::vector<double> times;
    for (const auto& tr: traces) times.insert(times.end(), tr.times.begin(), tr.times.end());
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());

    std::vector<std::size_t> next(traces.size(), 0);
    for (double t: times) {
        out += format_time(t);
        for (std::size_t k = 0; k < traces.size(); ++k) {
            out += ',';
            const auto& tr = traces[k];
            if (next[k] < tr.times.size() && tr.times[next[k]] == t) {
                out += fmt::format("{}", tr.values[next[k]]);
                ++next[k];
            }
        }
        out += '\n';
    }
    return out;
}

std::string spikes_csv(const std::vector<spike>& spikes) {
    std::string out = "detector,time (ms)\n";
    for (const auto& s: spikes) out += fmt::format("{},{}\n", csv_field(s.detector), format_time(s.time));
    return out;
}

} // namespace cajal
