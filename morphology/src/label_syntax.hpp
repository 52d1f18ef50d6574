#pragma once
// The syntax of label expressions: s-expressions of symbols, numbers and
// strings, each item knowing its column for messages.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cajal::labels {

struct sexpr {
    enum class kind { symbol, number, string, list };
    kind what = kind::symbol;
    std::string text;               // symbol or string
    double number = 0;
    std::vector<sexpr> items;       // list: the head symbol first
    std::size_t column = 1;         // of the item's first character

    bool is_list() const noexcept { return what == kind::list; }
    // The head symbol of a list ("" for an empty list).
    const std::string& head() const;
};

// Parses one expression (trailing blanks allowed); throws label_error with the column.
sexpr parse(std::string_view text);

} // namespace cajal::labels
