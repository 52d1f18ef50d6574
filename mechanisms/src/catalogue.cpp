#include <cajal/mechanisms/catalogue.hpp>

namespace cajal {

void mechanism_catalogue::add(mechanism_implementation mech) {
    auto name = mech.info.name;
    const auto position = mechanisms_.size();
    if (!mechanisms_.emplace(name, std::pair(position, std::move(mech))).second) {
        throw std::invalid_argument("mechanism catalogue: '" + name + "' is already defined");
    }
}

bool mechanism_catalogue::contains(std::string_view name) const { return mechanisms_.find(name) != mechanisms_.end(); }

const mechanism_implementation& mechanism_catalogue::get(std::string_view name) const {
    if (auto it = mechanisms_.find(name); it != mechanisms_.end()) return it->second.second;
    std::string known;
    for (const auto& [n, _]: mechanisms_) known += (known.empty() ? "" : ", ") + n;
    throw unknown_mechanism("unknown mechanism '" + std::string(name) + "'; known: " + known);
}

std::size_t mechanism_catalogue::position(std::string_view name) const {
    const auto it = mechanisms_.find(name);
    if (it == mechanisms_.end()) get(name);   // throws unknown_mechanism
    return it->second.first;
}

std::vector<std::string> mechanism_catalogue::names() const {
    std::vector<std::string> out;
    for (const auto& [n, _]: mechanisms_) out.push_back(n);
    return out;
}

} // namespace cajal
