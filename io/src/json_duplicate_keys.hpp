#pragma once
// Duplicated keys in JSON text. nlohmann::json keeps the last of two equal keys
// without a word; a model file that sets a value twice is a mistake to report.

#include <string>
#include <string_view>

namespace cajal::model_io {

// Throws model_file_error "NAME:LINE:COLUMN: duplicated key 'KEY' in PATH (first
// at LINE:COLUMN)" for the first key, in text order, that repeats a key of the
// same object. Keys are compared after their escapes are decoded. `text` must
// be valid JSON (parse it first). One pass, no recursion, whatever the nesting.
void check_duplicate_keys(std::string_view text, const std::string& name);

} // namespace cajal::model_io
