// Locations on a cell: the soma centre, a sample of the file, or a branch position.
#include <cajal/morphology/region.hpp>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <string>
#include <vector>

namespace cajal {

namespace {

// The middle of the soma branch nearest the root (lowest index among equals),
// found breadth first from the root: the first soma branch reached at the
// smallest depth.
location soma_centre(const morphology& m) {
    std::vector<std::size_t> level;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        if (m.branch_at(b).parent < 0) level.push_back(b);
    }
    std::vector<std::size_t> next;
    while (!level.empty()) {
        std::size_t best = m.num_branches();
        for (std::size_t b: level) {
            if (m.branch_at(b).type == swc_soma) best = std::min(best, b);
            next.insert(next.end(), m.children(b).begin(), m.children(b).end());
        }
        if (best < m.num_branches()) return {best, 0.5};
        level.swap(next);
        next.clear();
    }
    throw location_error("location 'soma': the morphology has no soma (no branch of SWC type 1)");
}

location sample_location(const morphology& m, std::string_view expression, std::string_view digits) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
        throw location_error("location '" + std::string(expression) + "': expected an integer sample id after 'sample:'");
    }
    if (const sample_site* s = m.find_sample(id)) return {s->branch, s->x};
    throw location_error("location '" + std::string(expression) + "': no sample with id " + std::to_string(id) +
                         " (in an SWC file a sample's id, in an ASC file a point's line)");
}

} // namespace

location resolve_location(const morphology& m, std::string_view expression) {
    if (expression == "soma") return soma_centre(m);
    if (expression.starts_with("sample:")) return sample_location(m, expression, expression.substr(7));
    throw location_error("unknown location '" + std::string(expression) + "'; known forms: soma, sample:ID");
}

location make_location(const morphology& m, std::size_t branch, double x) {
    if (branch >= m.num_branches()) {
        throw location_error("location on branch " + std::to_string(branch) + ": no such branch (the morphology has " +
                             std::to_string(m.num_branches()) + ")");
    }
    if (!(x >= 0 && x <= 1)) {
        std::ostringstream message;
        message << "location on branch " << branch << ": relative position x = " << x << " is outside [0, 1]";
        throw location_error(message.str());
    }
    return {branch, x};
}

} // namespace cajal
