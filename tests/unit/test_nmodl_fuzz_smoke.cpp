// A short deterministic fuzz of the NMODL front end: mutated .mod texts must
// give a syntax tree or a parse_error that points into the text, and nothing
// else. The long, coverage-guided run is tests/fuzz/nmodl_fuzzer.

#include <algorithm>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "cajal/nmodl/parser.hpp"

namespace nmodl = cajal::nmodl;

namespace {

// The hand-written seeds of the libFuzzer target.
std::vector<std::string> seed_texts() {
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(CAJAL_SOURCE_DIR "/tests/fuzz/corpus/nmodl")) {
        paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> texts;
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        texts.push_back(text.str());
    }
    return texts;
}

// Pieces that make mutations reach the parser's interesting paths.
const std::vector<std::string_view> fragments = {
    "{", "}", "(", ")", "[", "]", ",", "=", "'", "~", "<->", "<<", "->", "<", ">", "^", "-", "!", "\"", ":", "\n",
    "0", "1e", "2.", "x", "(mV)", "COMMENT", "ENDCOMMENT", "VERBATIM", "ENDVERBATIM", "TITLE", "FROM", "TO",
    "NEURON", "STATE", "KINETIC k", "INITIAL", "NET_RECEIVE", "if", "else", "SOLVE", "TABLE", "LOCAL",
};

class mutator {
public:
    explicit mutator(std::uint64_t seed) : rng_(seed) {}

    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

    void mutate(std::string& s) {
        const std::size_t at = below(s.size() + 1);
        switch (below(5)) {
        case 0: // flip one bit
            if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1 << below(8));
            break;
        case 1: // insert a fragment
            s.insert(at, fragments[below(fragments.size())]);
            break;
        case 2: // erase a run of bytes
            s.erase(at, 1 + below(40));
            break;
        case 3: // truncate
            s.resize(at);
            break;
        default: // copy a run of bytes elsewhere
            s.insert(below(s.size() + 1), s.substr(at, 1 + below(80)));
            break;
        }
    }

private:
    std::mt19937_64 rng_;
};

bool within(nmodl::source_position position, const std::string& text) {
    std::size_t line_start = 0;
    for (int line = 1; line < position.line; ++line) {
        line_start = text.find('\n', line_start);
        if (line_start == std::string::npos) return false;
        ++line_start;
    }
    const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
    return position.line >= 1 && position.column >= 1 &&
           static_cast<std::size_t>(position.column) <= line_end - line_start + 1;
}

} // namespace

TEST_CASE("nmodl: mutated texts give a syntax tree or a parse_error within the text", "[nmodl][fuzz]") {
    const std::vector<std::string> seeds = seed_texts();
    REQUIRE(seeds.size() >= 4);
    mutator m(20240611);
    std::size_t accepted = 0, rejected = 0;
    for (int iteration = 0; iteration < 3000; ++iteration) {
        std::string text = seeds[m.below(seeds.size())];
        for (std::size_t k = 0, n = 1 + m.below(3); k < n; ++k) m.mutate(text);
        try {
            nmodl::parse_module(text, "mutant.mod");
            ++accepted;
        } catch (const nmodl::parse_error& error) {
            ++rejected;
            if (!within(error.position(), text)) FAIL("error outside the text: " << error.what() << "\n" << text);
        } catch (const std::exception& error) {
            FAIL("not a parse_error: " << error.what() << "\n" << text);
        }
    }
    // Both outcomes must be exercised for the checks above to mean anything.
    CHECK(accepted > 150);
    CHECK(rejected > 1500);
}
