#include "large_swc.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <numbers>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace cajal::test {

namespace {

struct row {
    std::int64_t id = 0;
    int type = 0;
    double x = 0, y = 0, z = 0, radius = 0;
    std::int64_t parent = -1;
};

using rows = std::vector<row>;

// The id the next row gets: ids count from 1 in file order.
std::int64_t next_id(const rows& r) { return static_cast<std::int64_t>(r.size()) + 1; }
const row& by_id(const rows& r, std::int64_t id) { return r[static_cast<std::size_t>(id - 1)]; }

void soma_sample(rows& r) { r.push_back({1, 1, 0, 0, 0, 5, -1}); }

// A dendrite along x from the origin of its tree; the first sample is a root.
void dendrite_tree(rows& r, std::size_t n, double y) {
    for (std::size_t k = 0; k < n; ++k) {
        const std::int64_t id = next_id(r);
        r.push_back({id, 3, static_cast<double>(k), y, 0, 0.5, k == 0 ? -1 : id - 1});
    }
}

rows chain(std::size_t n) {
    rows r;
    soma_sample(r);
    for (std::size_t k = 1; k < n; ++k) {
        const std::int64_t id = next_id(r);
        r.push_back({id, 3, static_cast<double>(k), 0, 0, 0.5, id - 1});
    }
    return r;
}

rows binary(std::size_t n) {
    constexpr std::size_t per_branch = 4;
    rows r;
    soma_sample(r);
    std::vector<std::int64_t> end;  // last sample of each branch
    for (std::size_t b = 0; r.size() + per_branch <= n; ++b) {
        const std::int64_t from = b == 0 ? 1 : end[(b - 1) / 2];
        const row start = by_id(r, from);
        std::size_t level = 0;
        for (std::size_t v = b + 1; v > 0; v >>= 1) ++level;
        const double side = b % 2 ? 1.0 : -1.0;
        for (std::size_t k = 1; k <= per_branch; ++k) {
            const std::int64_t id = next_id(r);
            r.push_back({id, 3, start.x + static_cast<double>(k), start.y + side * static_cast<double>(k) / static_cast<double>(level),
                         0, 0.5, k == 1 ? from : id - 1});
        }
        end.push_back(next_id(r) - 1);
    }
    return r;
}

rows comb(std::size_t n) {
    rows r;
    soma_sample(r);
    for (std::int64_t spine = 1; r.size() + 2 <= n;) {
        const auto x = static_cast<double>(r.size());
        r.push_back({next_id(r), 3, x, 0, 0, 0.5, spine});
        spine = next_id(r) - 1;
        r.push_back({next_id(r), 3, x, 1, 0, 0.3, spine});
    }
    return r;
}

rows star(std::size_t n) {
    rows r;
    soma_sample(r);
    for (std::size_t d = 0; r.size() + 2 <= n; ++d) {
        const auto y = static_cast<double>(d % 1000);
        r.push_back({next_id(r), 3, 6, y, 0, 0.5, 1});
        r.push_back({next_id(r), 3, 16, y, 0, 0.5, next_id(r) - 1});
    }
    return r;
}

rows forest(std::size_t n) {
    rows r = chain(n / 2);
    constexpr std::size_t trees = 1000;
    const std::size_t per_tree = (n - r.size()) / trees;
    for (std::size_t t = 0; t < trees; ++t) dendrite_tree(r, per_tree, static_cast<double>(t + 1));
    return r;
}

rows shuffled(std::size_t n) {
    rows r = binary(n);
    std::mt19937_64 rng(1);
    std::vector<std::int64_t> new_id(r.size());
    std::iota(new_id.begin(), new_id.end(), 1);
    std::shuffle(new_id.begin(), new_id.end(), rng);
    for (row& s: r) {
        if (s.parent > 0) s.parent = new_id[static_cast<std::size_t>(s.parent - 1)];
        s.id = new_id[static_cast<std::size_t>(s.id - 1)];
    }
    std::shuffle(r.begin(), r.end(), rng);
    return r;
}

rows soma(std::size_t n) {
    rows r;
    soma_sample(r);
    std::vector<std::int64_t> spines;
    for (std::int64_t spine = 1; r.size() + 2 <= n / 2;) {
        const auto x = static_cast<double>(r.size());
        r.push_back({next_id(r), 1, x, 0, 0, 5, spine});
        spine = next_id(r) - 1;
        spines.push_back(spine);
        r.push_back({next_id(r), 1, x, 3, 0, 4, spine});
    }
    for (std::size_t k = 0; k < spines.size() && r.size() + 10 <= n; k += 5) {
        const double x = by_id(r, spines[k]).x;
        for (int s = 0; s < 10; ++s) {
            const std::int64_t id = next_id(r);
            r.push_back({id, 3, x, -6.0 - s, 0, 0.5, s == 0 ? spines[k] : id - 1});
        }
    }
    return r;
}

rows make_rows(swc_shape shape, std::size_t n) {
    switch (shape) {
        case swc_shape::chain: return chain(n);
        case swc_shape::binary: return binary(n);
        case swc_shape::comb: return comb(n);
        case swc_shape::star: return star(n);
        case swc_shape::forest: return forest(n);
        case swc_shape::shuffled: return shuffled(n);
        case swc_shape::soma: return soma(n);
    }
    throw std::invalid_argument("unknown SWC shape");
}

// The rows as a Neurolucida tree: each branch's points, then its children in
// parentheses separated by '|', written with an explicit stack so that the
// comb's nesting needs no recursion.
void write_asc_tree(fmt::memory_buffer& text, const rows& r, const std::vector<std::vector<std::int64_t>>& children,
                    std::int64_t root) {
    struct item {
        std::int64_t branch;     // 0: write `words` instead
        const char* words;
    };
    fmt::format_to(std::back_inserter(text), "( (Dendrite)\n");
    std::vector<item> stack{{root, nullptr}};
    while (!stack.empty()) {
        const item it = stack.back();
        stack.pop_back();
        if (it.branch == 0) {
            fmt::format_to(std::back_inserter(text), "{}", it.words);
            continue;
        }
        std::int64_t s = it.branch;
        for (;;) {
            const row& p = by_id(r, s);
            fmt::format_to(std::back_inserter(text), "  ({} {} {} {})\n", p.x, p.y, p.z, 2 * p.radius);
            const auto& kids = children[static_cast<std::size_t>(s)];
            if (kids.size() != 1) break;
            s = kids.front();
        }
        const auto& kids = children[static_cast<std::size_t>(s)];
        if (kids.empty()) {
            fmt::format_to(std::back_inserter(text), "  Normal\n");
            continue;
        }
        // Pushed in reverse: "(", the first child, "|", the second, ..., ")".
        stack.push_back({0, ")\n"});
        for (std::size_t k = kids.size(); k-- > 0;) {
            stack.push_back({kids[k], nullptr});
            stack.push_back({0, k == 0 ? "(\n" : "|\n"});
        }
    }
    fmt::format_to(std::back_inserter(text), ")\n");
}

} // namespace

