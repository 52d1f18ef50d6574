#pragma once
// Small cells that several tests build.

#include "cell_run.hpp"

namespace cajal::test {

// A soma (20 µm long, radius 10 µm, hh) with one 200 µm dendrite (pas, g 1e-4,
// e -65) of `segments` CVs, its radius tapering from 1 µm to `tip_radius`; a
// detector at the soma at -10 mV. Nothing placed, no probes.
// One compartment: a soma 20 µm long with radius 10 µm, one CV, nothing on it.
inline cell_run bare_soma() {
    cell_run m;
    branch soma;
    soma.type = swc_soma;
    soma.points = {{0, 0, 0, 10}, {20, 0, 0, 10}};
    m.morph = morphology({soma}, {}, {});
    m.segments = {1};
    return m;
}

inline cell_run hh_ball_and_stick(int segments, double tip_radius = 1) {
    cell_run m;
    branch soma, dend;
    soma.type = swc_soma;
    soma.points = {{0, 0, 0, 10}, {20, 0, 0, 10}};
    dend.type = swc_basal;
    dend.parent = 0;
    dend.points = {{20, 0, 0, 1}, {220, 0, 0, tip_radius}};
    m.morph = morphology({soma, dend}, {}, {});
    m.segments = {1, segments};
    m.painted.push_back({{{0, 0, 1}}, "hh", {}});
    m.painted.push_back({{{1, 0, 1}}, "pas", {{"g", 1e-4}, {"e", -65}}});
    m.detectors = {{"soma", {0, 0.5}, -10}};
    return m;
}

} // namespace cajal::test
