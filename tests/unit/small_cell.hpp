#pragma once
// A small hand-built cell whose regions, locations and distances are known by
// hand: 0 soma (three points, ends at ±5 µm around the centre at the origin,
// 10 µm long), 1 axon (45 µm, from the soma's x = 0 end), 2 and 3 basal
// dendrites (√325 µm, then 10 µm), 4 apical (95 µm from the soma's middle,
// radius 2 to 1 µm), 5 a custom type 7 (10 µm, after the apical one).

#include <vector>

#include <cajal/morphology/morphology.hpp>

namespace cajal::test {

inline branch piece(std::ptrdiff_t parent, double parent_x, int type, std::vector<point3> points) {
    branch b;
    b.parent = parent;
    b.parent_x = parent_x;
    b.type = type;
    b.points = std::move(points);
    return b;
}

inline morphology small_cell() {
    return morphology({piece(-1, 1, swc_soma, {{-5, 0, 0, 5}, {0, 0, 0, 5}, {5, 0, 0, 5}}),
                       piece(0, 0, swc_axon, {{-5, 0, 0, 0.5}, {-50, 0, 0, 0.5}}),
                       piece(0, 1, swc_basal, {{5, 0, 0, 1}, {20, 10, 0, 1}}),
                       piece(2, 1, swc_basal, {{20, 10, 0, 0.5}, {30, 10, 0, 0.5}}),
                       piece(0, 0.5, swc_apical, {{0, 5, 0, 2}, {0, 100, 0, 1}}),
                       piece(4, 1, 7, {{0, 100, 0, 1}, {0, 110, 0, 1}})},
                      {{1, 0, 0.5}, {2, 0, 0.0}, {3, 0, 1.0}, {10, 2, 1.0}, {42, 4, 0.25}}, {});
}

} // namespace cajal::test
