#pragma once
// One implicit cable step (assembly, Hines solve, voltage update) in the GPU's
// row order, as per-thread functions. Every operation on a row is the one the
// CPU performs (kernels/cable.hpp, kernels/hines.hpp), in the same order, so a
// serial run of these functions reproduces the CPU bit for bit.
//
// The coupling to the parent is never stored: u[i] = -axial[i].
//
// Two shapes of cell:
// - interleaved: one thread per cell; the cells of a group of up to
//   interleave_width lanes share rows, local row j of lane l at
//   group_base + j * width + l, so that a warp's accesses are coalesced;
// - block: one thread block per cell, rows contiguous; the cell is split into
//   unbranched chains (branches), eliminated in levels of branch height and
//   substituted in levels of branch depth, one thread per branch of a level.

#include <cstddef>

#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/host_device.hpp>

namespace cajal::kernels {

inline constexpr std::size_t interleave_width = 32;

// The step's inputs and outputs, all indexed by device row.
struct cable_step_arrays {
    double cj;
    double factor;    // v += factor * dv
    const double* capacitance;
    const double* axial;
    const double* i_membrane;
    const double* g_membrane;
    double* v;
    double* d;    // scratch: diagonal
    double* b;    // scratch: right-hand side, then dv
};

struct interleaved_schedule {
    std::size_t num_cells;
    const std::size_t* cell_rows;     // per lane (cell k is lane k % width of group k / width)
    const std::size_t* group_base;    // first device row of each group
    const std::ptrdiff_t* parent;     // per device row
};

struct block_schedule {
    const std::size_t* row_begin;             // per block cell: its rows [row_begin, row_end)
    const std::size_t* row_end;
    const std::size_t* level_begin;           // per block cell: its levels [level_begin[c], level_begin[c + 1])
    const std::size_t* depth_level_begin;     // per level: its branches, by id (branches are numbered by depth)
    const std::size_t* height_level_begin;    // per level: its range of branches_by_height
    const std::size_t* branches_by_height;
    const std::size_t* branch_begin;          // per branch: its range of branch_rows
    const std::size_t* branch_rows;           // device rows, proximal to distal
    const std::size_t* child_begin;           // per device row of a block cell: its range of children
    const std::size_t* children;              // device rows, ascending
    const std::ptrdiff_t* parent;             // per device row
};

// add_axial_coupling without storing u.
CAJAL_HOST_DEVICE void couple_to_parent(std::size_t i, std::size_t p, const cable_step_arrays& a) {
    const double g = a.axial[i];
    const double flux = g * (a.v[p] - a.v[i]);
    a.d[i] += g;
    a.d[p] += g;
    a.b[i] += flux;
    a.b[p] -= flux;
}

// hines_eliminate of child c into its parent p.
CAJAL_HOST_DEVICE void eliminate_into_parent(std::size_t c, std::size_t p, const cable_step_arrays& a) {
    const double u = -a.axial[c];
    const double f = u / a.d[c];
    a.d[p] -= f * u;
    a.b[p] -= f * a.b[c];
}

// hines_substitute (or the root's division), then update_voltage.
CAJAL_HOST_DEVICE void substitute_row(std::size_t i, std::ptrdiff_t p, const cable_step_arrays& a) {
    if (p < 0) {
        a.b[i] /= a.d[i];
    } else {
        const double u = -a.axial[i];
        a.b[i] = (a.b[i] - u * a.b[static_cast<std::size_t>(p)]) / a.d[i];
    }
    update_voltage(i, i, a.factor, a.b, a.v);
}

// The whole step of interleaved cell `k` (thread k): the CPU's passes over the
// cell's rows, strided.
CAJAL_HOST_DEVICE void interleaved_cell_step(std::size_t k, const interleaved_schedule& s, const cable_step_arrays& a) {
    const std::size_t group = k / interleave_width;
    const std::size_t lane = k % interleave_width;
    const std::size_t rest = s.num_cells - group * interleave_width;
    const std::size_t width = rest < interleave_width ? rest : interleave_width;
    const std::size_t first = s.group_base[group] + lane;
    const std::size_t rows = s.cell_rows[k];
    for (std::size_t j = 0; j < rows; ++j) {
        const std::size_t i = first + j * width;
        assemble_membrane_row(i, i, a.cj, a.capacitance, a.i_membrane, a.g_membrane, a.d, a.b);
        if (s.parent[i] >= 0) couple_to_parent(i, static_cast<std::size_t>(s.parent[i]), a);
    }
    for (std::size_t j = rows; j-- > 1;) {
        const std::size_t i = first + j * width;
        eliminate_into_parent(i, static_cast<std::size_t>(s.parent[i]), a);
    }
    for (std::size_t j = 0; j < rows; ++j) {
        const std::size_t i = first + j * width;
        substitute_row(i, s.parent[i], a);
    }
}

// Row i of a block cell, gathered: the CPU adds the row's own terms, its
// parent coupling, then its children's couplings in ascending row order.
CAJAL_HOST_DEVICE void assemble_gathered_row(std::size_t i, const block_schedule& s, const cable_step_arrays& a) {
    assemble_membrane_row(i, i, a.cj, a.capacitance, a.i_membrane, a.g_membrane, a.d, a.b);
    double d = a.d[i];
    double b = a.b[i];
    const double vi = a.v[i];
    if (s.parent[i] >= 0) {
        const double g = a.axial[i];
        d += g;
        b += g * (a.v[static_cast<std::size_t>(s.parent[i])] - vi);
    }
    for (std::size_t k = s.child_begin[i]; k < s.child_begin[i + 1]; ++k) {
        const std::size_t c = s.children[k];
        const double g = a.axial[c];
        d += g;
        b -= g * (vi - a.v[c]);
    }
    a.d[i] = d;
    a.b[i] = b;
}

// Branch `branch`, distal to proximal: each row pulls its children's
// eliminations in descending row order, as the CPU's descending sweep pushes
// them. The children that start other branches were finished at lower levels.
CAJAL_HOST_DEVICE void eliminate_branch(std::size_t branch, const block_schedule& s, const cable_step_arrays& a) {
    for (std::size_t k = s.branch_begin[branch + 1]; k-- > s.branch_begin[branch];) {
        const std::size_t i = s.branch_rows[k];
        for (std::size_t m = s.child_begin[i + 1]; m-- > s.child_begin[i];) eliminate_into_parent(s.children[m], i, a);
    }
}

// Branch `branch`, proximal to distal; its parent row was finished at a lower depth.
CAJAL_HOST_DEVICE void substitute_branch(std::size_t branch, const block_schedule& s, const cable_step_arrays& a) {
    for (std::size_t k = s.branch_begin[branch]; k < s.branch_begin[branch + 1]; ++k) {
        const std::size_t i = s.branch_rows[k];
        substitute_row(i, s.parent[i], a);
    }
}

// The three phases of block cell `cell` for thread `thread` of `threads`; a
// block barrier must separate the assembly from the first level and each
// level from the next.
CAJAL_HOST_DEVICE void block_assemble(std::size_t cell, std::size_t thread, std::size_t threads, const block_schedule& s,
                                      const cable_step_arrays& a) {
    for (std::size_t i = s.row_begin[cell] + thread; i < s.row_end[cell]; i += threads) assemble_gathered_row(i, s, a);
}

CAJAL_HOST_DEVICE void block_eliminate_level(std::size_t level, std::size_t thread, std::size_t threads, const block_schedule& s,
                                             const cable_step_arrays& a) {
    for (std::size_t k = s.height_level_begin[level] + thread; k < s.height_level_begin[level + 1]; k += threads) {
        eliminate_branch(s.branches_by_height[k], s, a);
    }
}

CAJAL_HOST_DEVICE void block_substitute_level(std::size_t level, std::size_t thread, std::size_t threads, const block_schedule& s,
                                              const cable_step_arrays& a) {
    for (std::size_t k = s.depth_level_begin[level] + thread; k < s.depth_level_begin[level + 1]; k += threads) {
        substitute_branch(k, s, a);
    }
}

} // namespace cajal::kernels
