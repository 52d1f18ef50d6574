#include "gpu_layout.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <cajal/kernels/cable_step.hpp>

namespace cajal {

namespace {

constexpr std::size_t width = kernels::interleave_width;

std::size_t aligned(std::size_t row) { return (row + width - 1) / width * width; }

void check_cells(const std::vector<std::ptrdiff_t>& parent, const std::vector<std::size_t>& cell_begin) {
    if (cell_begin.empty() || cell_begin.front() != 0 || cell_begin.back() != parent.size())
        throw std::invalid_argument("gpu layout: cell_begin must run from 0 to the number of rows");
    for (std::size_t c = 0; c + 1 < cell_begin.size(); ++c) {
        const auto first = cell_begin[c], last = cell_begin[c + 1];
        if (first >= last) throw std::invalid_argument("gpu layout: cell " + std::to_string(c) + " is empty");
        if (parent[first] != -1) throw std::invalid_argument("gpu layout: row " + std::to_string(first) + " starts a cell but has a parent");
        for (auto i = first + 1; i < last; ++i) {
            if (parent[i] < static_cast<std::ptrdiff_t>(first) || parent[i] >= static_cast<std::ptrdiff_t>(i))
                throw std::invalid_argument("gpu layout: row " + std::to_string(i) + " has parent " + std::to_string(parent[i]) +
                                            ", not an earlier row of its cell");
        }
    }
}

std::size_t rows_of(const std::vector<std::size_t>& cell_begin, std::size_t c) { return cell_begin[c + 1] - cell_begin[c]; }

// Children of every block cell row, ascending (device rows of a block cell
// are in host order).
void add_children(gpu_layout& l, const std::vector<std::ptrdiff_t>& parent, const std::vector<std::size_t>& cell_begin,
                  std::size_t block_rows_end) {
    std::vector<std::size_t> count(block_rows_end, 0);
    for (const auto c: l.block_cells) {
        for (auto i = cell_begin[c] + 1; i < cell_begin[c + 1]; ++i) ++count[l.row_of[static_cast<std::size_t>(parent[i])]];
    }
    l.child_begin.assign(block_rows_end + 1, 0);
    for (std::size_t r = 0; r < block_rows_end; ++r) l.child_begin[r + 1] = l.child_begin[r] + count[r];
    l.children.resize(l.child_begin.back());
    auto next = l.child_begin;
    for (const auto c: l.block_cells) {
        for (auto i = cell_begin[c] + 1; i < cell_begin[c + 1]; ++i) {
            l.children[next[l.row_of[static_cast<std::size_t>(parent[i])]]++] = l.row_of[i];
        }
    }
}

// Splits the block cell rooted at device row `root` into branches, numbered
// in breadth-first order (so by depth), and appends its levels.
void add_branches(gpu_layout& l, std::size_t root) {
    const auto first_branch = l.branch_begin.size() - 1;
    std::vector<std::size_t> starts{root}, depth{0}, parent_branch{0};
    for (std::size_t k = 0; k < starts.size(); ++k) {
        auto row = starts[k];
        l.branch_rows.push_back(row);
        while (l.child_begin[row + 1] - l.child_begin[row] == 1) {
            row = l.children[l.child_begin[row]];
            l.branch_rows.push_back(row);
        }
        l.branch_begin.push_back(l.branch_rows.size());
        if (l.child_begin[row + 1] - l.child_begin[row] < 2) continue;
        for (auto m = l.child_begin[row]; m < l.child_begin[row + 1]; ++m) {
            starts.push_back(l.children[m]);
            depth.push_back(depth[k] + 1);
            parent_branch.push_back(k);
        }
    }
    // Children come after their parent branch, so a reverse sweep finishes
    // every branch's height before its parent's.
    std::vector<std::size_t> height(starts.size(), 0);
    for (auto k = starts.size(); k-- > 1;) height[parent_branch[k]] = std::max(height[parent_branch[k]], height[k] + 1);
    const auto levels = height[0] + 1;    // equals the greatest depth + 1

    for (std::size_t k = 0; k < starts.size(); ++k) {
        if (k == 0 || depth[k] != depth[k - 1]) l.depth_level_begin.push_back(first_branch + k);
    }
    std::vector<std::size_t> by_height_begin(levels + 1, 0);
    for (const auto h: height) ++by_height_begin[h + 1];
    for (std::size_t h = 0; h < levels; ++h) by_height_begin[h + 1] += by_height_begin[h];
    const auto offset = l.branches_by_height.size();
    l.branches_by_height.resize(offset + starts.size());
    for (std::size_t h = 0; h < levels; ++h) l.height_level_begin.push_back(offset + by_height_begin[h]);
    for (std::size_t k = 0; k < starts.size(); ++k) l.branches_by_height[offset + by_height_begin[height[k]]++] = first_branch + k;
    l.block_level_begin.push_back(l.block_level_begin.back() + levels);
}

} // namespace

gpu_layout make_gpu_layout(const std::vector<std::ptrdiff_t>& parent, const std::vector<std::size_t>& cell_begin,
                           const gpu_layout_options& options) {
    check_cells(parent, cell_begin);
    const auto num_cells = cell_begin.size() - 1;
    gpu_layout l;
    l.row_of.resize(parent.size());
    for (std::size_t c = 0; c < num_cells; ++c) {
        const bool block = rows_of(cell_begin, c) >= options.block_min_rows || num_cells < options.interleave_min_cells;
        (block ? l.block_cells : l.interleaved_cells).push_back(c);
    }

    std::size_t next_row = 0;
    for (const auto c: l.block_cells) {
        const auto start = aligned(next_row);
        for (auto i = cell_begin[c]; i < cell_begin[c + 1]; ++i) l.row_of[i] = start + (i - cell_begin[c]);
        l.block_row_begin.push_back(start);
        next_row = start + rows_of(cell_begin, c);
        l.block_row_end.push_back(next_row);
    }
    add_children(l, parent, cell_begin, next_row);
    l.block_level_begin.push_back(0);
    l.branch_begin.push_back(0);
    for (const auto start: l.block_row_begin) add_branches(l, start);
    l.depth_level_begin.push_back(l.branch_begin.size() - 1);
    l.height_level_begin.push_back(l.branches_by_height.size());

    std::stable_sort(l.interleaved_cells.begin(), l.interleaved_cells.end(),
                     [&](std::size_t a, std::size_t b) { return rows_of(cell_begin, a) > rows_of(cell_begin, b); });
    for (const auto c: l.interleaved_cells) l.interleaved_rows.push_back(rows_of(cell_begin, c));
    for (std::size_t g = 0; g * width < l.interleaved_cells.size(); ++g) {
        const auto base = aligned(next_row);
        const auto lanes = std::min(width, l.interleaved_cells.size() - g * width);
        for (std::size_t lane = 0; lane < lanes; ++lane) {
            const auto c = l.interleaved_cells[g * width + lane];
            for (auto i = cell_begin[c]; i < cell_begin[c + 1]; ++i) l.row_of[i] = base + (i - cell_begin[c]) * lanes + lane;
        }
        l.group_base.push_back(base);
        next_row = base + l.interleaved_rows[g * width] * lanes;    // the first lane is the longest
    }

    l.num_rows = next_row;
    l.parent.assign(l.num_rows, -1);
    for (std::size_t i = 0; i < parent.size(); ++i) {
        if (parent[i] >= 0) l.parent[l.row_of[i]] = static_cast<std::ptrdiff_t>(l.row_of[static_cast<std::size_t>(parent[i])]);
    }
    return l;
}

} // namespace cajal
