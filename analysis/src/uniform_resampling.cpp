#include <cajal/analysis/uniform_resampling.hpp>

#include <cmath>
#include <cstddef>

namespace cajal::analysis {

uniform_samples resample_uniform(const std::vector<double>& time_ms, const std::vector<double>& voltage_mV, double step_ms) {
    const std::size_t n = time_ms.size();
    const double start = time_ms.front();
    const double stop = time_ms.back();
    uniform_samples out;

    // As numpy.arange counts its points: ceil((stop - start) / step) of them,
    // by repeated addition; then one more when the last falls short of stop.
    const auto count = static_cast<std::size_t>(std::ceil((stop - start) / step_ms));
    double t = start;
    for (std::size_t i = 0; i < count; ++i) {
        out.time_ms.push_back(t);
        t += step_ms;
    }
    if (out.time_ms.back() < stop) out.time_ms.push_back(t);

    // j: the sample at or before t, advanced monotonically. A grid time past
    // the last sample takes the last sample's voltage, and ends the grid.
    std::size_t j = 0;
    for (double grid_t: out.time_ms) {
        while (time_ms[j + 1] < grid_t) {
            if (++j + 1 >= n) break;
        }
        if (j + 1 >= n) {
            out.voltage_mV.push_back(voltage_mV[n - 1]);
            break;
        }
        const double slope = (voltage_mV[j + 1] - voltage_mV[j]) / (time_ms[j + 1] - time_ms[j]);
        out.voltage_mV.push_back(voltage_mV[j] + slope * (grid_t - time_ms[j]));
    }
    out.time_ms.resize(out.voltage_mV.size());
    return out;
}

} // namespace cajal::analysis
