// Axon stubs, kept types and the per-length segment rule against NEURON running
// the models that use them (tests/reference/neuron_axon_stub.py): Hay et al.
// 2011's own template on its cell1.asc (geom_nseg, delete_axon), BluePyOpt's
// set_nseg and replace_axon, and an axon deleted. Section by section in
// cajal's branch order: type, parent, attachment, length, nseg, and each
// segment's area and axial resistance.
#include <catch2/catch.hpp>

#include <string>

#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/edits.hpp>
#include <cajal/morphology/morphology.hpp>

#include "test_support.hpp"

using namespace cajal;
using Catch::Matchers::WithinRel;

namespace {

// Observed: 1e-12 at most.
constexpr double geometry_rel = 1e-9;

void compare(const nlohmann::json& ref, const morphology& m, const std::vector<int>& segments) {
    const auto& sections = ref["sections"];
    REQUIRE(m.num_branches() == sections.size());
    const discretization d = discretize(m, segments, 1.0, 35.4);
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const auto& s = sections[b];
        const auto& br = m.branch_at(b);
        INFO("branch " << b << " (NEURON's " << s["name"].get<std::string>() << ")");
        CHECK(br.type == s["type"].get<int>());
        CHECK(br.parent == s["parent"].get<std::ptrdiff_t>());
        CHECK(br.parent_x == s["parent_x"].get<double>());
        CHECK_THAT(m.length(b), WithinRel(s["L"].get<double>(), geometry_rel));
        REQUIRE(segments[b] == s["nseg"].get<int>());
        for (int k = 0; k < segments[b]; ++k) {
            INFO("segment " << k);
            const std::size_t cv = d.first_cv[b] + static_cast<std::size_t>(k);
            CHECK_THAT(d.area[cv], WithinRel(s["area"][k].get<double>(), geometry_rel));
            CHECK_THAT(1 / d.axial_conductance[cv], WithinRel(s["ri"][k].get<double>(), geometry_rel));
        }
        const std::size_t end = d.first_cv[b] + static_cast<std::size_t>(segments[b]);
        CHECK_THAT(1 / d.axial_conductance[end], WithinRel(s["node_ri"].get<double>(), geometry_rel));
    }
}

std::optional<nlohmann::json> reference(const std::string& args) {
    return test::neuron_reference("neuron_axon_stub.py", args);
}

} // namespace

TEST_CASE("Hay et al. 2011's template on cell1.asc: geom_nseg and delete_axon", "[morphology][neuron][edits]") {
    const auto shared = test::shared_data();
    if (!shared) CAJAL_SKIP("../shared/data is absent");
    const auto folder = *shared / "hay2011-model";
    const auto ref = reference("hay '" + (folder / "L5PCtemplate.hoc").string() + "' '" + (folder / "cell1.asc").string() + "'");
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");
    const morphology m = replace_axon(load_morphology(folder / "cell1.asc"), hay_axon_stub());
    // The template sets nseg before replacing the axon, and the stub's nseg by
    // the same rule: the same as the rule on the edited cell.
    compare(*ref, m, segments_per_branch(m, cv_policy::per_length(40)));
    CHECK(m.branch_at(1).points.front().radius == 0.5);
    CHECK(m.mean_diameter(1, 0, 1) == 1.0);
}

TEST_CASE("BluePyOpt's set_nseg and replace_axon", "[morphology][neuron][edits]") {
    const auto check_file = [](const std::filesystem::path& file) {
        INFO("file " << file.string());
        const auto ref = reference("bluepyopt '" + file.string() + "'");
        if (!ref) return false;
        const morphology original = load_morphology(file);
        const axon_stub stub = bluepyopt_axon_stub(original, segments_per_branch(original, cv_policy::per_length(40)));
        REQUIRE(stub.sections.size() == 2);
        CHECK(stub.soma_x == 1.0);
        const morphology m = replace_axon(original, stub);
        compare(*ref, m, segments_per_branch(m, cv_policy::per_length(40)));
        for (std::size_t k = 0; k < 2; ++k) {
            CHECK_THAT(stub.sections[k].diameter, WithinRel((*ref)["sections"][1 + k]["diam"].get<double>(), geometry_rel));
        }
        return true;
    };
    // Several axon branches: the second diameter is the first one past 60 µm.
    if (!check_file(test::test_data("asc/branched_axon.asc"))) CAJAL_SKIP("NEURON's Python module is not installed");
    const auto shared = test::shared_data();
    if (!shared) CAJAL_SKIP("../shared/data is absent");
    check_file(*shared / "hay2011-model" / "cell1.asc");  // one axon branch: both diameters its own
}

TEST_CASE("The axon deleted (keep_types)", "[morphology][neuron][edits]") {
    const auto file = test::test_data("asc/branched_axon.asc");
    const auto ref = reference("without_axon '" + file.string() + "'");
    if (!ref) CAJAL_SKIP("NEURON's Python module is not installed");
    const morphology m = keep_types(load_morphology(file), {swc_soma, swc_basal, swc_apical});
    compare(*ref, m, segments_per_branch(m, cv_policy::per_length(40)));
}
