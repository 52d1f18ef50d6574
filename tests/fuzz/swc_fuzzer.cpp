// libFuzzer target for the SWC reader: any input must give either a valid
// swc_file or an swc_error pointing into the text; anything else is a finding.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <cajal/morphology/swc.hpp>

namespace {

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "swc_fuzzer: %s\n", what);
    std::abort();
}

void check_file(const cajal::swc_file& f) {
    if (f.samples.empty()) finding("no samples in an accepted file");
    if (f.parent.size() != f.samples.size()) finding("parent and samples differ in size");
    for (std::size_t i = 0; i < f.samples.size(); ++i) {
        std::ptrdiff_t p = f.parent[i];
        if (p >= static_cast<std::ptrdiff_t>(i)) finding("a parent index not below its child's");
        if ((p < 0) != (f.samples[i].parent_id < 0)) finding("a root that disagrees with its parent id");
        if (p >= 0 && f.samples[static_cast<std::size_t>(p)].id != f.samples[i].parent_id) {
            finding("a parent index that does not match the parent id");
        }
        if (p < -1) finding("a parent index below -1");
        if (f.samples[i].radius < 0) finding("a negative radius");
    }
    if (std::count(f.parent.begin(), f.parent.end(), -1) != 1) finding("not exactly one root");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (bool soma_tree_only: {false, true}) {
        cajal::swc_options opts;
        opts.soma_tree_only = soma_tree_only;
        try {
            check_file(cajal::parse_swc(text, "fuzz.swc", opts));
        } catch (const cajal::swc_error& e) {
            if (e.line() > lines) finding("an error line beyond the text");
        }
    }
    return 0;
}
