#include "morphology_neuron_compare.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/path_distance.hpp>

#include "test_support.hpp"

namespace cajal::test {

bool compare_morphology_with_neuron(const std::filesystem::path& file, double relative_tolerance) {
    using Catch::Matchers::WithinAbs;
    using Catch::Matchers::WithinRel;
    INFO("file " << file.string());
    const auto ref = neuron_reference("neuron_morphology.py", "'" + file.string() + "'");
    if (!ref) return false;
    REQUIRE_FALSE(ref->contains("rejected"));
    const auto& sections = (*ref)["sections"];
    const double Ra = (*ref)["Ra"].get<double>();
    const auto m = load_morphology(file);
    REQUIRE(m.num_branches() == sections.size());

    std::map<int, double> neuron_length, neuron_area, our_length, our_area;
    const path_distance distance(m, {0, 0.5});
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const auto& s = sections[b];
        const auto& br = m.branch_at(b);
        INFO("section " << b << " (NEURON's " << s["name"].get<std::string>() << ")");
        CHECK(br.type == s["type"].get<int>());
        CHECK(br.parent == s["parent"].get<std::ptrdiff_t>());
        CHECK(br.parent_x == s["parent_x"].get<double>());
        REQUIRE(br.points.size() == s["n3d"].get<std::size_t>());
        for (std::size_t i = 0; i < br.points.size(); ++i) {
            const auto& p = s["points"][i];
            INFO("point " << i);
            CHECK(br.points[i].x == p[0].get<double>());
            CHECK(br.points[i].y == p[1].get<double>());
            CHECK(br.points[i].z == p[2].get<double>());
            CHECK(2 * br.points[i].radius == p[3].get<double>());
        }
        CHECK_THAT(m.length(b), WithinRel(s["L"].get<double>(), relative_tolerance));
        CHECK_THAT(m.area(b), WithinRel(s["area"].get<double>(), relative_tolerance));
        // Sub-intervals: the five segments of nseg = 5, and the axial resistance
        // between neighbouring segment centres.
        for (std::size_t i = 0; i < 5; ++i) {
            const double x0 = static_cast<double>(i) / 5, x1 = static_cast<double>(i + 1) / 5;
            CHECK_THAT(m.area(b, x0, x1), WithinRel(s["segment_areas"][i].get<double>(), relative_tolerance));
        }
        for (std::size_t i = 1; i < 5; ++i) {
            const double x0 = (static_cast<double>(i) - 0.5) / 5, x1 = (static_cast<double>(i) + 0.5) / 5;
            CHECK_THAT(m.axial_resistance(b, Ra, x0, x1),
                       WithinRel(s["segment_ri"][i - 1].get<double>(), relative_tolerance));
        }
        // Path distances from the first section's middle, at both ends and the
        // nodes of nseg = 5 (all NEURON nodes, where its distance() is exact).
        for (std::size_t i = 0; i < 7; ++i) {
            const double x = i == 0 ? 0.0 : i == 6 ? 1.0 : (static_cast<double>(i) - 0.5) / 5;
            INFO("distance at x = " << x);
            const double theirs = s["distances"][i].get<double>();
            CHECK_THAT(distance.at(b, x), WithinRel(theirs, relative_tolerance) || WithinAbs(theirs, 1e-9));
        }
        neuron_length[br.type] += s["L"].get<double>();
        neuron_area[br.type] += s["area"].get<double>();
        our_length[br.type] += m.length(b);
        our_area[br.type] += m.area(b);
    }
    for (const auto& [type, length]: neuron_length) {
        INFO("type " << type);
        CHECK_THAT(our_length[type], WithinRel(length, relative_tolerance));
        CHECK_THAT(our_area[type], WithinRel(neuron_area[type], relative_tolerance));
    }
    return true;
}

} // namespace cajal::test
