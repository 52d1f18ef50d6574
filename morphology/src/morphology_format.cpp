#include <cajal/morphology/morphology_format.hpp>

#include <charconv>
#include <string>

#include <cajal/morphology/morphology_error.hpp>

namespace cajal {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view skip_blanks(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    return s;
}

// Seven numbers at the start of the line, as scanf("%f %f %f %f %f %f %f") finds them.
bool starts_swc_sample(std::string_view line) {
    for (int k = 0; k < 7; ++k) {
        line = skip_blanks(line);
        if (!line.empty() && line.front() == '+') line.remove_prefix(1);
        double value = 0;
        const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), value);
        if (ec != std::errc{} && ec != std::errc::result_out_of_range) return false;
        line.remove_prefix(static_cast<std::size_t>(end - line.data()));
    }
    return true;
}

bool starts_neurolucida(std::string_view line) {
    if (skip_blanks(line).substr(0, 1) == "(") return true;
    if (line.substr(0, 1) != ";") return false;
    return skip_blanks(line.substr(1)).substr(0, 2) == "V3";
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

} // namespace

std::string_view to_string(morphology_format format) {
    switch (format) {
        case morphology_format::swc: return "swc";
        case morphology_format::asc: return "asc";
    }
    return "unknown";
}

std::optional<morphology_format> format_from_extension(const std::filesystem::path& path) {
    std::string extension = path.extension().string();
    for (char& c: extension) c = lower(c);
    if (extension == ".swc") return morphology_format::swc;
    if (extension == ".asc") return morphology_format::asc;
    return std::nullopt;
}

morphology_format format_from_content(std::string_view text, std::string_view name) {
    constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
    if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        if (starts_neurolucida(line)) return morphology_format::asc;
        if (starts_swc_sample(line)) return morphology_format::swc;
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    throw morphology_file_error(std::string(name), 0,
                                "cannot tell the file's format: no line begins an SWC sample (id type x y z radius "
                                "parent) or a Neurolucida ASC object ('(' or \"; V3\"); the known formats are swc "
                                "(.swc) and asc (Neurolucida, .asc)");
}

} // namespace cajal
