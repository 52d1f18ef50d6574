// The GPU cable step: the device row layout and its schedule, the per-thread
// functions run serially on the host over that layout (bit for bit the CPU's
// step), and the device solver itself where a GPU exists.
//
// Bitwise equality holds for the same IEEE operations in the same order, so
// this file's floating-point expressions are not contracted into FMAs (the
// compiler would decide that site by site, differently for the two). The
// pragma must precede the kernels' inline functions.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include <cajal/core/gpu.hpp>
#include <cajal/core/hines_system.hpp>
#include <cajal/kernels/cable.hpp>
#include <cajal/kernels/cable_step.hpp>
#include <cajal/kernels/hines.hpp>

#include "../../core/src/gpu_layout.hpp"
#include "random_tree.hpp"
#include "test_skip.hpp"

using namespace cajal;

namespace {

constexpr std::size_t never = std::numeric_limits<std::size_t>::max();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Cell shapes, as parents in local row numbers (-1 at row 0).
using shape = std::vector<std::ptrdiff_t>;

shape random_shape(std::size_t rows, std::mt19937& rng) {
    hines_system s;
    test::append_random_cell(s, rows, rng);
    return s.parent;
}

shape chain(std::size_t rows) {
    shape p(rows);
    for (std::size_t i = 0; i < rows; ++i) p[i] = static_cast<std::ptrdiff_t>(i) - 1;
    return p;
}

// A soma with `dendrites` chains of `length` rows; numbered chain by chain, or
// breadth first (then no chain occupies consecutive rows).
shape star(std::size_t dendrites, std::size_t length, bool breadth_first) {
    shape p{-1};
    for (std::size_t k = 0; k < dendrites * length; ++k) {
        const auto row = static_cast<std::ptrdiff_t>(p.size());
        if (breadth_first) p.push_back(k < dendrites ? 0 : row - static_cast<std::ptrdiff_t>(dendrites));
        else p.push_back(k % length == 0 ? 0 : row - 1);
    }
    return p;
}

// A complete binary tree numbered breadth first.
shape binary_tree(std::size_t levels) {
    shape p{-1};
    for (std::size_t i = 1; i + 1 < (std::size_t{1} << levels); ++i) p.push_back(static_cast<std::ptrdiff_t>((i - 1) / 2));
    return p;
}

// A chain with a one-row side branch at every row: one branch per row.
shape comb(std::size_t spine) {
    shape p{-1, 0};
    for (std::size_t k = 1; k < spine; ++k) {
        const auto row = static_cast<std::ptrdiff_t>(p.size());
        p.push_back(row - 2);
        p.push_back(row);
    }
    return p;
}

cable_step_problem empty_batch() {
    cable_step_problem p;
    p.cell_begin = {0};
    p.cj = 1.0 / 0.025;
    return p;
}

// Appends a cell with cable-like values: zero-area rows (no capacitance, no
// membrane) occur only where a row has a parent, so that every matrix is regular.
void append_cell(cable_step_problem& p, const shape& s, std::mt19937& rng) {
    std::uniform_real_distribution<double> cap(0.01, 1.0), axial(0.1, 10.0), current(-1.0, 1.0), conductance(0.0, 0.1), v(-80.0, -50.0);
    std::bernoulli_distribution zero_area(0.1);
    const auto first = static_cast<std::ptrdiff_t>(p.parent.size());
    for (const auto parent: s) {
        p.parent.push_back(parent < 0 ? -1 : first + parent);
        const bool membrane = parent < 0 || !zero_area(rng);
        p.capacitance.push_back(membrane ? cap(rng) : 0.0);
        p.g_membrane.push_back(membrane ? conductance(rng) : 0.0);
        p.i_membrane.push_back(current(rng));
        p.axial.push_back(parent < 0 ? 0.0 : axial(rng));
        p.v.push_back(v(rng));
    }
    p.cell_begin.push_back(p.parent.size());
}

std::size_t num_cells(const cable_step_problem& p) { return p.cell_begin.size() - 1; }

gpu_layout layout_of(const cable_step_problem& p) {
    return make_gpu_layout(p.parent, p.cell_begin, {p.block_min_rows, p.interleave_min_cells});
}

void force_block(cable_step_problem& p) { p.block_min_rows = 0; }

void force_interleaved(cable_step_problem& p) {
    p.block_min_rows = never;
    p.interleave_min_cells = 0;
}

// The CPU's step, as the CPU backend's solve_cable does it (solve_cpu's loop
// over cells is inlined, so that it is compiled under this file's pragma).
std::vector<double> cpu_step(const cable_step_problem& p) {
    const auto n = p.parent.size();
    hines_system m;
    m.parent = p.parent;
    m.cell_begin = p.cell_begin;
    m.d.resize(n);
    m.u.assign(n, 0.0);
    m.b.resize(n);
    auto v = p.v;
    for (std::size_t i = 0; i < n; ++i) {
        kernels::assemble_membrane_row(i, i, p.cj, p.capacitance.data(), p.i_membrane.data(), p.g_membrane.data(), m.d.data(), m.b.data());
        if (p.parent[i] >= 0) kernels::add_axial_coupling(i, static_cast<std::size_t>(p.parent[i]), i, static_cast<std::size_t>(p.parent[i]), p.axial.data(), v.data(), m.d.data(), m.u.data(), m.b.data());
    }
    for (std::size_t c = 0; c < num_cells(p); ++c) {
        kernels::hines_solve_cell(static_cast<std::ptrdiff_t>(p.cell_begin[c]), static_cast<std::ptrdiff_t>(p.cell_begin[c + 1]),
                                  m.parent.data(), m.u.data(), m.d.data(), m.b.data());
    }
    for (std::size_t i = 0; i < n; ++i) kernels::update_voltage(i, i, p.factor, m.b.data(), v.data());
    return v;
}

kernels::block_schedule block_schedule_of(const gpu_layout& l) {
    return {l.block_row_begin.data(),    l.block_row_end.data(),    l.block_level_begin.data(), l.depth_level_begin.data(),
            l.height_level_begin.data(), l.branches_by_height.data(), l.branch_begin.data(),    l.branch_rows.data(),
            l.child_begin.data(),        l.children.data(),         l.parent.data()};
}

// The device step run serially on the host: each kernel's threads one after
// the other, in descending order (against the rows' order, so that a thread
// reading what a later thread of the same level writes would show), levels in
// order. Inputs of padding rows are NaN, so that reading them shows in v;
// scratch is NaN on rows of cells (reading it before writing shows) and 0.5 on
// padding rows, which must keep it.
std::vector<double> emulated_step(const cable_step_problem& p, std::size_t block_threads) {
    const auto l = layout_of(p);
    auto cap = to_device_order(l, p.capacitance, nan), axial = to_device_order(l, p.axial, nan);
    auto i_m = to_device_order(l, p.i_membrane, nan), g_m = to_device_order(l, p.g_membrane, nan);
    auto v = to_device_order(l, p.v, nan);
    std::vector<bool> padding(l.num_rows, true);
    for (const auto r: l.row_of) padding[r] = false;
    std::vector<double> d(l.num_rows), b(l.num_rows);
    for (std::size_t r = 0; r < l.num_rows; ++r) d[r] = b[r] = padding[r] ? 0.5 : nan;

    const kernels::cable_step_arrays a{p.cj, p.factor, cap.data(), axial.data(), i_m.data(), g_m.data(), v.data(), d.data(), b.data()};
    const kernels::interleaved_schedule is{l.interleaved_cells.size(), l.interleaved_rows.data(), l.group_base.data(), l.parent.data()};
    for (auto k = l.interleaved_cells.size(); k-- > 0;) kernels::interleaved_cell_step(k, is, a);
    const auto bs = block_schedule_of(l);
    for (std::size_t c = 0; c < l.block_cells.size(); ++c) {
        for (auto t = block_threads; t-- > 0;) kernels::block_assemble(c, t, block_threads, bs, a);
        for (auto level = l.block_level_begin[c]; level < l.block_level_begin[c + 1]; ++level) {
            for (auto t = block_threads; t-- > 0;) kernels::block_eliminate_level(level, t, block_threads, bs, a);
        }
        for (auto level = l.block_level_begin[c]; level < l.block_level_begin[c + 1]; ++level) {
            for (auto t = block_threads; t-- > 0;) kernels::block_substitute_level(level, t, block_threads, bs, a);
        }
    }
    for (std::size_t r = 0; r < l.num_rows; ++r) {
        if (padding[r] && (d[r] != 0.5 || b[r] != 0.5)) FAIL("padding row " << r << " was written");
    }
    return to_host_order(l, v);
}

std::size_t first_difference(const std::vector<double>& x, const std::vector<double>& y) {
    REQUIRE(x.size() == y.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!(x[i] == y[i])) return i;
    }
    return never;
}

