#pragma once
// The two stages of reading SWC text: per-line parsing into samples, then the
// structure checks that turn those samples into an ordered tree.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/morphology/swc.hpp>

namespace cajal::swc_detail {

// Samples in file order, with the text of the line each came from.
struct parsed_swc {
    std::vector<swc_sample> samples;
    std::vector<std::string_view> line_text;  // trimmed, parallel to samples
};

parsed_swc parse_swc_samples(std::string_view text, const std::string& name);

swc_file validate_swc(const parsed_swc& parsed, std::string name, const swc_options& opts);

// Text of a line or token fit for an error message: quoted, control bytes
// escaped, long text shortened.
std::string quote_swc_text(std::string_view text);

} // namespace cajal::swc_detail
