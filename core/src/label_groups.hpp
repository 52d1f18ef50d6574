#pragma once
// Labels of placed point processes: "syn" names one, or the group "syn[0]",
// "syn[1]", ... that a placement on several locations makes. A connection or
// stimulus to a group's name reaches every member.

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace cajal {

// The entries of `labels` (a map from label) that `name` targets, members of a
// group in index order; empty when it names none.
template <class Map>
std::vector<typename Map::const_iterator> labels_named(const Map& labels, const std::string& name) {
    if (auto it = labels.find(name); it != labels.end()) return {it};
    std::vector<std::pair<unsigned long long, typename Map::const_iterator>> members;
    const std::string prefix = name + "[";
    for (auto it = labels.lower_bound(prefix); it != labels.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        const std::string rest = it->first.substr(prefix.size());
        if (rest.size() < 2 || rest.size() > 19 || rest.back() != ']') continue;
        const std::string digits = rest.substr(0, rest.size() - 1);
        if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) continue;
        members.emplace_back(std::stoull(digits), it);
    }
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<typename Map::const_iterator> out;
    for (const auto& m: members) out.push_back(m.second);
    return out;
}

// "stim, syn[0..99]": placed labels for messages, each group once.
template <class Placed>
std::string label_list(const std::vector<Placed>& placed) {
    std::vector<std::string> names;
    for (const auto& p: placed) {
        const auto open = p.label.rfind('[');
        std::string shown = p.label;
        if (open != std::string::npos && p.label.back() == ']') shown = p.label.substr(0, open) + "[...]";
        if (std::find(names.begin(), names.end(), shown) == names.end()) names.push_back(shown);
    }
    std::string out;
    for (const auto& n: names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

// "hh, pas": the mechanisms a cell paints, for messages, each once.
template <class Cell>
std::string painted_list(const Cell& cell) {
    std::vector<std::string> names;
    for (const auto& p: cell.painted) {
        if (std::find(names.begin(), names.end(), p.mechanism) == names.end()) names.push_back(p.mechanism);
    }
    std::string out;
    for (const auto& n: names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

} // namespace cajal