void require_bitwise_cpu(const cable_step_problem& p, std::size_t block_threads) {
    const auto expected = cpu_step(p);
    const auto got = emulated_step(p, block_threads);
    const auto i = first_difference(got, expected);
    INFO("block threads " << block_threads << ", first difference at row " << i << ": "
                          << (i == never ? 0.0 : got[i]) << " vs " << (i == never ? 0.0 : expected[i]));
    REQUIRE(i == never);
}

// The layout's invariants: rows, groups, block cells, and a schedule whose
// levels respect the branch tree.
void check_layout(const cable_step_problem& p, const gpu_layout& l) {
    const auto n = p.parent.size();
    REQUIRE(l.row_of.size() == n);
    REQUIRE(l.parent.size() == l.num_rows);
    std::vector<bool> used(l.num_rows, false);
    for (std::size_t i = 0; i < n; ++i) {
        REQUIRE(l.row_of[i] < l.num_rows);
        REQUIRE(!used[l.row_of[i]]);
        used[l.row_of[i]] = true;
        const auto expected = p.parent[i] < 0 ? -1 : static_cast<std::ptrdiff_t>(l.row_of[static_cast<std::size_t>(p.parent[i])]);
        REQUIRE(l.parent[l.row_of[i]] == expected);
    }
    for (std::size_t r = 0; r < l.num_rows; ++r) {
        if (!used[r]) REQUIRE(l.parent[r] == -1);
    }

    // Which cells are block cells.
    const bool few = num_cells(p) < p.interleave_min_cells;
    std::vector<int> kind(num_cells(p), 0);
    for (const auto c: l.block_cells) kind[c] += 1;
    for (const auto c: l.interleaved_cells) kind[c] += 2;
    for (std::size_t c = 0; c < num_cells(p); ++c) {
        const bool big = p.cell_begin[c + 1] - p.cell_begin[c] >= p.block_min_rows;
        REQUIRE(kind[c] == (big || few ? 1 : 2));
    }

    // Interleaved groups: sorted by size (stable), lane-interleaved, aligned.
    const auto& cells = l.interleaved_cells;
    REQUIRE(l.interleaved_rows.size() == cells.size());
    REQUIRE(l.group_base.size() == (cells.size() + 31) / 32);
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const auto rows = p.cell_begin[cells[k] + 1] - p.cell_begin[cells[k]];
        REQUIRE(l.interleaved_rows[k] == rows);
        if (k > 0) REQUIRE((l.interleaved_rows[k - 1] > rows || (l.interleaved_rows[k - 1] == rows && cells[k - 1] < cells[k])));
        const auto g = k / 32, lane = k % 32, width = std::min<std::size_t>(32, cells.size() - g * 32);
        REQUIRE(l.group_base[g] % 32 == 0);
        for (std::size_t j = 0; j < rows; ++j) REQUIRE(l.row_of[p.cell_begin[cells[k]] + j] == l.group_base[g] + j * width + lane);
    }

    // Block cells: contiguous, aligned, in batch order.
    REQUIRE(std::is_sorted(l.block_cells.begin(), l.block_cells.end()));
    for (std::size_t k = 0; k < l.block_cells.size(); ++k) {
        const auto c = l.block_cells[k];
        REQUIRE(l.block_row_begin[k] % 32 == 0);
        REQUIRE(l.block_row_end[k] - l.block_row_begin[k] == p.cell_begin[c + 1] - p.cell_begin[c]);
        for (auto i = p.cell_begin[c]; i < p.cell_begin[c + 1]; ++i) REQUIRE(l.row_of[i] == l.block_row_begin[k] + (i - p.cell_begin[c]));
    }

    // Children: every block row's children, ascending.
    const auto block_end = l.block_row_end.empty() ? 0 : l.block_row_end.back();
    REQUIRE(l.child_begin.size() == block_end + 1);
    std::vector<std::vector<std::size_t>> expected_children(block_end);
    for (std::size_t r = 0; r < block_end; ++r) {
        if (l.parent[r] >= 0) expected_children[static_cast<std::size_t>(l.parent[r])].push_back(r);
    }
    for (std::size_t r = 0; r < block_end; ++r) {
        REQUIRE(std::vector<std::size_t>(l.children.begin() + static_cast<std::ptrdiff_t>(l.child_begin[r]),
                                         l.children.begin() + static_cast<std::ptrdiff_t>(l.child_begin[r + 1])) == expected_children[r]);
    }
    const auto children_of = [&](std::size_t r) { return l.child_begin[r + 1] - l.child_begin[r]; };

    // Branches: maximal unbranched chains covering every block row once.
    const auto branches = l.branch_begin.size() - 1;
    std::vector<std::size_t> branch_of(block_end, never);
    for (std::size_t br = 0; br < branches; ++br) {
        REQUIRE(l.branch_begin[br] < l.branch_begin[br + 1]);
        const auto first = l.branch_rows[l.branch_begin[br]];
        REQUIRE((l.parent[first] < 0 || children_of(static_cast<std::size_t>(l.parent[first])) >= 2));
        for (auto k = l.branch_begin[br]; k < l.branch_begin[br + 1]; ++k) {
            const auto r = l.branch_rows[k];
            REQUIRE(branch_of[r] == never);
            branch_of[r] = br;
            if (k + 1 < l.branch_begin[br + 1]) {
                REQUIRE(children_of(r) == 1);
                REQUIRE(l.parent[l.branch_rows[k + 1]] == static_cast<std::ptrdiff_t>(r));
            } else {
                REQUIRE(children_of(r) != 1);
            }
        }
    }
    for (std::size_t r = 0; r < block_end; ++r) REQUIRE((branch_of[r] != never || !used[r]));

    // Levels: each branch once per sweep, in its own cell's levels; a parent
    // branch is eliminated after and substituted before its children.
    std::vector<std::size_t> depth_level(branches, never), height_level(branches, never);
    REQUIRE(l.block_level_begin.size() == l.block_cells.size() + 1);
    for (std::size_t c = 0; c < l.block_cells.size(); ++c) {
        for (auto level = l.block_level_begin[c]; level < l.block_level_begin[c + 1]; ++level) {
            REQUIRE(l.depth_level_begin[level] < l.depth_level_begin[level + 1]);
            REQUIRE(l.height_level_begin[level] < l.height_level_begin[level + 1]);
            for (auto br = l.depth_level_begin[level]; br < l.depth_level_begin[level + 1]; ++br) {
                REQUIRE(depth_level[br] == never);
                depth_level[br] = level;
                REQUIRE(l.branch_rows[l.branch_begin[br]] >= l.block_row_begin[c]);
                REQUIRE(l.branch_rows[l.branch_begin[br]] < l.block_row_end[c]);
            }
            for (auto k = l.height_level_begin[level]; k < l.height_level_begin[level + 1]; ++k) {
                const auto br = l.branches_by_height[k];
                REQUIRE(height_level[br] == never);
                height_level[br] = level;
                REQUIRE(l.branch_rows[l.branch_begin[br]] >= l.block_row_begin[c]);
                REQUIRE(l.branch_rows[l.branch_begin[br]] < l.block_row_end[c]);
            }
        }
    }
    for (std::size_t br = 0; br < branches; ++br) {
        REQUIRE(depth_level[br] != never);
        REQUIRE(height_level[br] != never);
        const auto first = l.branch_rows[l.branch_begin[br]];
        if (l.parent[first] < 0) continue;
        const auto up = branch_of[static_cast<std::size_t>(l.parent[first])];
        REQUIRE(depth_level[up] < depth_level[br]);
        REQUIRE(height_level[up] > height_level[br]);
    }
}

