// The spike raster of the run's plot: a row per gid, a band per population,
// a tick per spike. However many spikes there are, it is a handful of
// elements: one path per population, holding each distinct tick position once.
#include "run_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <numeric>

#include <fmt/format.h>

#include "xml_text.hpp"

namespace cajal::run_plot {

namespace {

constexpr double row_height = 10;    // px per member while they fit
constexpr double min_band = 18;      // px: a population's name fits
constexpr double max_height = 320;   // px: beyond it members share pixel rows
constexpr double two_lines = 30;     // px: a band that fits its gids under its name
constexpr double max_tick = 10;      // px: a tick's length
constexpr double grid = 2;           // ticks snap to half pixels, so equal ones merge

struct band {
    std::uint64_t first_gid = 0, count = 0;
    double top = 0, height = 0;
    double row_centre(std::uint64_t gid) const { return top + (double(gid - first_gid) + 0.5) * height / double(count); }
};

std::vector<double> band_heights(const std::vector<plot_population>& populations) {
    std::vector<double> heights;
    double wanted = 0, members = 0;
    for (const auto& p: populations) {
        heights.push_back(std::max(min_band, row_height * double(p.count)));
        wanted += heights.back();
        members += double(p.count);
    }
    if (wanted <= max_height) return heights;
    // Too many members for rows of their own: each band keeps room for its
    // name, and the rest of the height goes by member count.
    const double spare = std::max(0.0, max_height - min_band * double(populations.size()));
    for (std::size_t i = 0; i < populations.size(); ++i) {
        heights[i] = min_band + (members > 0 ? spare * double(populations[i].count) / members : 0);
    }
    return heights;
}

std::vector<band> bands_of(const std::vector<plot_population>& populations, double top) {
    std::vector<band> bands;
    std::uint64_t gid = 0;
    const std::vector<double> heights = band_heights(populations);
    for (std::size_t i = 0; i < populations.size(); ++i) {
        bands.push_back({gid, populations[i].count, top, heights[i]});
        gid += populations[i].count;
        top += heights[i];
    }
    return bands;
}

// The ticks of one population's spikes as one path, each distinct position once.
std::string ticks_path(const band& b, const std::vector<const spike_record*>& spikes, const time_axis& time) {
    const double length = std::clamp(0.8 * b.height / double(b.count), 1.0, max_tick);
    std::vector<std::uint64_t> positions;
    positions.reserve(spikes.size());
    for (const spike_record* s: spikes) {
        const auto x = static_cast<std::uint64_t>(std::lround(time.x(s->time) * grid));
        const auto y = static_cast<std::uint64_t>(std::lround((b.row_centre(s->gid) - length / 2) * grid));
        positions.push_back(x << 32 | y);
    }
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    std::string d;
    for (std::uint64_t p: positions) {
        fmt::format_to(std::back_inserter(d), "M{:g} {:g}v{:g}", double(p >> 32) / grid, double(p & 0xffffffffu) / grid, length);
    }
    return fmt::format(R"(<path class="spikes" stroke="#222" stroke-width="1" fill="none" d="{}"/>)" "\n", d);
}

} // namespace

std::string gid_text(std::uint64_t first, std::uint64_t count) {
    return count == 1 ? fmt::format("gid {}", first) : fmt::format("gids {}–{}", first, first + count - 1);
}

double raster_height(const std::vector<plot_population>& populations) {
    const std::vector<double> heights = band_heights(populations);
    return std::max(min_band, std::accumulate(heights.begin(), heights.end(), 0.0));
}

void draw_raster(std::string& svg, const std::vector<plot_population>& populations, const std::vector<spike_record>& spikes,
                 const time_axis& time, double top, double height) {
    const std::vector<band> bands = bands_of(populations, top);
    std::vector<std::vector<const spike_record*>> by_band(bands.size());
    for (const spike_record& s: spikes) {
        const auto it = std::upper_bound(bands.begin(), bands.end(), s.gid, [](std::uint64_t gid, const band& b) { return gid < b.first_gid; });
        if (it == bands.begin()) continue;
        const auto& b = *std::prev(it);
        if (s.gid < b.first_gid + b.count) by_band[static_cast<std::size_t>(std::prev(it) - bands.begin())].push_back(&s);
    }

    svg += "<g class=\"raster\">\n";
    const double legend_left = plot_left + plot_width + legend_gap;
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const band& b = bands[i];
        if (i % 2 == 1) {
            svg += fmt::format(R"(<rect x="{}" y="{:.2f}" width="{}" height="{:.2f}" fill="#f3f3f3"/>)" "\n", plot_left, b.top, plot_width, b.height);
        }
        const double centre = b.top + b.height / 2;
        if (b.height >= two_lines) {
            svg += fmt::format(R"(<text class="population" x="{}" y="{:.2f}">{}</text>)" "\n", legend_left, centre - 2, legend_text(populations[i].name));
            svg += fmt::format(R"(<text class="gids" x="{}" y="{:.2f}" font-size="10" fill="#666">{}</text>)" "\n", legend_left, centre + 11,
                               gid_text(b.first_gid, b.count));
        } else {
            svg += fmt::format(R"(<text class="population" x="{}" y="{:.2f}" dy="0.35em">{}</text>)" "\n", legend_left, centre,
                               legend_text(populations[i].name));
        }
    }
    draw_frame(svg, time, top, height, true);
    draw_y_label(svg, "spikes", top, height);
    for (std::size_t i = 0; i < bands.size(); ++i) {
        if (!by_band[i].empty()) svg += ticks_path(bands[i], by_band[i], time);
    }
    svg += "</g>\n";
}

} // namespace cajal::run_plot
