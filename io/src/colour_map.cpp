#include "colour_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace cajal {

namespace {

// matplotlib's viridis at 0, 0.1, ..., 1.
constexpr std::array<std::string_view, 11> viridis = {"#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c",
                                                      "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725"};

int channel(std::string_view colour, std::size_t which) {
    return static_cast<int>(std::strtol(std::string(colour.substr(1 + 2 * which, 2)).c_str(), nullptr, 16));
}

} // namespace

std::span<const std::string_view> colour_map_anchors() { return viridis; }

std::string colour_map_at(double t) {
    const double steps = 255;
    t = std::round(std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * steps) / steps;
    const double at = t * double(viridis.size() - 1);
    const auto lower = std::min(static_cast<std::size_t>(at), viridis.size() - 2);
    const double f = at - double(lower);
    std::array<int, 3> rgb{};
    for (std::size_t c = 0; c < 3; ++c) {
        rgb[c] = static_cast<int>(std::lround(std::lerp(double(channel(viridis[lower], c)), double(channel(viridis[lower + 1], c)), f)));
    }
    return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

} // namespace cajal