// Random cells of 1 to 600 rows, and a few of other shapes.
cable_step_problem mixed_batch(std::size_t cells, std::mt19937& rng) {
    auto p = empty_batch();
    std::uniform_int_distribution<std::size_t> rows(1, 600);
    for (std::size_t c = 0; c < cells; ++c) append_cell(p, random_shape(rows(rng), rng), rng);
    append_cell(p, star(300, 3, true), rng);
    append_cell(p, binary_tree(11), rng);
    append_cell(p, random_shape(2500, rng), rng);
    append_cell(p, chain(1), rng);
    return p;
}

} // namespace

TEST_CASE("GPU layout places every row and schedules block cells by branch level", "[gpu_layout]") {
    std::mt19937 rng(3);
    SECTION("many cells: large ones in blocks, the rest interleaved") {
        auto p = mixed_batch(1100, rng);
        const auto l = layout_of(p);
        CHECK(l.block_cells.size() == 1);
        CHECK(l.interleaved_cells.size() == 1103);
        check_layout(p, l);
    }
    SECTION("few cells: all in blocks") {
        auto p = mixed_batch(50, rng);
        const auto l = layout_of(p);
        CHECK(l.interleaved_cells.empty());
        check_layout(p, l);
    }
    SECTION("forced kinds") {
        auto p = mixed_batch(40, rng);
        append_cell(p, comb(300), rng);
        append_cell(p, star(300, 1, false), rng);
        force_interleaved(p);
        CHECK(layout_of(p).block_cells.empty());
        check_layout(p, layout_of(p));
        force_block(p);
        CHECK(layout_of(p).interleaved_cells.empty());
        check_layout(p, layout_of(p));
    }
    SECTION("an empty batch") {
        const auto l = make_gpu_layout({}, {0});
        CHECK(l.num_rows == 0);
        CHECK(l.block_cells.empty());
        CHECK(l.interleaved_cells.empty());
    }
}

