// A network file's connections: explicit lists and the generating rules.
#include <algorithm>

#include <fmt/format.h>

#include "network_sections.hpp"

namespace cajal::model_io {

namespace {

class rule_reader {
public:
    explicit rule_reader(const network_members& members): members_(members) {}

    connection_rule read(const json_value& entry) const {
        const json_value kind = json_object::peek(entry).required("rule");
        return read_kind(kind, entry);
    }

private:
    connection_rule read_kind(const json_value& kind, const json_value& entry) const {
        const std::string name = kind.string();
        if (name == "ring") return read_ring(entry);
        if (name == "probability") return read_probability(entry);
        if (name == "fixed_indegree") return read_fixed_indegree(entry);
        if (name == "list") return read_list(entry);
        kind.fail(fmt::format("unknown rule '{}'; known: ring, probability, fixed_indegree, list", name));
    }

    member_range sources(const json_object& obj) const { return members_.range(obj.required("sources")); }

    member_range targets(const json_object& obj, const char* key = "targets") const {
        const json_value v = obj.required(key);
        const member_range r = members_.range(v);
        if (!r.population->cells) v.fail(fmt::format("'{}' is a population of spike sources; connections go to cells", r.population->name));
        return r;
    }

    static connection_properties properties(const json_object& obj) {
        connection_properties p;
        p.synapse = obj.required("synapse").string();
        p.weight = obj.required("weight").number();
        p.delay = obj.required("delay").non_negative_number();
        return p;
    }

    static bool flag(const json_object& obj, std::string_view key) {
        const auto v = obj.optional(key);
        return v && v->boolean();
    }

    static std::uint64_t seed(const json_object& obj) {
        const auto v = obj.optional("seed");
        return v ? v->whole_number() : 0;
    }

    connection_rule read_ring(const json_value& entry) const {
        const json_object obj(entry, {"rule", "sources", "targets", "ring_size", "synapse", "weight", "delay"});
        ring_rule r;
        const member_range from = sources(obj);
        const member_range to = obj.has("targets") ? targets(obj) : targets(obj, "sources");
        r.sources = from.gids;
        r.targets = to.gids;
        r.properties = properties(obj);
        if (const auto size = obj.optional("ring_size")) {
            r.ring_size = size->whole_number();
            if (r.ring_size == 0) size->fail("must be at least 1");
        }
        return r;
    }

    connection_rule read_probability(const json_value& entry) const {
        const json_object obj(entry, {"rule", "sources", "targets", "probability", "seed", "autapses", "synapse", "weight", "delay"});
        probability_rule r;
        r.sources = sources(obj).gids;
        const member_range to = targets(obj);
        r.targets = to.gids;
        const json_value p = obj.required("probability");
        r.probability = p.non_negative_number();
        if (r.probability > 1) p.fail(fmt::format("a probability is at most 1, not {}", format_number(r.probability)));
        r.seed = seed(obj);
        r.allow_autapses = flag(obj, "autapses");
        r.properties = properties(obj);
        return r;
    }

    connection_rule read_fixed_indegree(const json_value& entry) const {
        const json_object obj(entry,
                              {"rule", "sources", "targets", "indegree", "seed", "autapses", "multapses", "synapse", "weight", "delay"});
        fixed_indegree_rule r;
        r.sources = sources(obj).gids;
        const member_range to = targets(obj);
        r.targets = to.gids;
        r.indegree = obj.required("indegree").whole_number();
        r.seed = seed(obj);
        r.allow_autapses = flag(obj, "autapses");
        r.allow_multapses = flag(obj, "multapses");
        r.properties = properties(obj);
        return r;
    }

    // Entries take the rule's synapse, weight and delay where they give none.
    connection_rule read_list(const json_value& entry) const {
        const json_object obj(entry, {"rule", "connections", "synapse", "weight", "delay"});
        std::vector<connection> list;
        for (const json_value& item: obj.required("connections").elements()) {
            const json_object c(item, {"source", "target", "synapse", "weight", "delay"});
            const auto either = [&](std::string_view key) { return c.has(key) ? c.required(key) : obj.has(key) ? obj.required(key) : c.required(key); };
            const member_range from = members_.one(c.required("source"));
            const json_value target = c.required("target");
            const member_range to = members_.one(target);
            if (!to.population->cells) target.fail(fmt::format("'{}' is a spike source; connections go to cells", to.population->name));
            list.push_back({from.gids.begin, to.gids.begin, either("synapse").string(), either("weight").number(), either("delay").non_negative_number()});
        }
        return connection_list(std::move(list));
    }

    const network_members& members_;
};

} // namespace

std::vector<connection_rule> read_connections(const std::optional<json_value>& section, const network_members& members) {
    std::vector<connection_rule> rules;
    if (!section) return rules;
    const rule_reader reader(members);
    for (const json_value& entry: section->elements()) rules.push_back(reader.read(entry));
    return rules;
}

} // namespace cajal::model_io
