// Duplicated keys, found by one pass over valid JSON text: only strings and the
// structural characters matter, and the open objects and arrays are a stack.
#include "json_duplicate_keys.hpp"

#include <cstddef>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <cajal/io/model_file.hpp>

#include "model_json.hpp"

namespace cajal::model_io {

namespace {

// An object or array not yet closed.
struct open_container {
    bool object = false;
    std::string name;  // how its parent names it: a key, "[i]", or "" at the top
    // Objects: each key read so far, at the offset of its opening quote; the key
    // of the value being read; whether a key comes next.
    std::unordered_map<std::string, std::size_t> keys;
    std::string key;
    bool key_next = true;
    std::size_t index = 0;  // arrays: the element being read
};

// How the innermost open container names the value that starts now.
std::string child_name(const std::vector<open_container>& open) {
    if (open.empty()) return {};
    const open_container& parent = open.back();
    return parent.object ? parent.key : fmt::format("[{}]", parent.index);
}

// Where the innermost open object is: "cell.paint[2].parameters", as
// json_value names paths, or "the top-level object".
std::string path_of(const std::vector<open_container>& open) {
    if (open.size() == 1) return "the top-level object";
    std::string path;
    for (std::size_t i = 1; i < open.size(); ++i) {
        const std::string& name = open[i].name;
        path += path.empty() || name.starts_with('[') ? name : '.' + name;
    }
    return path;
}

// The offset of the quote that closes the string opening at `quote`.
std::size_t closing_quote(std::string_view text, std::size_t quote) {
    std::size_t at = quote + 1;
    while (true) {
        at = text.find_first_of("\"\\", at);
        if (text[at] == '"') return at;
        at += 2;  // a backslash and the character it escapes
    }
}

unsigned hex4(std::string_view digits) {
    unsigned value = 0;
    for (const char c: digits.substr(0, 4)) {
        value = value * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return value;
}

void append_utf8(std::string& out, unsigned code_point) {
    const auto byte = [&out](unsigned b) { out += static_cast<char>(b); };
    if (code_point < 0x80) {
        byte(code_point);
    } else if (code_point < 0x800) {
        byte(0xC0 | (code_point >> 6));
        byte(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        byte(0xE0 | (code_point >> 12));
        byte(0x80 | ((code_point >> 6) & 0x3F));
        byte(0x80 | (code_point & 0x3F));
    } else {
        byte(0xF0 | (code_point >> 18));
        byte(0x80 | ((code_point >> 12) & 0x3F));
        byte(0x80 | ((code_point >> 6) & 0x3F));
        byte(0x80 | (code_point & 0x3F));
    }
}

// The characters a string's text (between its quotes) stands for, as UTF-8;
// the escapes are valid, the parser having accepted them.
std::string decoded(std::string_view body) {
    if (body.find('\\') == std::string_view::npos) return std::string(body);
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\') {
            out += body[i];
            continue;
        }
        const char escape = body[++i];
        switch (escape) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned code_point = hex4(body.substr(i + 1));
                i += 4;
                if (code_point >= 0xD800 && code_point < 0xDC00) {  // a high surrogate, then "\uDC00".."\uDFFF"
                    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (hex4(body.substr(i + 3)) - 0xDC00);
                    i += 6;
                }
                append_utf8(out, code_point);
                break;
            }
            default: out += escape;  // '"', '\\', '/'
        }
    }
    return out;
}

} // namespace

void check_duplicate_keys(std::string_view text, const std::string& name) {
    std::vector<open_container> open;
    for (std::size_t at = 0; at < text.size(); ++at) {
        switch (text[at]) {
            case '{':
            case '[': {
                open_container next;
                next.object = text[at] == '{';
                next.name = child_name(open);
                open.push_back(std::move(next));
                break;
            }
            case '}':
            case ']': open.pop_back(); break;
            case ',':
                if (open.back().object) {
                    open.back().key_next = true;
                } else {
                    ++open.back().index;
                }
                break;
            case '"': {
                const std::size_t end = closing_quote(text, at);
                if (!open.empty() && open.back().object && open.back().key_next) {
                    open_container& object = open.back();
                    std::string key = decoded(text.substr(at + 1, end - at - 1));
                    const auto [first, inserted] = object.keys.emplace(key, at);
                    if (!inserted) {
                        const text_position here = position_in(text, at);
                        const text_position before = position_in(text, first->second);
                        throw model_file_error(fmt::format("{}:{}:{}: duplicated key '{}' in {} (first at {}:{})", name,
                                                           here.line, here.column, key, path_of(open), before.line,
                                                           before.column));
                    }
                    object.key = std::move(key);
                    object.key_next = false;
                }
                at = end;
                break;
            }
            default: break;
        }
    }
}

} // namespace cajal::model_io
