// A short deterministic fuzz of the SWC reader: mutated seed texts must give a
// valid swc_file or an swc_error that points into the text, and nothing else.
// The long, coverage-guided run is tests/fuzz/swc_fuzzer.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/morphology/swc.hpp>

using namespace cajal;

namespace {

const std::vector<std::string> seeds = {
    "1 1 0 0 0 5 -1\n2 3 0 10 0 1 1\n3 3 0 20 0 0.5 2\n4 2 0 -10 0 0.5 1\n",
    "# three-point soma\r\n1 1 0 0 0 4.5 -1\r\n2 1 0 -4.5 0 4.5 1\r\n3 1 0 4.5 0 4.5 1\r\n4 3 -7 0 0 0.4 1\r\n",
    "30 3 0 30 0 1 10\n10 1 0 0 0 5 -1 # soma\n25 3 0 25 0 1 40\n\n40 3 0 20 0 1 10\n",
    "1 3 9 9 9 1 -1\n2 3 9 9 10 0 1\n10 1.0 0 0 0 5 -1.0\n11 3 0 0 0 1e0 10\n20 2 7 7 7 1 -1\n",
};

// Bytes that make mutations reach the reader's interesting paths.
constexpr char interesting_bytes[] = "0123456789 \t\n\r#-+.eE\0naif";
constexpr std::string_view interesting(interesting_bytes, sizeof interesting_bytes - 1);

class mutator {
public:
    explicit mutator(std::uint64_t seed): rng_(seed) {}

    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

    void mutate(std::string& s) {
        switch (below(6)) {
        case 0:  // flip one bit
            if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1 << below(8));
            break;
        case 1:  // insert a byte
            s.insert(s.begin() + static_cast<std::ptrdiff_t>(below(s.size() + 1)), interesting[below(interesting.size())]);
            break;
        case 2:  // erase a run of bytes
            if (!s.empty()) {
                std::size_t at = below(s.size());
                s.erase(at, 1 + below(8));
            }
            break;
        case 3:  // truncate
            s.resize(below(s.size() + 1));
            break;
        case 4:  // shuffle the lines
            shuffle_lines(s);
            break;
        default:  // repeat a line
            repeat_line(s);
            break;
        }
    }

private:
    static std::vector<std::string> lines_of(const std::string& s) {
        std::vector<std::string> lines;
        std::size_t pos = 0;
        while (pos <= s.size()) {
            std::size_t end = std::min(s.find('\n', pos), s.size());
            lines.push_back(s.substr(pos, end - pos));
            pos = end + 1;
        }
        return lines;
    }

    static std::string joined(const std::vector<std::string>& lines) {
        std::string s;
        for (const auto& l: lines) s += l + "\n";
        return s;
    }

    void shuffle_lines(std::string& s) {
        auto lines = lines_of(s);
        for (std::size_t i = lines.size(); i > 1; --i) std::swap(lines[i - 1], lines[below(i)]);
        s = joined(lines);
    }

    void repeat_line(std::string& s) {
        auto lines = lines_of(s);
        std::size_t from = below(lines.size());
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(below(lines.size() + 1)), lines[from]);
        s = joined(lines);
    }

    std::mt19937_64 rng_;
};

bool valid(const swc_file& f) {
    if (f.samples.empty() || f.parent.size() != f.samples.size() || f.parent[0] != -1) return false;
    for (std::size_t i = 1; i < f.samples.size(); ++i) {
        std::ptrdiff_t p = f.parent[i];
        if (p < 0 || p >= static_cast<std::ptrdiff_t>(i)) return false;
        if (f.samples[static_cast<std::size_t>(p)].id != f.samples[i].parent_id) return false;
    }
    return true;
}

} // namespace

TEST_CASE("swc: mutated texts give a valid file or an swc_error within the text", "[swc][fuzz]") {
    mutator m(20240611);
    std::size_t accepted = 0, rejected = 0;
    for (int iteration = 0; iteration < 4000; ++iteration) {
        std::string text = seeds[m.below(seeds.size())];
        for (std::size_t k = 0, n = 1 + m.below(4); k < n; ++k) m.mutate(text);
        auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
        swc_options opts;
        opts.soma_tree_only = m.below(2) == 1;
        try {
            swc_file f = parse_swc(text, "mutant.swc", opts);
            ++accepted;
            if (!valid(f)) FAIL("invalid result for:\n" << text);
        } catch (const swc_error& e) {
            ++rejected;
            if (e.line() > lines) FAIL("error line " << e.line() << " beyond " << lines << " lines: " << e.what());
        }
    }
    // Both outcomes must be exercised for the check above to mean anything.
    CHECK(accepted > 400);
    CHECK(rejected > 400);
}
