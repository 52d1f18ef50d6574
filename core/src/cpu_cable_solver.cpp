#include "cpu_cable_solver.hpp"

#include <algorithm>

#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/hines.hpp>

namespace cajal {

namespace {

std::vector<std::ptrdiff_t> shape_of(const std::vector<std::ptrdiff_t>& parent, std::size_t first, std::size_t last) {
    std::vector<std::ptrdiff_t> shape(last - first);
    for (std::size_t i = first; i < last; ++i) shape[i - first] = parent[i] < 0 ? -1 : parent[i] - static_cast<std::ptrdiff_t>(first);
    return shape;
}

} // namespace

cpu_cable_solver::cpu_cable_solver(const std::vector<std::ptrdiff_t>& parent, const std::vector<std::size_t>& cell_begin) {
    std::size_t largest = 0;
    for (std::size_t c = 0; c + 1 < cell_begin.size(); ++c) {
        auto shape = shape_of(parent, cell_begin[c], cell_begin[c + 1]);
        const bool same = !shapes_.empty() && shape == shapes_.back();
        if (!same) shapes_.push_back(std::move(shape));
        if (!same || blocks_.back().width == lanes) blocks_.push_back({cell_begin[c], 0, shapes_.size() - 1});
        ++blocks_.back().width;
        largest = std::max(largest, blocks_.back().width * shapes_.back().size());
    }
    d_.assign(largest, 0.0);
    u_.assign(largest, 0.0);
    b_.assign(largest, 0.0);
}

std::size_t cpu_cable_solver::bytes() const noexcept {
    std::size_t shape_rows = 0;
    for (const auto& s: shapes_) shape_rows += s.size();
    return 3 * d_.size() * sizeof(double) + shape_rows * sizeof(std::ptrdiff_t) + blocks_.size() * sizeof(block);
}

void cpu_cable_solver::step(const cpu_cable_arrays& a, double cj, double factor) {
    for (const auto& blk: blocks_) step_block(blk, a, cj, factor);
}

void cpu_cable_solver::step_block(const block& blk, const cpu_cable_arrays& a, double cj, double factor) {
    const auto& parent = shapes_[blk.shape];
    const auto rows = static_cast<std::ptrdiff_t>(parent.size());
    const auto w = static_cast<std::ptrdiff_t>(blk.width);
    const auto first = static_cast<std::ptrdiff_t>(blk.first_cv);
    double* const d = d_.data();
    double* const u = u_.data();
    double* const b = b_.data();
    // Each lane's root CV: the assembly gathers through them.
    std::ptrdiff_t root[lanes];
    for (std::ptrdiff_t l = 0; l < w; ++l) root[l] = first + l * rows;
    // Rows in ascending order within each lane: the CPU's order of assembly
    // (a row's own terms, its parent coupling, then its children's).
    for (std::ptrdiff_t j = 0; j < rows; ++j) {
        const std::ptrdiff_t pj = parent[static_cast<std::size_t>(j)];
        if (pj < 0) {
#pragma omp simd
            for (std::ptrdiff_t l = 0; l < w; ++l) {
                kernels::assemble_membrane_row(static_cast<std::size_t>(root[l] + j), static_cast<std::size_t>(j * w + l), cj, a.capacitance, a.i_membrane, a.g_membrane, d, b);
            }
            continue;
        }
#pragma omp simd
        for (std::ptrdiff_t l = 0; l < w; ++l) {
            const auto i = static_cast<std::size_t>(root[l] + j), r = static_cast<std::size_t>(j * w + l);
            kernels::assemble_membrane_row(i, r, cj, a.capacitance, a.i_membrane, a.g_membrane, d, b);
            kernels::add_axial_coupling(i, static_cast<std::size_t>(root[l] + pj), r, static_cast<std::size_t>(pj * w + l), a.axial, a.v, d, u, b);
        }
    }
    for (std::ptrdiff_t j = rows - 1; j > 0; --j) {
        const std::ptrdiff_t row = j * w, up = parent[static_cast<std::size_t>(j)] * w;
#pragma omp simd
        for (std::ptrdiff_t l = 0; l < w; ++l) kernels::hines_eliminate(row + l, up + l, u, d, b);
    }
#pragma omp simd
    for (std::ptrdiff_t l = 0; l < w; ++l) b[l] /= d[l];
    for (std::ptrdiff_t j = 1; j < rows; ++j) {
        const std::ptrdiff_t row = j * w, up = parent[static_cast<std::size_t>(j)] * w;
#pragma omp simd
        for (std::ptrdiff_t l = 0; l < w; ++l) kernels::hines_substitute(row + l, up + l, u, d, b);
    }
    for (std::ptrdiff_t l = 0; l < w; ++l) {
        for (std::ptrdiff_t j = 0; j < rows; ++j) {
            const auto i = static_cast<std::size_t>(first + l * rows + j);
            const auto r = static_cast<std::size_t>(j * w + l);
            kernels::update_voltage(i, r, factor, b, a.v);
            if (a.dv) a.dv[i] = b[r];
        }
    }
}

} // namespace cajal
