#pragma once
// Rallpack reference traces and the classic error measure.

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace cajal::test {

struct reference_trace {
    std::vector<double> t_ms, v_mv;
};

// Two columns: time in s, potential in V.
inline reference_trace read_rallpack(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    reference_trace r;
    double t = 0, v = 0;
    while (in >> t >> v) {
        r.t_ms.push_back(t * 1e3);
        r.v_mv.push_back(v * 1e3);
    }
    return r;
}

// RMS difference over the trace divided by the reference's range (peak − trough).
inline double normalised_rms(const std::vector<double>& reference, const std::vector<double>& values) {
    if (reference.size() != values.size() || reference.empty()) throw std::invalid_argument("traces differ in length");
    double sum = 0, lo = reference[0], hi = reference[0];
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const double d = values[i] - reference[i];
        sum += d * d;
        lo = std::min(lo, reference[i]);
        hi = std::max(hi, reference[i]);
    }
    return std::sqrt(sum / double(reference.size())) / (hi - lo);
}

} // namespace cajal::test