TEST_CASE("GPU layout rejects malformed batches", "[gpu_layout]") {
    CHECK_THROWS_AS(make_gpu_layout({-1, 0}, {0, 1}), std::invalid_argument);
    CHECK_THROWS_AS(make_gpu_layout({-1, 0}, {}), std::invalid_argument);
    CHECK_THROWS_AS(make_gpu_layout({-1, 0, 0}, {0, 2, 2, 3}), std::invalid_argument);
    CHECK_THROWS_AS(make_gpu_layout({-1, 0, 1}, {0, 2, 3}), std::invalid_argument);
    CHECK_THROWS_AS(make_gpu_layout({-1, 2, 0}, {0, 3}), std::invalid_argument);
    CHECK_THROWS_AS(make_gpu_layout({-1, -1}, {0, 2}), std::invalid_argument);
}

TEST_CASE("The GPU cable step, run serially, is the CPU's step bit for bit", "[gpu_layout]") {
    std::mt19937 rng(11);
    auto p = empty_batch();
    SECTION("random cells") {
        for (int c = 0; c < 60; ++c) append_cell(p, random_shape(1 + static_cast<std::size_t>(c) * 13 % 700, rng), rng);
    }
    SECTION("a soma with 300 dendrites") {
        append_cell(p, star(300, 4, false), rng);
        append_cell(p, star(300, 4, true), rng);
        append_cell(p, star(300, 1, false), rng);
    }
    SECTION("deep binary tree") { append_cell(p, binary_tree(14), rng); }
    SECTION("comb") { append_cell(p, comb(2000), rng); }
    SECTION("100k-row chain") { append_cell(p, chain(100000), rng); }
    SECTION("single rows") {
        for (int c = 0; c < 70; ++c) append_cell(p, chain(1 + static_cast<std::size_t>(c % 3)), rng);
    }
    for (const double factor: {1.0, 2.0}) {
        p.factor = factor;
        force_block(p);
        for (const std::size_t threads: {std::size_t{256}, std::size_t{3}}) require_bitwise_cpu(p, threads);
        force_interleaved(p);
        require_bitwise_cpu(p, 1);
    }
}

