#include "label_syntax.hpp"

#include <cctype>
#include <charconv>

#include <cajal/morphology/labels.hpp>

namespace cajal {

label_error::label_error(std::size_t column, const std::string& message):
    input_error(column ? "column " + std::to_string(column) + ": " + message : message), column_(column), message_(message) {}

namespace labels {

namespace {

const std::string empty;
// Deeper nesting than any expression needs would only exhaust the stack.
constexpr int max_depth = 200;

class parser {
public:
    explicit parser(std::string_view text): text_(text) {}

    sexpr whole() {
        skip_blanks();
        if (at_end()) fail("an empty expression; expected a name or (FUNCTION ARGUMENTS...)");
        sexpr e = item();
        skip_blanks();
        if (!at_end()) fail("unexpected '" + std::string(1, text_[pos_]) + "' after the expression");
        return e;
    }

private:
    [[noreturn]] void fail(const std::string& message) const { throw label_error(column(), message); }

    // Columns count characters: UTF-8 continuation bytes do not advance.
    std::size_t column() const {
        std::size_t c = 1;
        for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) c += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
        return c;
    }

    bool at_end() const { return pos_ >= text_.size(); }
    void skip_blanks() {
        while (!at_end() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }

    sexpr item() {
        sexpr e;
        e.column = column();
        const char c = text_[pos_];
        if (c == '(') return list();
        if (c == ')') fail("unexpected ')'");
        if (c == '"') return string();
        const auto start = pos_;
        while (!at_end() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && text_[pos_] != '(' && text_[pos_] != ')' && text_[pos_] != '"') ++pos_;
        const std::string_view word = text_.substr(start, pos_ - start);
        double value = 0;
        const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
        if (ec == std::errc() && end == word.data() + word.size()) {
            e.what = sexpr::kind::number;
            e.number = value;
        } else {
            e.what = sexpr::kind::symbol;
        }
        e.text = std::string(word);
        return e;
    }

    sexpr list() {
        sexpr e;
        e.what = sexpr::kind::list;
        e.column = column();
        if (++depth_ > max_depth) throw label_error(e.column, "the expression nests deeper than " + std::to_string(max_depth) + " levels");
        ++pos_;   // '('
        skip_blanks();
        while (!at_end() && text_[pos_] != ')') {
            e.items.push_back(item());
            skip_blanks();
        }
        if (at_end()) throw label_error(e.column, "this '(' is never closed");
        ++pos_;   // ')'
        --depth_;
        if (e.items.empty()) throw label_error(e.column, "an empty list; expected (FUNCTION ARGUMENTS...)");
        if (e.items.front().what != sexpr::kind::symbol) throw label_error(e.items.front().column, "expected a function name");
        return e;
    }

    sexpr string() {
        sexpr e;
        e.what = sexpr::kind::string;
        e.column = column();
        ++pos_;   // '"'
        const auto start = pos_;
        while (!at_end() && text_[pos_] != '"') ++pos_;
        if (at_end()) throw label_error(e.column, "this string is never closed");
        e.text = std::string(text_.substr(start, pos_ - start));
        ++pos_;
        return e;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

} // namespace

const std::string& sexpr::head() const { return is_list() && !items.empty() ? items.front().text : empty; }

sexpr parse(std::string_view text) { return parser(text).whole(); }

} // namespace labels

} // namespace cajal
