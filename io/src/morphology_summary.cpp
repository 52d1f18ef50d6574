#include <cajal/io/morphology_summary.hpp>

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/core.h>

#include <cajal/morphology/labels.hpp>
#include <cajal/morphology/path_distance.hpp>

namespace cajal {

morphology_summary summarize_morphology(const morphology& m, std::string file, const cv_policy& policy) {
    morphology_summary s = summarize_morphology(m, std::move(file), segments_per_branch(m, policy));
    s.policy = policy;
    return s;
}

morphology_summary summarize_morphology(const morphology& m, std::string file, const std::vector<int>& segments) {
    morphology_summary s;
    s.file = std::move(file);
    s.samples = m.samples().size();
    s.warnings = m.warnings();

    std::map<int, type_totals> by_type;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const int type = m.branch_at(b).type;
        type_totals& t = by_type[type];
        t.type = type;
        t.branches += 1;
        t.length += m.length(b);
        t.area += m.area(b);
        t.segments += static_cast<std::size_t>(segments[b]);
    }
    for (const cv_node& node: layout_cvs(m, segments).node) by_type[m.branch_at(node.branch).type].cvs += 1;
    for (const auto& [type, t]: by_type) {
        s.types.push_back(t);
        s.total.branches += t.branches;
        s.total.length += t.length;
        s.total.area += t.area;
        s.total.cvs += t.cvs;
        s.total.segments += t.segments;
    }
    return s;
}

branch_list list_branches(const morphology& m, const std::vector<int>& segments) {
    branch_list list;
    if (m.num_branches() == 0) return list;
    list.origin = default_distance_origin(m);
    const path_distance distance(m, list.origin);
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const branch& br = m.branch_at(b);
        list.rows.push_back({b, br.type, m.length(b), br.parent, br.parent_x, distance.at(b, 0), distance.at(b, 1), br.points.size(),
                             segments.at(b)});
    }
    return list;
}

std::string swc_type_name(int type) {
    switch (type) {
        case swc_undefined: return "undefined";
        case swc_soma: return "soma";
        case swc_axon: return "axon";
        case swc_basal: return "basal";
        case swc_apical: return "apical";
        default: return fmt::format("type {}", type);
    }
}

std::string describe_cv_policy(const cv_policy& policy) {
    switch (policy.policy) {
        case cv_policy::kind::fixed_per_branch:
            return fmt::format("fixed ({} per branch)", policy.per_branch);
        case cv_policy::kind::max_length:
            return fmt::format("max-length ({:g} µm)", policy.max_length);
        case cv_policy::kind::d_lambda:
            return fmt::format("d-lambda ({:g} Hz, d_lambda {:g}, Ra {:g} Ω·cm, cm {:g} µF/cm²)",
                               policy.frequency, policy.d_lambda, policy.Ra, policy.cm);
        case cv_policy::kind::per_length:
            return fmt::format("per-length (1 + 2 int(L / {:g} µm) per branch)", policy.length_step);
    }
    return "unknown";
}

namespace {

nlohmann::json policy_json(const cv_policy& policy) {
    switch (policy.policy) {
        case cv_policy::kind::fixed_per_branch:
            return {{"kind", "fixed"}, {"per_branch", policy.per_branch}};
        case cv_policy::kind::max_length:
            return {{"kind", "max-length"}, {"max_length_um", policy.max_length}};
        case cv_policy::kind::d_lambda:
            return {{"kind", "d-lambda"},
                    {"frequency_hz", policy.frequency},
                    {"d_lambda", policy.d_lambda},
                    {"Ra_ohm_cm", policy.Ra},
                    {"cm_uF_per_cm2", policy.cm}};
        case cv_policy::kind::per_length:
            return {{"kind", "per-length"}, {"step_um", policy.length_step}};
    }
    return {{"kind", "unknown"}};
}

nlohmann::json totals_json(const type_totals& t) {
    return {{"branches", t.branches}, {"length_um", t.length}, {"area_um2", t.area}, {"cvs", t.cvs},
            {"segments", t.segments}};
}

} // namespace

nlohmann::json to_json(const morphology_summary& summary) {
    nlohmann::json types = nlohmann::json::array();
    for (const type_totals& t: summary.types) {
        nlohmann::json row = totals_json(t);
        row["type"] = t.type;
        row["name"] = swc_type_name(t.type);
        types.push_back(std::move(row));
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const morphology_warning& w: summary.warnings) {
        warnings.push_back({{"line", w.line}, {"message", w.message}});
    }
    return {{"file", summary.file},
            {"samples", summary.samples},
            {"branches", summary.total.branches},
            {"policy", summary.policy ? policy_json(*summary.policy) : nlohmann::json{{"kind", "model"}}},
            {"types", std::move(types)},
            {"total", totals_json(summary.total)},
            {"warnings", std::move(warnings)}};
}

nlohmann::json to_json(const branch_list& branches) {
    nlohmann::json rows = nlohmann::json::array();
    for (const branch_row& r: branches.rows) {
        const bool root = r.parent < 0;
        rows.push_back({{"index", r.index},
                        {"type", r.type},
                        {"name", swc_type_name(r.type)},
                        {"length_um", r.length},
                        {"parent", root ? nlohmann::json(nullptr) : nlohmann::json(r.parent)},
                        {"parent_x", root ? nlohmann::json(nullptr) : nlohmann::json(r.parent_x)},
                        {"distance_start_um", r.distance_start},
                        {"distance_end_um", r.distance_end},
                        {"points", r.points},
                        {"segments", r.segments}});
    }
    return rows;
}

std::string format_branch_table(const branch_list& branches) {
    std::string out = fmt::format("branches (distances along the cell from branch {} at x = {:g}):\n",
                                  branches.origin.branch, branches.origin.x);
    // As in the summary, the header's units are laid out by hand.
    out += "branch  type            length (µm)  parent  parent x  start (µm)    end (µm)  points  segments\n";
    for (const branch_row& r: branches.rows) {
        const std::string parent = r.parent < 0 ? "-" : fmt::format("{}", r.parent);
        const std::string parent_x = r.parent < 0 ? "-" : fmt::format("{:g}", r.parent_x);
        out += fmt::format("{:>6}  {:<14}{:>13.2f}{:>8}{:>10}{:>12.2f}{:>12.2f}{:>8}{:>10}\n", r.index,
                           fmt::format("{} ({})", swc_type_name(r.type), r.type), r.length, parent, parent_x,
                           r.distance_start, r.distance_end, r.points, r.segments);
    }
    return out;
}

std::string format_summary_table(const morphology_summary& summary) {
    // Type labels are ASCII, so fmt's padding lines the columns up; the header
    // holds the non-ASCII unit names and is laid out by hand to match.
    constexpr auto row = "{:<14}{:>9}{:>14.2f}{:>14.2f}{:>8}{:>10}\n";
    std::string out = fmt::format("{}: {} samples, {} branches\n", summary.file, summary.samples,
                                  summary.total.branches);
    out += fmt::format("CV policy: {}\n\n", summary.policy ? describe_cv_policy(*summary.policy) : "the model file's cell.discretization");
    out += "type           branches   length (µm)    area (µm²)     CVs  segments\n";
    for (const type_totals& t: summary.types) {
        out += fmt::format(row, fmt::format("{} ({})", swc_type_name(t.type), t.type), t.branches, t.length,
                           t.area, t.cvs, t.segments);
    }
    const type_totals& t = summary.total;
    out += fmt::format(row, "total", t.branches, t.length, t.area, t.cvs, t.segments);
    out += fmt::format("\nwarnings: {}\n", summary.warnings.size());
    return out;
}

} // namespace cajal
