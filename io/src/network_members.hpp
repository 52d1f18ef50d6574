#pragma once
// The named gid ranges of a network file, and the references to them that
// connections and probes make: "NAME" (a whole population), "NAME[i:j]"
// (members i to j-1), "NAME[i]" (one member) or a gid as a number.

#include <cstdint>
#include <string>
#include <vector>

#include <cajal/core/connection_rule.hpp>

#include "model_json.hpp"

namespace cajal::model_io {

struct population_entry {
    std::string name;
    gid_range gids;
    bool cells = false;        // a cell population, else a spike source population
    std::size_t index = 0;     // in network::populations or ::sources
};

struct member_range {
    const population_entry* population = nullptr;
    gid_range gids;            // within the population's
};

class network_members {
public:
    // Appends a population of `count` members after the gids given so far.
    // Fails at `name` when the name is taken or not a plain name.
    void add(const json_value& name, std::uint64_t count, bool cells, std::size_t index);

    // "NAME" or "NAME[i:j]" (a non-empty range) or "NAME[i]".
    member_range range(const json_value& ref) const;
    // "NAME[i]" or a gid.
    member_range one(const json_value& ref) const;

    const population_entry* find(const std::string& name) const;
    const population_entry* population_of(std::uint64_t gid) const;
    std::uint64_t size() const noexcept { return next_; }
    std::vector<std::string> names() const;

private:
    std::vector<population_entry> populations_;
    std::uint64_t next_ = 0;
};

} // namespace cajal::model_io
