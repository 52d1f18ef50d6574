#pragma once
// Comparing control volumes with NEURON's segments, as reported by
// tests/reference/neuron_segments.py (see that script for the JSON it reads and
// prints). Shared by the hand-built and the SWC comparisons.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/core.h>

#include <cajal/morphology/discretization.hpp>

#include "test_support.hpp"

namespace cajal::test {

// Runs neuron_segments.py on `input`; nullopt when NEURON is not installed.
inline std::optional<nlohmann::json> neuron_segments(const nlohmann::json& input) {
    static int calls = 0;
    const auto path = std::filesystem::temp_directory_path() /
                      ("cajal_neuron_segments_" + std::to_string(::getpid()) + "_" + std::to_string(calls++) + ".json");
    std::ofstream(path) << input.dump();
    auto ref = neuron_reference("neuron_segments.py", path.string());
    std::filesystem::remove(path);
    return ref;
}

// Largest relative difference over a set of values, and where it occurred.
struct worst_difference {
    double rel = 0;
    std::string where;
    void add(double ours, double theirs, const std::string& what) {
        const double r = std::abs(ours - theirs) / std::max(std::abs(theirs), 1e-300);
        if (r > rel || std::isnan(r)) {
            rel = std::isnan(r) ? INFINITY : r;
            where = fmt::format("{}: ours {:.12g}, NEURON {:.12g}", what, ours, theirs);
        }
    }
};

// Checks every CV of `d` against NEURON's sections: segment counts, node
// identity (a branch's x = 0 end attaches to NEURON's node at sec(0)), segment
// areas, and ri of segment and end nodes. Section k of `ref` is branch
// branch_of_section[k].
inline void compare_with_neuron(const discretization& d, const nlohmann::json& ref,
                                const std::vector<std::size_t>& branch_of_section, double tolerance) {
    const auto& sections = ref.at("sections");
    REQUIRE(sections.size() == branch_of_section.size());
    REQUIRE(sections.size() == d.segments.size());

    // NEURON's node index -> our CV, from the nodes each section owns.
    std::map<long, std::size_t> cv_of_node;
    std::size_t mismatched_nodes = 0;
    const auto own = [&](long node, std::size_t cv) {
        const auto [it, fresh] = cv_of_node.emplace(node, cv);
        if (!fresh && it->second != cv) ++mismatched_nodes;
    };
    std::size_t mismatched_counts = 0;
    for (std::size_t k = 0; k < sections.size(); ++k) {
        const std::size_t b = branch_of_section[k];
        const auto& sec = sections[k];
        const auto nodes = sec.at("nodes").get<std::vector<long>>();
        const int n = d.segments[b];
        if (sec.at("nseg").get<int>() != n) {
            ++mismatched_counts;
            continue;
        }
        for (int s = 0; s <= n; ++s) own(nodes[static_cast<std::size_t>(s) + 1], d.first_cv[b] + static_cast<std::size_t>(s));
        if (sec.at("parent").get<int>() < 0) own(nodes[0], d.proximal_cv[b]);
    }
    CHECK(mismatched_counts == 0);
    CHECK(mismatched_nodes == 0);
    REQUIRE(cv_of_node.size() == d.size());

    worst_difference area, ri;
    std::size_t misplaced = 0;
    for (std::size_t k = 0; k < sections.size(); ++k) {
        const std::size_t b = branch_of_section[k];
        const auto& sec = sections[k];
        const auto nodes = sec.at("nodes").get<std::vector<long>>();
        if (cv_of_node.at(nodes[0]) != d.proximal_cv[b]) ++misplaced;
        const auto areas = sec.at("area").get<std::vector<double>>();
        const auto ris = sec.at("ri").get<std::vector<double>>();
        const std::string name = sec.at("name").get<std::string>();
        for (std::size_t s = 0; s < areas.size(); ++s) {
            const std::size_t cv = d.first_cv[b] + s;
            const std::string what = name + " segment " + std::to_string(s);
            area.add(d.area[cv], areas[s], what + " area");
            ri.add(1 / d.axial_conductance[cv], ris[s], what + " ri");
        }
        ri.add(1 / d.axial_conductance[d.first_cv[b] + areas.size()], sec.at("ri_end").get<double>(), name + "(1) ri");
    }
    CHECK(misplaced == 0);
    INFO("worst area: " << area.where);
    CHECK(area.rel <= tolerance);
    INFO("worst ri: " << ri.where);
    CHECK(ri.rel <= tolerance);
}

} // namespace cajal::test
