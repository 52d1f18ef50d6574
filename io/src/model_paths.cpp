#include "model_paths.hpp"

#include <algorithm>
#include <string_view>

namespace cajal {

namespace {

std::string joined(const std::string& base, const std::string& item) {
    if (item.empty()) return base;
    if (base.empty()) return item;
    return base + "." + item;
}

// "painted[2].parameters.g" -> its entry index and the rest after the field name.
bool split_indexed(std::string_view item, std::string_view field, std::size_t& index, std::string& rest) {
    if (item.substr(0, field.size() + 1) != std::string(field) + "[") return false;
    const auto close = item.find(']');
    index = std::stoul(std::string(item.substr(field.size() + 1, close - field.size() - 1)));
    rest = std::string(item.substr(close + 1));
    return true;
}

} // namespace

std::string model_paths::study_path_of(const model_address& a) const {
    if (a.where != model_address::part::cell && a.where != model_address::part::population) return path_of(a);
    std::size_t member = 0, change = 0;
    std::string rest, field;
    const std::size_t v = std::min(a.index, study_variant.size() - 1);
    if (split_indexed(a.item, "member_changes", member, rest) && split_indexed(rest, "", change, field) && change < study_change.at(v).size()) {
        return study_change[v][change] + (field == ".region" ? field : "");
    }
    return study_variant[v];
}

std::string model_paths::path_of(const model_address& a) const {
    using part = model_address::part;
    switch (a.where) {
    case part::settings:
        // A study's protocols and recording are checked as settings of its runs.
        if (a.item.starts_with("protocols[") || a.item.starts_with("recording.")) return joined("study", a.item);
        return joined("simulation", a.item);
    case part::population: {
        return joined(population.at(a.index).empty() ? cell.at(a.index) : population.at(a.index), a.item);
    }
    case part::source: return single_cell ? source.at(a.index) : joined(source.at(a.index), a.item);
    case part::probe: return joined(probe.at(a.index), a.item == "gid" ? (single_cell ? "" : "cell") : a.item);
    case part::connection:
        if (single_cell) return joined(connection.at(a.index), a.item == "synapse" ? "target" : "");
        return joined(connection.at(a.index), a.item);
    case part::cell: break;
    }
    // A cell's fields are its model-file keys but for painted and
    // painted_properties (`paint`), placed (`place`) and segments (`discretization`).
    std::size_t index = 0;
    std::string rest;
    std::string item = a.item;
    const auto& from = entries.at(a.index);
    if (split_indexed(a.item, "painted", index, rest)) {
        item = "paint[" + std::to_string(from.paint.at(index)) + "]" + rest;
    } else if (split_indexed(a.item, "painted_properties", index, rest)) {
        item = "paint[" + std::to_string(from.property.at(index)) + "]" + rest;
    } else if (split_indexed(a.item, "placed", index, rest)) {
        item = "place[" + std::to_string(from.place.at(index)) + "]" + rest;
    } else if (a.item == "segments") {
        item = "discretization";
    }
    return joined(cell.at(a.index), item);
}

} // namespace cajal