std::string_view to_string(swc_shape shape) {
    switch (shape) {
        case swc_shape::chain: return "chain";
        case swc_shape::binary: return "binary";
        case swc_shape::comb: return "comb";
        case swc_shape::star: return "star";
        case swc_shape::forest: return "forest";
        case swc_shape::shuffled: return "shuffled";
        case swc_shape::soma: return "soma";
    }
    return "unknown";
}

std::size_t write_large_swc(const std::filesystem::path& path, swc_shape shape, std::size_t samples) {
    const rows r = make_rows(shape, samples);
    fmt::memory_buffer text;
    fmt::format_to(std::back_inserter(text), "# {}, {} samples (tests/unit/large_swc.cpp)\n", to_string(shape), r.size());
    for (const row& s: r) {
        fmt::format_to(std::back_inserter(text), "{} {} {} {} {} {} {}\n", s.id, s.type, s.x, s.y, s.z, s.radius, s.parent);
    }
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return r.size();
}


std::size_t write_large_asc(const std::filesystem::path& path, swc_shape shape, std::size_t samples) {
    if (shape != swc_shape::chain && shape != swc_shape::binary && shape != swc_shape::comb) {
        throw std::invalid_argument("write_large_asc: only the chain, binary and comb shapes have one soma sample");
    }
    const rows r = make_rows(shape, samples);
    std::vector<std::vector<std::int64_t>> children(r.size() + 1);
    for (const row& s: r) {
        if (s.parent > 0) children[static_cast<std::size_t>(s.parent)].push_back(s.id);
    }
    fmt::memory_buffer text;
    fmt::format_to(std::back_inserter(text), "; {}, {} points (tests/unit/large_swc.cpp)\n(\"CellBody\"\n", to_string(shape),
                   r.size() - 1 + soma_outline_points);
    const row& soma = r.front();
    for (std::size_t k = 0; k < soma_outline_points; ++k) {
        const double angle = 2 * std::numbers::pi * static_cast<double>(k) / soma_outline_points;
        fmt::format_to(std::back_inserter(text), "  ({:.4f} {:.4f} 0 0)\n", soma.x + soma.radius * std::cos(angle),
                       soma.y + soma.radius * std::sin(angle));
    }
    fmt::format_to(std::back_inserter(text), ")\n");
    for (std::int64_t tree: children[1]) write_asc_tree(text, r, children, tree);
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return r.size() - 1 + soma_outline_points;
}

} // namespace cajal::test
