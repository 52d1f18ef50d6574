#include <cajal/core/cell_values.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "label_groups.hpp"
#include "prepared_network_impl.hpp"

namespace cajal {

namespace {

constexpr double none = std::numeric_limits<double>::quiet_NaN();

const cell_template& template_of(const prepared_network& network, std::size_t population) {
    const auto& templates = network.internals().templates;
    if (population >= templates.size()) {
        throw std::invalid_argument("population " + std::to_string(population) + " is not in the network (it has " +
                                    std::to_string(templates.size()) + ")");
    }
    return templates[population];
}

cell_values specific_capacitance(const cell_template& t) {
    cell_values out{"uF/cm2", std::vector<double>(t.cvs(), none)};
    // The template's nF per CV over the discretization's pF at unit cm.
    for (std::size_t i = 0; i < t.cvs(); ++i) {
        if (t.disc.capacitance[i] > 0) out.values[i] = t.capacitance[i] / (t.disc.capacitance[i] * 1e-3);
    }
    return out;
}

} // namespace

const discretization& cell_discretization(const prepared_network& network, std::size_t population) {
    return template_of(network, population).disc;
}

cell_values initial_cell_values(const prepared_network& network, std::size_t population, const std::string& variable) {
    const cell_template& t = template_of(network, population);
    if (variable == "cm") return specific_capacitance(t);
    const auto& n = network.internals();
    const cell_model& cell = n.model.populations[population].cell;
    const auto dot = variable.find('.');
    const std::string mechanism = variable.substr(0, dot);
    const bool painted = std::any_of(cell.painted.begin(), cell.painted.end(), [&](const painted_mechanism& p) { return p.mechanism == mechanism; });
    if (dot == std::string::npos || !painted) {
        throw std::invalid_argument("'" + variable + "' is neither cm nor MECHANISM.PARAMETER of a mechanism painted on the cell (painted: " +
                                    painted_list(cell) + ")");
    }
    const auto& info = n.order.mechanisms[n.order.index_of(mechanism)]->info;
    const std::string name = variable.substr(dot + 1);
    const field_info* parameter = info.find_parameter(name);
    if (!parameter) {
        std::string known;
        for (const auto& f: info.parameters) known += (known.empty() ? "" : ", ") + f.name;
        throw std::invalid_argument("'" + name + "' is not a parameter of " + mechanism + "; its parameters: " + known);
    }
    const std::size_t field = *info.instance_field_index(name);
    cell_values out{parameter->units, std::vector<double>(t.cvs(), none)};
    const auto slot = t.slot_of(n.order.index_of(mechanism));
    if (!slot) return out;   // painted on regions this cell lacks
    const auto& instances = t.mechanisms[*slot];
    for (std::size_t k = 0; k < instances.cv.size(); ++k) out.values[static_cast<std::size_t>(instances.cv[k])] = instances.fields[field][k];
    return out;
}

} // namespace cajal
