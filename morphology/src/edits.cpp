// keep_types and replace_axon: copies of a morphology with branches left out
// and, for the axon stub, cylinders added.
#include <cajal/morphology/edits.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/path_distance.hpp>

namespace cajal {

namespace {

std::string branch_name(const morphology& m, std::size_t b) {
    return "branch " + std::to_string(b) + " (type " + std::to_string(m.branch_at(b).type) + ")";
}

// The branches marked kept, renumbered in order, with the samples on them;
// `added` branches go in at position `at` of the result, their parents given
// as indices of the result.
morphology select(const morphology& m, const std::vector<bool>& kept, std::vector<branch> added, std::size_t at) {
    const std::string what = added.empty() ? "keep_types" : "replace_axon";
    const std::size_t n = m.num_branches();
    for (std::size_t b = 0; b < n; ++b) {
        if (!kept[b]) continue;
        const auto p = m.branch_at(b).parent;
        if (p >= 0 && !kept[static_cast<std::size_t>(p)]) {
            throw std::invalid_argument(what + ": " + branch_name(m, b) + " hangs from " +
                                        branch_name(m, static_cast<std::size_t>(p)) +
                                        ", which is removed; NEURON would leave it unconnected");
        }
    }
    std::vector<std::ptrdiff_t> index(n, -1);
    std::size_t next = 0;
    for (std::size_t b = 0; b < n; ++b) {
        if (!kept[b]) continue;
        if (next == at) next += added.size();
        index[b] = static_cast<std::ptrdiff_t>(next++);
    }
    std::vector<branch> branches;
    branches.reserve(next + added.size());
    for (std::size_t b = 0; b < n; ++b) {
        if (!kept[b]) continue;
        if (branches.size() == at) branches.insert(branches.end(), added.begin(), added.end());
        branch br = m.branch_at(b);
        if (br.parent >= 0) br.parent = index[static_cast<std::size_t>(br.parent)];
        branches.push_back(std::move(br));
    }
    if (branches.size() == at) branches.insert(branches.end(), added.begin(), added.end());
    std::vector<sample_site> samples;
    for (const auto& s: m.samples()) {
        if (kept[s.branch]) samples.push_back({s.id, static_cast<std::size_t>(index[s.branch]), s.x});
    }
    return morphology(std::move(branches), std::move(samples), m.warnings());
}

std::size_t root_of(const morphology& m) {
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        if (m.branch_at(b).parent < 0) return b;
    }
    throw std::invalid_argument("the morphology has no branches");
}

std::ptrdiff_t first_of_type(const morphology& m, int type) {
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        if (m.branch_at(b).type == type) return static_cast<std::ptrdiff_t>(b);
    }
    return -1;
}

// NEURON's diam of a section with n segments: the mean diameter of the segment
// holding x = 0.5.
double middle_diameter(const morphology& m, std::size_t b, int n) {
    const int s = std::min(n / 2, n - 1);
    return m.mean_diameter(b, static_cast<double>(s) / n, static_cast<double>(s + 1) / n);
}

// The unit vector along the first branch of the removed axon, else down y.
point3 stub_direction(const morphology& m, std::ptrdiff_t first_axon) {
    if (first_axon >= 0) {
        const auto& pts = m.branch_at(static_cast<std::size_t>(first_axon)).points;
        const double dx = pts.back().x - pts.front().x, dy = pts.back().y - pts.front().y, dz = pts.back().z - pts.front().z;
        const double norm = std::hypot(dx, dy, dz);
        if (norm > 0) return {dx / norm, dy / norm, dz / norm, 0};
    }
    return {0, -1, 0, 0};
}

} // namespace

axon_stub hay_axon_stub() { return {{{30, 1}, {30, 1}}, 0.5}; }

