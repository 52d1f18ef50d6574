#include <cajal/core/hines_system.hpp>

#include <stdexcept>
#include <string>

#include <cajal/kernels/hines.hpp>

namespace cajal {

void validate(const hines_system& s) {
    const auto n = s.num_rows();
    if (s.parent.size() != n || s.u.size() != n || s.b.size() != n)
        throw std::invalid_argument("hines_system: parent, d, u and b must have the same length");
    if (s.cell_begin.empty() || s.cell_begin.front() != 0 || s.cell_begin.back() != n)
        throw std::invalid_argument("hines_system: cell_begin must run from 0 to the number of rows");
    for (std::size_t c = 0; c + 1 < s.cell_begin.size(); ++c) {
        const auto first = s.cell_begin[c], last = s.cell_begin[c + 1];
        if (first >= last) throw std::invalid_argument("hines_system: cell " + std::to_string(c) + " is empty");
        if (s.parent[first] != -1) throw std::invalid_argument("hines_system: row " + std::to_string(first) + " starts a cell but has a parent");
        for (auto i = first + 1; i < last; ++i) {
            const auto p = s.parent[i];
            if (p < static_cast<std::ptrdiff_t>(first) || p >= static_cast<std::ptrdiff_t>(i))
                throw std::invalid_argument("hines_system: row " + std::to_string(i) + " has parent " + std::to_string(p) +
                                            ", not an earlier row of its cell");
        }
    }
}

void solve_cpu(hines_system& s) {
    for (std::size_t c = 0; c < s.num_cells(); ++c) {
        kernels::hines_solve_cell(static_cast<std::ptrdiff_t>(s.cell_begin[c]), static_cast<std::ptrdiff_t>(s.cell_begin[c + 1]),
                                  s.parent.data(), s.u.data(), s.d.data(), s.b.data());
    }
}

} // namespace cajal
