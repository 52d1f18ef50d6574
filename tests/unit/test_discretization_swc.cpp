// Control volumes of real reconstructions (../shared/data/swc) against NEURON
// loading the same files through Import3d: under the d_lambda rule every
// section's nseg equals geom_nseg's, and every CV's area and ri match NEURON's
// segment to 1e-6 relative.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <cajal/morphology/discretization.hpp>

#include "test_discretization_neuron.hpp"

using namespace cajal;

namespace {

bool near(const point3& p, const nlohmann::json& q) {
    constexpr double tol = 1e-3;  // µm; NEURON keeps 3-d points in single precision
    return std::abs(p.x - q[0].get<double>()) < tol && std::abs(p.y - q[1].get<double>()) < tol &&
           std::abs(p.z - q[2].get<double>()) < tol && std::abs(2 * p.radius - q[3].get<double>()) < tol;
}

// The branch with the same 3-d points at both ends as each NEURON section; empty
// when some section has no unique match.
std::vector<std::size_t> match_sections(const morphology& m, const nlohmann::json& sections) {
    std::vector<std::size_t> branch_of_section;
    std::vector<bool> taken(m.num_branches(), false);
    for (const auto& sec: sections) {
        std::size_t found = 0, matches = 0;
        for (std::size_t b = 0; b < m.num_branches(); ++b) {
            const auto& pts = m.branch_at(b).points;
            if (!taken[b] && pts.size() == sec.at("n3d").get<std::size_t>() && near(pts.front(), sec.at("first")) &&
                near(pts.back(), sec.at("last"))) {
                found = b;
                ++matches;
            }
        }
        if (matches != 1) {
            UNSCOPED_INFO("NEURON section " << sec.at("name").get<std::string>() << " matches " << matches << " branches");
            return {};
        }
        taken[found] = true;
        branch_of_section.push_back(found);
    }
    return branch_of_section;
}

} // namespace

TEST_CASE("d_lambda CVs of SWC files match NEURON's Import3d sections", "[cv]") {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    if (!test::neuron_available()) CAJAL_SKIP("NEURON is not installed");

    const auto policy = cv_policy::lambda_rule(100, 0.1, 35.4, 1);
    const nlohmann::json rule{{"frequency", policy.frequency}, {"d_lambda", policy.d_lambda}, {"Ra", policy.Ra},
                              {"cm", policy.cm}};
    const double Ra = 100;
    std::size_t files = 0;
    for (const auto& entry: std::filesystem::directory_iterator(*data / "swc")) {
        if (entry.path().extension() != ".swc") continue;
        ++files;
        SECTION(entry.path().filename().string()) {
            const morphology m = load_morphology(entry.path());
            const auto ref = test::neuron_segments({{"swc", entry.path().string()}, {"Ra", Ra}, {"d_lambda", rule}});
            REQUIRE(ref);
            const auto& sections = ref->at("sections");
            REQUIRE(sections.size() == m.num_branches());
            const auto branch_of_section = match_sections(m, sections);
            REQUIRE(branch_of_section.size() == sections.size());

            const auto segments = segments_per_branch(m, policy);
            int ours = 0, theirs = 0;
            std::size_t differing = 0;
            for (std::size_t k = 0; k < sections.size(); ++k) {
                ours += segments[branch_of_section[k]];
                theirs += sections[k].at("geom_nseg").get<int>();
                differing += segments[branch_of_section[k]] != sections[k].at("geom_nseg").get<int>();
            }
            CHECK(differing == 0);
            CHECK(ours == theirs);
            test::compare_with_neuron(discretize(m, policy, 1, Ra), *ref, branch_of_section, 1e-6);
        }
    }
    CHECK(files >= 2);
}
