// Named regions of a cell, resolved to whole branches.
#include <cajal/morphology/region.hpp>

#include <charconv>
#include <string>

namespace cajal {

namespace {

constexpr std::string_view known_regions = "all, soma, axon, dend, apic, type:N";

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The SWC type a name selects, or -1 for "all".
int region_type(std::string_view name, std::string_view expression) {
    if (name == "all") return -1;
    if (name == "soma") return swc_soma;
    if (name == "axon") return swc_axon;
    if (name == "dend") return swc_basal;
    if (name == "apic") return swc_apical;
    if (name.starts_with("type:")) {
        const std::string_view digits = name.substr(5);
        int type = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), type);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || type < 0) {
            throw region_error("region '" + std::string(expression) + "': '" + std::string(name) +
                               "' needs a non-negative integer SWC type after 'type:'");
        }
        return type;
    }
    throw region_error("region '" + std::string(expression) + "': unknown name '" + std::string(name) +
                       "'; known names: " + std::string(known_regions) + " (joined with '|')");
}

} // namespace

std::vector<branch_interval> resolve_region(const morphology& m, std::string_view expression) {
    std::vector<bool> selected(m.num_branches(), false);
    std::string_view rest = expression;
    while (true) {
        const auto bar = rest.find('|');
        const std::string_view name = trim(rest.substr(0, bar));
        if (name.empty()) {
            throw region_error("region '" + std::string(expression) + "': empty name; known names: " +
                               std::string(known_regions));
        }
        const int type = region_type(name, expression);
        for (std::size_t b = 0; b < m.num_branches(); ++b) {
            if (type < 0 || m.branch_at(b).type == type) selected[b] = true;
        }
        if (bar == std::string_view::npos) break;
        rest = rest.substr(bar + 1);
    }
    std::vector<branch_interval> out;
    for (std::size_t b = 0; b < selected.size(); ++b) {
        if (selected[b]) out.push_back({b, 0.0, 1.0});
    }
    return out;
}

} // namespace cajal
