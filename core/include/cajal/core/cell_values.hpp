#pragma once
// What a population's cell holds in each CV once prepared, before a run sets
// its states: the values painted on it, for drawing the cell coloured by them
// (`cajal morph --colour-by`) and for checking a model's distributions.

#include <cstddef>
#include <string>
#include <vector>

#include <cajal/core/prepared_network.hpp>
#include <cajal/morphology/discretization.hpp>

namespace cajal {

struct cell_values {
    std::string units;            // as NMODL writes them
    std::vector<double> values;   // per CV of the cell's discretization; NaN where there is none
};

// "MECHANISM.PARAMETER" of a painted density mechanism (NaN at CVs it is not
// painted on), or "cm" in µF/cm² (NaN at nodes without membrane). Throws
// std::invalid_argument naming the known choices for anything else.
cell_values initial_cell_values(const prepared_network& network, std::size_t population, const std::string& variable);

// The population's discretized cell, whose CVs those values follow.
const discretization& cell_discretization(const prepared_network& network, std::size_t population);

} // namespace cajal
