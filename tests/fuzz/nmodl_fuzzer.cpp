// libFuzzer target for the NMODL front end: any input must give either a
// syntax tree or a parse_error pointing into the text; any other exception,
// crash or hang is a finding.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include <cajal/nmodl/parser.hpp>

namespace {

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "nmodl_fuzzer: %s\n", what);
    std::abort();
}

// Lines count from 1; a column may stand one past the end of its line (an
// error at the end of the input).
bool within(cajal::nmodl::source_position position, std::string_view text) {
    std::size_t line_start = 0;
    for (int line = 1; line < position.line; ++line) {
        line_start = text.find('\n', line_start);
        if (line_start == std::string_view::npos) return false;
        ++line_start;
    }
    const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
    return position.line >= 1 && position.column >= 1 &&
           static_cast<std::size_t>(position.column) <= line_end - line_start + 1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const cajal::nmodl::mod_file module = cajal::nmodl::parse_module(text, "fuzz.mod");
        for (const auto& item : module.items) {
            if (!within(item.position, text)) finding("an item's position outside the text");
        }
    } catch (const cajal::nmodl::parse_error& error) {
        if (!within(error.position(), text)) finding("an error position outside the text");
    } catch (const std::exception& error) {
        std::fprintf(stderr, "nmodl_fuzzer: %s\n", error.what());
        finding("an exception other than parse_error");
    }
    return 0;
}
