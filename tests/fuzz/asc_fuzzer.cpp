// libFuzzer target for the Neurolucida ASC reader, through to a morphology:
// any input must give a morphology or a morphology_file_error pointing into
// the text; anything else (another exception, a crash, a hang) is a finding.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <cajal/morphology/asc.hpp>
#include <cajal/morphology/morphology.hpp>

namespace {

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "asc_fuzzer: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Lines end at "\n", "\r\n" or a lone "\r".
    std::size_t lines = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++lines;
    }
    try {
        const cajal::morphology m = cajal::make_morphology(cajal::parse_asc(text, "fuzz.asc"));
        if (m.num_branches() == 0) finding("an accepted file without branches");
    } catch (const cajal::morphology_file_error& e) {
        if (e.line() > lines) finding("an error line beyond the text");
    }
    return 0;
}
