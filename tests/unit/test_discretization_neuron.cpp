// Control volumes against NEURON on hand-built trees: the same sections go to
// tests/reference/neuron_segments.py, and every CV's area, ri and parent node
// must match NEURON's segment to 1e-9 relative; d_lambda's nseg and lambda_f
// must match geom_nseg and lambda_f.
#include <catch2/catch.hpp>

#include <vector>

#include <cajal/morphology/discretization.hpp>

#include "test_discretization_neuron.hpp"

using namespace cajal;

namespace {

// Tapered, bent branches with 3-d points exact in single precision (NEURON
// stores them as float), a repeated point, and children at x = 0, interior
// points, segment boundaries and ends.
std::vector<branch> hand_built_tree() {
    const auto make = [](std::ptrdiff_t parent, double parent_x, std::vector<point3> points) {
        branch b;
        b.parent = parent;
        b.parent_x = parent_x;
        b.type = parent < 0 ? swc_soma : swc_basal;
        b.points = std::move(points);
        return b;
    };
    return {
        make(-1, 1, {{0, 0, 0, 5}, {4, 0, 0, 6.5}, {12, 0, 0, 4.25}, {15, 0, 0, 1}}),
        make(0, 1, {{15, 0, 0, 1}, {15, 20, 0, 0.75}, {15, 20, 0, 0.75}, {18, 24, 0, 0.5}, {30, 40, 10, 0.375}}),
        make(0, 0, {{0, 0, 0, 1.5}, {-30, 0, 0, 1.25}, {-60, 8, 0, 1}}),
        make(0, 0.5, {{7.5, 0, 0, 0.5}, {7.5, 0, 12, 0.5}, {7.5, 3, 16, 0.25}}),
        make(0, 1.0 / 3, {{5, 0, 0, 0.5}, {5, -50, 0, 0.5}}),
        make(1, 0, {{15, 0, 0, 0.625}, {40, 0, 0, 0.5}, {40, 0, 60, 0.25}}),
        make(2, 0.75, {{-45, 4, 0, 0.5}, {-45, 40, 0, 0.375}, {-45, 41, 0, 0.375}}),
        make(6, 1, {{-45, 41, 0, 0.25}, {-45, 141, 0, 0.25}}),
    };
}

nlohmann::json sections_json(const morphology& m, const std::vector<int>& nseg) {
    nlohmann::json sections = nlohmann::json::array();
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const branch& br = m.branch_at(b);
        nlohmann::json points = nlohmann::json::array();
        for (const auto& p: br.points) points.push_back({p.x, p.y, p.z, 2 * p.radius});
        sections.push_back({{"points", points}, {"parent", br.parent}, {"parent_x", br.parent_x}, {"nseg", nseg[b]}});
    }
    return sections;
}

std::vector<std::size_t> identity(std::size_t n) {
    std::vector<std::size_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = i;
    return v;
}

} // namespace

TEST_CASE("CVs match NEURON's segments on a hand-built tree", "[cv]") {
    const morphology m(hand_built_tree(), {}, {});
    const std::vector<int> nseg{3, 4, 1, 2, 3, 5, 2, 7};
    const double Ra = 123.5;
    const auto ref = test::neuron_segments({{"Ra", Ra}, {"sections", sections_json(m, nseg)}});
    if (!ref) CAJAL_SKIP("NEURON is not installed");
    test::compare_with_neuron(discretize(m, nseg, 1, Ra), *ref, identity(m.num_branches()), 1e-9);
}

TEST_CASE("d_lambda matches NEURON's geom_nseg and lambda_f on a hand-built tree", "[cv]") {
    const morphology m(hand_built_tree(), {}, {});
    const auto policy = cv_policy::lambda_rule(2000, 0.02, 150, 0.8);
    const nlohmann::json rule{{"frequency", policy.frequency}, {"d_lambda", policy.d_lambda}, {"Ra", policy.Ra},
                              {"cm", policy.cm}};
    const double Ra = 70;
    const auto ref = test::neuron_segments(
        {{"Ra", Ra}, {"d_lambda", rule}, {"sections", sections_json(m, std::vector<int>(m.num_branches(), 1))}});
    if (!ref) CAJAL_SKIP("NEURON is not installed");

    const auto segments = segments_per_branch(m, policy);
    const auto& sections = ref->at("sections");
    REQUIRE(sections.size() == m.num_branches());
    int more_than_one = 0;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        INFO("branch " << b);
        CHECK(segments[b] == sections[b].at("geom_nseg").get<int>());
        CHECK_THAT(lambda_f(m, b, policy.frequency, policy.Ra, policy.cm),
                   Catch::Matchers::WithinRel(sections[b].at("lambda_f").get<double>(), 1e-12));
        more_than_one += segments[b] > 1;
    }
    CHECK(more_than_one >= 4);  // the rule is exercised, not just its floor of 1
    test::compare_with_neuron(discretize(m, policy, 1, Ra), *ref, identity(m.num_branches()), 1e-9);
}
