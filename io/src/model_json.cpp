// Located JSON reads for the model file.
#include "model_json.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <cajal/io/model_file.hpp>
#include <cajal/support/text_file.hpp>

#include "json_duplicate_keys.hpp"

namespace cajal::model_io {

namespace {

// "a string", "an array", "null", ... as nlohmann names the type.
std::string described_type(const nlohmann::json& v) {
    const std::string name = v.type_name();
    if (v.is_null()) return name;
    const bool vowel = name.find_first_of("aeiou") == 0;
    return (vowel ? "an " : "a ") + name;
}

// nlohmann reports the 1-based byte offset of the offending character (one
// past the end at the end of input).
std::string syntax_error_message(std::string_view text, const std::string& name, const nlohmann::json::parse_error& e) {
    const text_position at = position_in(text, e.byte > 0 ? e.byte - 1 : 0);
    // what() is "[json.exception.parse_error.N] parse error at line L, column C: REASON".
    std::string reason = e.what();
    if (const auto colon = reason.find(": ", reason.find("parse error")); colon != std::string::npos) {
        reason = reason.substr(colon + 2);
    }
    return fmt::format("{}:{}:{}: invalid JSON: {}", name, at.line, at.column, reason);
}

} // namespace

text_position position_in(std::string_view text, std::size_t offset) {
    const std::string_view before = text.substr(0, std::min(offset, text.size()));
    const std::size_t newline = before.rfind('\n');
    const std::string_view line_before = newline == std::string_view::npos ? before : before.substr(newline + 1);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto column = 1 + std::count_if(line_before.begin(), line_before.end(),
                                          [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return {static_cast<std::size_t>(line), static_cast<std::size_t>(column)};
}

nlohmann::json parse_json(std::string_view text, const std::string& name) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw model_file_error(syntax_error_message(text, name, e));
    }
    check_duplicate_keys(text, name);
    return doc;
}

std::string read_text(const std::filesystem::path& path) {
    try {
        return read_text_file(path, model_file_limit, "model file");
    } catch (const input_error& e) {
        throw model_file_error(e.what());
    }
}

std::string json_value::located(std::string_view message) const {
    if (path_.empty()) return fmt::format("{}: {}", *file_, message);
    return fmt::format("{}: {}: {}", *file_, path_, message);
}

void json_value::fail(std::string_view message) const { throw model_file_error(located(message)); }

std::string json_value::child_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

double json_value::number() const {
    if (!value_->is_number()) fail(fmt::format("expected a number, not {}", described_type(*value_)));
    const double x = value_->get<double>();
    if (!std::isfinite(x)) fail("expected a finite number");
    return x;
}

double json_value::positive_number() const {
    const double x = number();
    if (!(x > 0)) fail(fmt::format("must be positive, not {}", format_number(x)));
    return x;
}

double json_value::non_negative_number() const {
    const double x = number();
    if (x < 0) fail(fmt::format("must not be negative, not {}", format_number(x)));
    return x;
}

std::size_t json_value::whole_number() const {
    if (value_->is_number_unsigned()) return value_->get<std::size_t>();
    const double x = number();
    if (x < 0 || x != std::floor(x) || x > 9e15) {
        fail(fmt::format("expected a whole number of at least 0, not {}", format_number(x)));
    }
    return static_cast<std::size_t>(x);
}

std::string json_value::string() const {
    if (!value_->is_string()) fail(fmt::format("expected a string, not {}", described_type(*value_)));
    std::string s = value_->get<std::string>();
    if (s.empty()) fail("must not be empty");
    return s;
}

bool json_value::boolean() const {
    if (!value_->is_boolean()) fail(fmt::format("expected true or false, not {}", described_type(*value_)));
    return value_->get<bool>();
}

std::vector<json_value> json_value::elements() const {
    if (!value_->is_array()) fail(fmt::format("expected an array, not {}", described_type(*value_)));
    std::vector<json_value> out;
    for (std::size_t i = 0; i < value_->size(); ++i) out.emplace_back((*value_)[i], fmt::format("{}[{}]", path_, i), *file_);
    return out;
}

std::vector<std::pair<std::string, json_value>> json_value::members() const {
    if (!value_->is_object()) fail(fmt::format("expected an object, not {}", described_type(*value_)));
    std::vector<std::pair<std::string, json_value>> out;
    for (const auto& [key, v]: value_->items()) out.emplace_back(key, json_value(v, child_path(key), *file_));
    return out;
}

json_object::json_object(const json_value& value, std::vector<std::string_view> known): value_(value) {
    for (const auto& [key, member]: value.members()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            member.fail(fmt::format("unknown key; known: {}", fmt::join(known, ", ")));
        }
    }
}

json_object json_object::peek(const json_value& value) {
    value.members();   // fails if not an object
    return json_object(value);
}

bool json_object::has(std::string_view key) const { return value_.raw().contains(key); }

std::optional<json_value> json_object::optional(std::string_view key) const {
    const auto it = value_.raw().find(key);
    if (it == value_.raw().end()) return std::nullopt;
    return json_value(*it, value_.child_path(key), value_.file());
}

json_value json_object::required(std::string_view key) const {
    auto v = optional(key);
    if (!v) json_value(value_.raw(), value_.child_path(key), value_.file()).fail("missing (required)");
    return *v;
}

std::string join(const std::vector<std::string>& names) { return fmt::format("{}", fmt::join(names, ", ")); }

std::string format_number(double x) { return fmt::format("{}", x); }

} // namespace cajal::model_io