axon_stub bluepyopt_axon_stub(const morphology& m, const std::vector<int>& segments) {
    if (segments.size() != m.num_branches()) {
        throw std::invalid_argument("bluepyopt_axon_stub: " + std::to_string(segments.size()) +
                                    " segment counts for " + std::to_string(m.num_branches()) + " branches");
    }
    std::vector<std::size_t> axon;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        if (m.branch_at(b).type == swc_axon) axon.push_back(b);
    }
    axon_stub stub{{{30, 1}, {30, 1}}, 1.0};
    if (axon.empty()) return stub;
    const double first = middle_diameter(m, axon.front(), segments[axon.front()]);
    stub.sections[0].diameter = stub.sections[1].diameter = first;
    if (axon.size() == 1) return stub;
    const std::ptrdiff_t soma = first_of_type(m, swc_soma);
    if (soma < 0) throw std::invalid_argument("bluepyopt_axon_stub: the cell has no soma branch");
    const location origin{static_cast<std::size_t>(soma), 0.5};
    const path_distance distance(m, origin);
    for (std::size_t b: axon) {
        if (distance.at(b, 0.5) > 60) {
            stub.sections[1].diameter = middle_diameter(m, b, segments[b]);
            break;
        }
    }
    return stub;
}

morphology replace_axon(const morphology& m, const axon_stub& stub) {
    const std::ptrdiff_t soma = first_of_type(m, swc_soma);
    if (soma < 0) throw std::invalid_argument("replace_axon: the cell has no soma branch to join the stub to");
    if (!(stub.soma_x >= 0 && stub.soma_x <= 1)) throw std::invalid_argument("replace_axon: soma_x must lie in [0, 1]");
    for (const auto& s: stub.sections) {
        if (!(std::isfinite(s.length) && s.length > 0 && std::isfinite(s.diameter) && s.diameter > 0)) {
            throw std::invalid_argument("replace_axon: a stub section needs a positive length and diameter");
        }
    }
    const std::size_t n = m.num_branches();
    std::vector<bool> kept(n);
    for (std::size_t b = 0; b < n; ++b) kept[b] = m.branch_at(b).type != swc_axon;
    const std::ptrdiff_t first_axon = first_of_type(m, swc_axon);
    if (!kept[root_of(m)]) throw std::invalid_argument("replace_axon: the root branch is an axon branch");

    // Where the stub goes among the kept branches: where the first axon
    // branch was, or before the first branch of a type above the axon's.
    std::size_t at = 0;
    for (std::size_t b = 0; b < n; ++b) {
        const bool reached = first_axon >= 0 ? b >= static_cast<std::size_t>(first_axon) : m.branch_at(b).type > swc_axon;
        if (reached) break;
        if (kept[b]) ++at;
    }
    std::size_t soma_index = 0;
    for (std::size_t b = 0; b < static_cast<std::size_t>(soma); ++b) soma_index += kept[b] ? 1 : 0;
    if (soma_index >= at) soma_index += stub.sections.size();

    const point3 along = stub_direction(m, first_axon);
    point3 from = m.point_at(static_cast<std::size_t>(soma), stub.soma_x);
    std::vector<branch> added;
    for (std::size_t k = 0; k < stub.sections.size(); ++k) {
        const auto& s = stub.sections[k];
        const double r = s.diameter / 2;
        const point3 to{from.x + s.length * along.x, from.y + s.length * along.y, from.z + s.length * along.z, r};
        branch br;
        br.parent = k == 0 ? static_cast<std::ptrdiff_t>(soma_index) : static_cast<std::ptrdiff_t>(at + k - 1);
        br.parent_x = k == 0 ? stub.soma_x : 1.0;
        br.type = swc_axon;
        br.points = {{from.x, from.y, from.z, r}, to};
        added.push_back(std::move(br));
        from = to;
    }
    return select(m, kept, std::move(added), at);
}

morphology keep_types(const morphology& m, const std::vector<int>& types) {
    const std::size_t n = m.num_branches();
    std::vector<bool> kept(n);
    for (std::size_t b = 0; b < n; ++b) {
        kept[b] = std::find(types.begin(), types.end(), m.branch_at(b).type) != types.end();
    }
    const std::size_t root = root_of(m);
    if (!kept[root]) {
        throw std::invalid_argument("keep_types: the root, " + branch_name(m, root) + ", is not of a kept type");
    }
    return select(m, kept, {}, n);
}

} // namespace cajal
