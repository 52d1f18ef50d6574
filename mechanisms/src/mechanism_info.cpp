#include <cajal/mechanisms/mechanism_info.hpp>

namespace cajal {

namespace {

std::optional<std::size_t> index_in(const std::vector<field_info>& fields, std::string_view name) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == name) return i;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::size_t> mechanism_info::instance_field_index(std::string_view field) const {
    if (auto i = index_in(parameters, field)) return *i;
    if (auto i = index_in(states, field)) return parameters.size() + *i;
    if (auto i = index_in(assigned, field)) return parameters.size() + states.size() + *i;
    return std::nullopt;
}

std::optional<std::size_t> mechanism_info::global_index(std::string_view field) const { return index_in(globals, field); }

const field_info* mechanism_info::find_parameter(std::string_view field) const {
    auto i = index_in(parameters, field);
    return i ? &parameters[*i] : nullptr;
}

} // namespace cajal
