// What every panel of the run's plot shares: its frame, the time grid and the
// label of its vertical axis.
#include "run_plot.hpp"

#include <fmt/format.h>

#include "xml_text.hpp"

namespace cajal::run_plot {

void draw_frame(std::string& svg, const time_axis& time, double top, double height, bool labelled) {
    const double bottom = top + height;
    for (double t: time.ticks.at) {
        const double x = time.x(t);
        svg += fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" stroke="#eee"/>)" "\n", x, top, bottom);
        svg += fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" stroke="#444"/>)" "\n", x, bottom, bottom + 5);
        if (labelled) {
            svg += fmt::format(R"(<text class="time-tick" x="{:.2f}" y="{:.2f}" text-anchor="middle">{}</text>)" "\n", x, bottom + 18,
                               tick_text(t, time.ticks));
        }
    }
    svg += fmt::format(R"(<rect x="{}" y="{:.2f}" width="{}" height="{:.2f}" fill="none" stroke="#444"/>)" "\n", plot_left, top,
                       plot_width, height);
}

void draw_y_label(std::string& svg, std::string_view text, double top, double height) {
    const double y = top + height / 2;
    svg += fmt::format(R"svg(<text class="axis-label" x="20" y="{0:.2f}" text-anchor="middle" transform="rotate(-90 20 {0:.2f})">{1}</text>)svg" "\n", y,
                       escape_xml(text));
}

std::string legend_text(std::string_view name) {
    // Counted in UTF-8 code points, so that a cut never splits a character.
    std::size_t chars = 0, cut = name.size();
    for (std::size_t i = 0; i < name.size(); ++i) {
        if ((static_cast<unsigned char>(name[i]) & 0xC0) == 0x80) continue;
        if (chars == max_legend_chars - 1) cut = i;
        if (++chars > max_legend_chars) return escape_xml(name.substr(0, cut)) + "…";
    }
    return escape_xml(name);
}

} // namespace cajal::run_plot