TEST_CASE("The GPU cable step, run serially, mixes cell kinds in one batch bit for bit", "[gpu_layout]") {
    std::mt19937 rng(5);
    auto p = mixed_batch(1100, rng);
    p.cj = 2.0 / 0.025;
    p.factor = 2.0;
    require_bitwise_cpu(p, 256);
}

TEST_CASE("The GPU cable step agrees with the CPU", "[gpu_layout][gpu]") {
    std::mt19937 rng(17);
    auto p = mixed_batch(1100, rng);
    const auto info = query_gpu();
    if (!info.available) {
        CHECK_THROWS_AS(cable_step_gpu(p), std::runtime_error);
        CAJAL_SKIP_NO_GPU(info.name);
    }
    append_cell(p, chain(100000), rng);
    append_cell(p, comb(3000), rng);
    const auto check = [&] {
        const auto expected = cpu_step(p);
        const auto got = cable_step_gpu(p);
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            INFO("row " << i);
            // The same operations in the same order: identical up to FMA contraction.
            REQUIRE(got[i] == Approx(expected[i]).epsilon(1e-12).margin(1e-12));
        }
    };
    SECTION("as laid out by default") { check(); }
    SECTION("all in blocks") {
        force_block(p);
        check();
    }
    SECTION("all interleaved") {
        force_interleaved(p);
        check();
    }
}
