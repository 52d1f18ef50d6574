// A short deterministic fuzz of the ASC reader through to a morphology: mutated
// seed texts must give a morphology or a morphology_file_error that points into
// the text, and nothing else. The long, coverage-guided run is tests/fuzz/asc_fuzzer.

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/morphology/asc.hpp>
#include <cajal/morphology/morphology.hpp>

using namespace cajal;

namespace {

const std::vector<std::string> seeds = {
    "(\"CellBody\" (Closed) (0 5 0 1) (4 3 0 1) (5 -1 0 1) (2 -5 0 1) (-3 -4 0 1) (-5 0 0 1))\n"
    "((Dendrite) (1 4 0 1) (2 12 0 0.9) ( (2 12 0 0.5) (4 20 0 0.4) Normal | (0 20 0 0.4) ) )\n",
    "; V3\n((Axon) (Color Red)\n (0 0 0 2 S1)\n (0 10 0 2) <(1 11 0 0.5)>\n (Cross (Name \"m\") (1 1 0 1))\n Incomplete\n)\n",
    "(\"CellBody\" (-4 0 -2 0) (0 4 -2 0) (4 0 -2 0) (0 -4 -2 0))\r\n(\"CellBody\" (-6 0 0 0) (0 6 0 0) (6 0 0 0) "
    "(0 -6 0 0))\r\n((Apical) (0 5 0 1.5) (0 15 0 1.2))\r\n",
    "(Sections S1 \"x.DAT\" 0 0 0)\n(ImageCoords)\n(Set \"s\" ((Dendrite) (0 0 0 1) (0 1 0 1)))\n"
    "((Color RGB (1, 2, 3)) (Font \"Arial\" 10) (4 4 0 0) \"text\")\n",
};

// Bytes that make mutations reach the reader's interesting paths.
constexpr std::string_view interesting = "()|<>,;\"\t\n\r 0123456789.-+eE@#SsetRGBinfnan";

class mutator {
public:
    explicit mutator(std::uint64_t seed): rng_(seed) {}
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

    void mutate(std::string& s) {
        const std::size_t at = below(s.size() + 1);
        switch (below(5)) {
            case 0:
                if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1 << below(8));
                break;
            case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), interesting[below(interesting.size())]); break;
            case 2: s.erase(std::min(at, s.size()), 1 + below(6)); break;
            case 3: s.resize(at); break;
            default: {  // repeat a stretch
                const std::size_t from = below(s.size());
                s.insert(at, s.substr(from, 1 + below(40)));
                break;
            }
        }
    }

private:
    std::mt19937_64 rng_;
};

std::size_t line_count(std::string_view text) {
    std::size_t lines = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++lines;
    }
    return lines;
}

} // namespace

TEST_CASE("asc: mutated texts give a morphology or an error within the text", "[morphology][asc][fuzz]") {
    mutator m(20261207);
    std::size_t accepted = 0, rejected = 0;
    for (int iteration = 0; iteration < 4000; ++iteration) {
        std::string text = seeds[m.below(seeds.size())];
        for (std::size_t k = 0, n = 1 + m.below(4); k < n; ++k) m.mutate(text);
        try {
            const morphology cell = make_morphology(parse_asc(text, "mutant.asc"));
            ++accepted;
            if (cell.num_branches() == 0) FAIL("no branches in:\n" << text);
        } catch (const morphology_file_error& e) {
            ++rejected;
            if (e.line() > line_count(text)) FAIL("error line " << e.line() << " beyond the text: " << e.what());
        } catch (const std::exception& e) {
            FAIL("unexpected " << e.what() << " for:\n" << text);
        }
    }
    // Both outcomes must be exercised for the checks above to mean anything.
    CHECK(accepted > 400);
    CHECK(rejected > 400);
}
