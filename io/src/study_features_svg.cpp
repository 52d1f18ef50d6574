// features.svg: every feature against the control, as heat maps over a grid
// of two axes, else as a row of dots per feature.
#include <cajal/io/study_output.hpp>

#include "study_features_plot.hpp"

namespace cajal {

std::string study_features_svg(const study& s, const study_results& results, const std::vector<feature_row>& rows, const std::string& title) {
    const auto features = study_plot::compared_features(s, results, rows);
    if (s.grid && s.grid->axes.size() == 2) return study_plot::feature_heat_maps_svg(s, features, title);
    return study_plot::feature_rows_svg(s, features, title);
}

} // namespace cajal
