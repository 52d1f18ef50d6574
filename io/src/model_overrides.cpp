// `cajal run --set PATH=VALUE`: a value of the model file replaced (or a key
// added) before the file is read, so that it is checked like the file.
#include <cctype>
#include <string>

#include <fmt/format.h>

#include <cajal/io/model_file.hpp>

#include "model_layouts.hpp"

namespace cajal::model_io {

namespace {

[[noreturn]] void fail(const std::string& setting, const std::string& message) { throw model_file_error(fmt::format("--set {}: {}", setting, message)); }

// "a.b[2].c" as keys and indices.
struct step {
    std::string key;           // empty for an index
    std::size_t index = 0;
};

std::vector<step> parse_path(const std::string& path, const std::string& setting) {
    std::vector<step> steps;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '[') {
            const auto close = path.find(']', i);
            const std::string digits = path.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1);
            if (close == std::string::npos || digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
                fail(setting, "expected an index [N] at column " + std::to_string(i + 1));
            }
            steps.push_back({"", std::stoul(digits)});
            i = close + 1;
            if (i < path.size() && path[i] == '.') ++i;
            continue;
        }
        const auto end = path.find_first_of(".[", i);
        const std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
        if (key.empty()) fail(setting, "an empty key at column " + std::to_string(i + 1));
        steps.push_back({key, 0});
        i = end == std::string::npos ? path.size() : end + (path[end] == '.' ? 1 : 0);
    }
    if (steps.empty()) fail(setting, "expected PATH=VALUE, PATH as error messages write it (cell.properties.cm)");
    return steps;
}

} // namespace

void apply_overrides(nlohmann::json& doc, const std::vector<std::string>& settings) {
    for (const std::string& setting: settings) {
        const auto equals = setting.find('=');
        if (equals == std::string::npos) fail(setting, "expected PATH=VALUE");
        const std::string path = setting.substr(0, equals), text = setting.substr(equals + 1);
        const auto steps = parse_path(path, setting);
        nlohmann::json* at = &doc;
        std::string walked;
        for (std::size_t k = 0; k < steps.size(); ++k) {
            const bool last = k + 1 == steps.size();
            const step& s = steps[k];
            if (s.key.empty()) {
                if (!at->is_array() || s.index >= at->size()) fail(setting, fmt::format("{} has no element [{}]", walked.empty() ? "the file" : walked, s.index));
                at = &(*at)[s.index];
                walked += fmt::format("[{}]", s.index);
            } else {
                if (!at->is_object()) fail(setting, fmt::format("{} is not an object", walked.empty() ? "the file" : walked));
                if (!at->contains(s.key) && !last) fail(setting, fmt::format("{} has no key '{}'", walked.empty() ? "the file" : walked, s.key));
                at = &(*at)[s.key];
                walked += (walked.empty() ? "" : ".") + s.key;
            }
        }
        // A number, true, an array...: JSON; anything else: a string.
        *at = nlohmann::json::accept(text) ? nlohmann::json::parse(text) : nlohmann::json(text);
    }
}

} // namespace cajal::model_io
