// Names of a network's populations and references to their members.
#include "network_members.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string_view>

#include <fmt/format.h>

namespace cajal::model_io {

namespace {

bool plain_name(const std::string& name) {
    const auto ok = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
    return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) && std::all_of(name.begin(), name.end(), ok);
}

// A whole number in text, all of it; nullopt otherwise.
std::optional<std::uint64_t> index_text(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

struct parsed_ref {
    std::string name;
    std::optional<std::uint64_t> first, last;   // [first, last) when bracketed; last empty for "[i]"
    bool slice = false;
};

parsed_ref parse_ref(const json_value& ref) {
    const std::string text = ref.string();
    const auto open = text.find('[');
    if (open == std::string::npos) return {text, {}, {}, false};
    const char* form = "expected NAME, NAME[i] or NAME[i:j]";
    if (text.back() != ']') ref.fail(fmt::format("'{}': {}", text, form));
    const std::string_view inside = std::string_view(text).substr(open + 1, text.size() - open - 2);
    parsed_ref out{text.substr(0, open), {}, {}, false};
    if (const auto colon = inside.find(':'); colon != std::string_view::npos) {
        out.slice = true;
        out.first = index_text(inside.substr(0, colon));
        out.last = index_text(inside.substr(colon + 1));
        if (!out.first || !out.last) ref.fail(fmt::format("'{}': {}", text, form));
    } else {
        out.first = index_text(inside);
        if (!out.first) ref.fail(fmt::format("'{}': {}", text, form));
    }
    return out;
}

} // namespace

void network_members::add(const json_value& name, std::uint64_t count, bool cells, std::size_t index) {
    const std::string text = name.string();
    if (!plain_name(text)) name.fail(fmt::format("'{}' is not a plain name: letters, digits, '_' and '-', not starting with a digit", text));
    if (find(text)) name.fail(fmt::format("the name '{}' is already used by another population", text));
    populations_.push_back({text, {next_, next_ + count}, cells, index});
    next_ += count;
}

const population_entry* network_members::find(const std::string& name) const {
    const auto it = std::find_if(populations_.begin(), populations_.end(), [&](const population_entry& p) { return p.name == name; });
    return it == populations_.end() ? nullptr : &*it;
}

const population_entry* network_members::population_of(std::uint64_t gid) const {
    const auto it = std::find_if(populations_.begin(), populations_.end(), [&](const population_entry& p) { return p.gids.contains(gid); });
    return it == populations_.end() ? nullptr : &*it;
}

std::vector<std::string> network_members::names() const {
    std::vector<std::string> out;
    for (const auto& p: populations_) out.push_back(p.name);
    return out;
}

member_range network_members::range(const json_value& ref) const {
    const parsed_ref r = parse_ref(ref);
    const population_entry* p = find(r.name);
    if (!p) ref.fail(fmt::format("no population is named '{}'; populations: {}", r.name, names().empty() ? "none" : join(names())));
    if (!r.first) return {p, p->gids};
    const std::uint64_t size = p->gids.size();
    const std::uint64_t first = *r.first, last = r.slice ? *r.last : first + 1;
    if (first >= last) ref.fail(fmt::format("'{}' is an empty range", ref.string()));
    if (last > size) ref.fail(fmt::format("'{}' is past the end of '{}', which has {} members", ref.string(), r.name, size));
    return {p, {p->gids.begin + first, p->gids.begin + last}};
}

member_range network_members::one(const json_value& ref) const {
    if (ref.raw().is_number()) {
        const std::uint64_t gid = ref.whole_number();
        const population_entry* p = population_of(gid);
        if (!p) ref.fail(fmt::format("gid {} is not in the network, which has {} gids", gid, next_));
        return {p, {gid, gid + 1}};
    }
    if (!ref.raw().is_string()) ref.fail("expected a member, as \"NAME[i]\", or a gid");
    const parsed_ref r = parse_ref(ref);
    if (!r.first || r.slice) ref.fail(fmt::format("'{}' is not one member: expected NAME[i] or a gid", ref.string()));
    return range(ref);
}

} // namespace cajal::model_io
