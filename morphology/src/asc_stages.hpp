#pragma once
// The two stages of reading a Neurolucida ASC file, private to the morphology
// library: parsing the text into the sections Import3d_Neurolucida3's grammar
// creates, then its post-processing (somas first, stacked contours, trees
// joined to the soma) into a reconstruction.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/morphology/reconstruction.hpp>

namespace cajal::asc_detail {

struct asc_point {
    double x = 0, y = 0, z = 0, d = 0;
    std::size_t line = 0, column = 0;  // of its '('
};

// A section as Import3d_Neurolucida3's newsec() makes it, in the order made.
struct asc_section {
    int type = 0;                 // 1 for a soma contour; 2, 3, 4 for Axon, Dendrite, Apical trees; else 0
    std::ptrdiff_t parent = -1;   // the enclosing branch (index into parsed_asc::sections)
    bool contour = false;
    // points[0] repeats the parent's last point, with this section's first
    // diameter: Import3d adds it where the branch does not start there.
    bool starts_at_parent = false;
    std::vector<asc_point> points;
    std::size_t line = 0, column = 0;  // of its first own point
};

struct parsed_asc {
    std::vector<asc_section> sections;
    std::vector<morphology_warning> warnings;
};

parsed_asc parse_asc_sections(std::string_view text, const std::string& name);

reconstruction asc_reconstruction(parsed_asc parsed, const std::string& name);

} // namespace cajal::asc_detail
