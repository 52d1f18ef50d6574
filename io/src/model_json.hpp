#pragma once
// JSON values that know where they sit in the model file, so that every check
// can report "FILE: JSON.PATH: message".

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace cajal::model_io {

// The JSON document of a model file's text; a syntax error is a
// model_file_error "NAME:LINE:COLUMN: invalid JSON: reason", and so is a key
// that appears twice in one object (see json_duplicate_keys.hpp).
nlohmann::json parse_json(std::string_view text, const std::string& name);

// Where a byte of a text lies as editors count: line by '\n' and column in
// characters (UTF-8 continuation bytes do not advance it), both from 1.
struct text_position {
    std::size_t line = 1;
    std::size_t column = 1;
};
text_position position_in(std::string_view text, std::size_t offset);

// A model file's text; a file that cannot be read is a model_file_error.
std::string read_text(const std::filesystem::path& path);

class json_value {
public:
    json_value(const nlohmann::json& value, std::string path, const std::string& file):
        value_(&value), path_(std::move(path)), file_(&file) {}

    const nlohmann::json& raw() const noexcept { return *value_; }
    const std::string& path() const noexcept { return path_; }
    const std::string& file() const noexcept { return *file_; }

    // "FILE: PATH: message" ("FILE: message" at the top level).
    std::string located(std::string_view message) const;
    // Throws model_file_error with the located message.
    [[noreturn]] void fail(std::string_view message) const;

    // A child at path "PATH.key"; the key need not exist in the JSON (for messages).
    std::string child_path(std::string_view key) const;

    // Typed reads; each fails with "expected ..., not <JSON type>".
    double number() const;                 // finite
    double positive_number() const;        // > 0
    double non_negative_number() const;    // >= 0
    std::size_t whole_number() const;      // integer >= 0 (a float with integral value counts)
    std::string string() const;            // non-empty
    bool boolean() const;
    std::vector<json_value> elements() const;                       // of an array
    std::vector<std::pair<std::string, json_value>> members() const;  // of an object, any keys

private:
    const nlohmann::json* value_;
    std::string path_;
    const std::string* file_;
};

// An object with a fixed set of keys: any other key fails, naming the known ones.
class json_object {
public:
    json_object(const json_value& value, std::vector<std::string_view> known);
    // An object whose keys are checked later, by a json_object made for its
    // kind once this one has told which kind it is. Fails if not an object.
    static json_object peek(const json_value& value);

    const json_value& value() const noexcept { return value_; }
    bool has(std::string_view key) const;
    std::optional<json_value> optional(std::string_view key) const;
    json_value required(std::string_view key) const;   // fails when absent

private:
    explicit json_object(const json_value& value): value_(value) {}

    json_value value_;
};

// "a, b, c".
std::string join(const std::vector<std::string>& names);

// The shortest text that reads back as x.
std::string format_number(double x);

} // namespace cajal::model_io
