// The morphology summary counts CVs as the simulation does: the nodes of the
// discretization, each for the type of the branch it lies on.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <cajal/io/morphology_summary.hpp>
#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/morphology.hpp>

#include "test_support.hpp"

using namespace cajal;

TEST_CASE("summary CVs are the discretization's nodes, per type and in total", "[cli][cv]") {
    for (const char* file: {"swc/cli_small_cell.swc", "swc/branched_soma.swc", "swc/soma_stack.swc",
                            "swc/type_change.swc", "swc/unsorted_ids.swc", "models/cells/ball_and_stick.swc"}) {
        const morphology m = load_morphology(test::test_data(file));
        for (const cv_policy& policy: {cv_policy::fixed(1), cv_policy::fixed(4), cv_policy::max_extent(7),
                                       cv_policy::lambda_rule(1000, 0.05)}) {
            INFO(file << ", " << describe_cv_policy(policy));
            const morphology_summary s = summarize_morphology(m, file, policy);
            const discretization d = discretize(m, policy);
            CHECK(s.total.cvs == d.size());

            std::map<int, std::size_t> nodes_of_type;
            for (const cv_node& node: d.node) nodes_of_type[m.branch_at(node.branch).type] += 1;
            std::map<int, std::size_t> segments_of_type;
            for (std::size_t b = 0; b < m.num_branches(); ++b) {
                segments_of_type[m.branch_at(b).type] += static_cast<std::size_t>(d.segments[b]);
            }
            REQUIRE(s.types.size() == nodes_of_type.size());
            std::size_t segments = 0;
            for (const type_totals& t: s.types) {
                CHECK(t.cvs == nodes_of_type.at(t.type));
                CHECK(t.segments == segments_of_type.at(t.type));
                segments += t.segments;
            }
            CHECK(s.total.segments == segments);
            // Every branch adds its segments and an end node; the root adds its start.
            CHECK(s.total.cvs == s.total.segments + m.num_branches() + 1);
        }
    }
}
