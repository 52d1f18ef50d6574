// Neurolucida ASC text to sections, by the grammar of NEURON's
// Import3d_Neurolucida3: each production below is one of its procedures, with
// the same look-ahead decisions, so that a file reads (or fails) exactly as it
// does there. Its state is kept the same way too: every point read goes to one
// list, a branch takes the points read while it was read, the section type
// comes from the last property before a tree's first point. Branches nest
// without recursion, so nesting depth is not limited by the stack.
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include <cajal/morphology/morphology_error.hpp>

#include "asc_lexer.hpp"
#include "asc_stages.hpp"

namespace cajal::asc_detail {

namespace {

// Sets may hold objects, which may hold sets: each level recurses.
constexpr int max_set_depth = 200;

// hoc compares numbers within float_epsilon (1e-11).
bool hoc_equal(double a, double b) {
    constexpr double hoc_epsilon = 1e-11;
    return a <= b + hoc_epsilon && a >= b - hoc_epsilon;
}

bool is_value(token_kind k) {
    return k == token_kind::number || k == token_kind::string || k == token_kind::label || k == token_kind::rgb;
}

class parser {
public:
    parser(std::string_view text, const std::string& name): lexer_(text), name_(name) {}

    parsed_asc run() {
        objects();
        if (current().kind != token_kind::end) {
            out_.warnings.push_back({current().line, "the text from " + describe(current()) + " on is not read: "
                                                     "NEURON's Import3d stops at the first thing that cannot "
                                                     "start an object"});
        }
        return std::move(out_);
    }

private:
    // ---- tokens, with Import3d's two tokens of look-ahead and its rollback
    const token& look(std::size_t k) {
        while (buffer_.size() <= pos_ + k) buffer_.push_back(lexer_.next());
        return buffer_[pos_ + k];
    }
    const token& current() { return look(0); }
    void advance() {
        look(0);
        ++pos_;
        // Tokens behind a rollback mark must stay; otherwise drop what is read.
        if (!in_text_attempt_ && pos_ >= 4096) {
            buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(pos_));
            pos_ = 0;
        }
    }

    [[noreturn]] void fail(const token& at, const std::string& message) {
        throw morphology_file_error(name_, at.line, message, at.column);
    }

    [[noreturn]] void unexpected(const std::string& expected) {
        const token& t = current();
        std::string message = "expected " + expected + ", found " + describe(t);
        if (t.kind == token_kind::bad) message += "; NEURON's Import3d cannot read past it either";
        if (t.kind == token_kind::unclosed_string) message += " (a string ends on the line it starts)";
        fail(t, message);
    }

    // Import3d's chk(): the current token must be of this kind.
    void expect(token_kind kind, const std::string& expected) {
        if (current().kind != kind) unexpected(expected);
    }
    // demand(): the next token must be.
    void expect_next(token_kind kind, const std::string& expected) {
        advance();
        expect(kind, expected);
    }
    void optional_comma() {
        if (current().kind == token_kind::comma) advance();
    }

    // ---- productions
    void objects() {
        if (++set_depth_ > max_set_depth) {
            fail(current(), "sets nested more than " + std::to_string(max_set_depth) + " deep");
        }
        object();
        for (;;) {
            optional_comma();
            if (current().kind != token_kind::open) break;
            object();
        }
        --set_depth_;
    }

    void object() {
        expect(token_kind::open, "'(' to begin an object (a contour, tree, marker, property or set)");
        switch (look(1).kind) {
            case token_kind::string: contour(); break;
            case token_kind::label: marker_or_property(); break;
            case token_kind::open: tree_or_text(); break;
            case token_kind::set: set(); break;
            default:
                advance();
                unexpected("a contour's name, a marker's or property's name, '(' or a set after '('");
        }
    }

    void marker_or_property() {
        if (look(2).kind == token_kind::open) {
            marker();
        } else {
            property();
        }
    }

    // A tree and a text both start '(' properties point; Import3d tries text
    // first and, where it is not one, reads the same tokens again as a tree.
    void tree_or_text() {
        if (in_text_attempt_) {
            fail(current(), "a tree or text inside a set inside the properties of a tree or text: NEURON's Import3d "
                            "stops here ('rollback in use')");
        }
        const std::size_t mark = pos_;
        in_text_attempt_ = true;
        const bool is_text = text();
        in_text_attempt_ = false;
        if (!is_text) {
            pos_ = mark;
            tree();
        }
    }

    bool text() {
        expect(token_kind::open, "'('");
        advance();
        properties();
        point();
        if (current().kind != token_kind::string) return false;
        advance();
        if (current().kind != token_kind::close) return false;
        advance();
        return true;
    }

    void properties() {
        properties_.clear();
        const auto starts_item = [&] {
            return current().kind == token_kind::open &&
                   (look(1).kind == token_kind::label || look(1).kind == token_kind::set);
        };
        if (!starts_item()) return;
        property_or_set();
        for (;;) {
            optional_comma();
            if (!starts_item()) break;
            property_or_set();
        }
    }

    void property_or_set() {
        if (look(1).kind == token_kind::label) {
            property();
        } else {
            set();
        }
    }

    void property() {
        expect(token_kind::open, "'('");
        expect_next(token_kind::label, "a property's name");
        properties_.push_back({current().text, 1});
        advance();
        if (is_value(current().kind)) values();
        expect(token_kind::close, "')' to end the property (" + std::string(properties_.back().label) +
                                      ": numbers, strings, names or RGB colours)");
        advance();
    }

    void values() {
        do {
            value();
        } while (is_value(current().kind));
    }

    void value() {
        if (current().kind == token_kind::rgb) {
            expect_next(token_kind::open, "'(' after RGB");
            expect_next(token_kind::number, "RGB's red value");
            advance();
            optional_comma();
            expect(token_kind::number, "RGB's green value");
            advance();
            optional_comma();
            expect(token_kind::number, "RGB's blue value");
            expect_next(token_kind::close, "')' after RGB's three values");
        } else {
            ++properties_.back().items;
        }
        advance();
    }

    void set() {
        expect(token_kind::open, "'('");
        expect_next(token_kind::set, "'set'");
        expect_next(token_kind::string, "the set's name as a string");
        advance();
        if (current().kind != token_kind::close) objects();
        expect(token_kind::close, "')' to end the set");
        advance();
    }

    void contour() {
        expect(token_kind::open, "'('");
        expect_next(token_kind::string, "the contour's name");
        const std::string_view name = current().text;
        const bool soma = name == "CellBody" || name == "Cell Body" || name == "Soma";
        const token start = current();
        advance();
        const std::size_t begin = read_.size();
        properties();
        points();
        if (soma) {
            if (read_.size() - begin > 2) {
                section_type_ = 1;
                make_section(begin, start).contour = true;
            } else {
                out_.warnings.push_back({start.line, "a CellBody contour of fewer than three points is ignored, as "
                                                     "NEURON's Import3d does"});
            }
        }
        expect(token_kind::close, "a point or ')' to end the contour");
        advance();
    }

    void tree() {
        parent_ = -1;
        expect(token_kind::open, "'('");
        advance();
        properties();
        // The type comes from the last property before the first point.
        section_type_ = 0;
        if (!properties_.empty()) {
            const std::string_view last = properties_.back().label;
            if (last == "Axon") section_type_ = 2;
            if (last == "Dendrite") section_type_ = 3;
            if (last == "Apical") section_type_ = 4;
        }
        branches();
        expect(token_kind::close, "')' to end the tree, after its last branch");
        advance();
        parent_ = -1;
    }

    // Import3d's branch, branchend, node and split, with the nesting of
    // branches in an explicit stack: each entry is a branch whose children
    // (a split) are being read, with the parent to restore when it ends.
    void branches() {
        std::vector<std::ptrdiff_t> open_splits;
        for (;;) {
            const std::ptrdiff_t saved_parent = parent_;
            const token start = current();
            const std::size_t begin = read_.size();
            tree_points();
            asc_section& sec = make_section(begin, start);
            sec.parent = parent_;
            parent_ = static_cast<std::ptrdiff_t>(out_.sections.size()) - 1;
            // The branch's end: markers, then its children or an end label.
            optional_comma();
            if (current().kind == token_kind::open) {
                while (look(1).kind == token_kind::label) skip_markers();
            }
            optional_comma();
            if (current().kind == token_kind::open) {
                if (look(1).kind == token_kind::number) {
                    fail(look(1), "a point after the branch's markers: NEURON's Import3d reads the '(' before it as "
                                  "the start of child branches and stops here; expected a branch's points before "
                                  "its markers");
                }
                advance();
                open_splits.push_back(saved_parent);
                continue;
            }
            if (current().kind == token_kind::label) advance();  // Normal, Incomplete, High, Low, Generated, ...
            parent_ = saved_parent;
            // Close every split whose last child this was.
            for (;;) {
                if (open_splits.empty()) return;
                if (current().kind == token_kind::bar) {
                    advance();
                    break;  // the next sibling branch
                }
                expect(token_kind::close, "'|' and a sibling branch, or ')' to end the branches");
                advance();
                parent_ = open_splits.back();
                open_splits.pop_back();
            }
        }
    }

    void tree_points() {
        tree_point();
        for (;;) {
            optional_comma();
            if (current().kind != token_kind::open || look(1).kind != token_kind::number) break;
            tree_point();
        }
    }

    void tree_point() {
        if (look(1).kind == token_kind::label) {
            marker_or_property();
            return;
        }
        point();
        while (current().kind == token_kind::open_spine) spine();
    }

    // A marker inside a branch's points: its points are read among the
    // branch's, as Import3d reads them.
    void marker() {
        expect(token_kind::open, "'('");
        expect_next(token_kind::label, "the marker's name");
        advance();
        properties();
        points();
        expect(token_kind::close, "a point or ')' to end the marker");
        advance();
    }

    // Markers after a branch's points are skipped by counting parentheses.
    void skip_markers() {
        const token start = current();
        expect(token_kind::open, "'('");
        int depth = 1;
        while (depth != 0) {
            advance();
            const token& t = current();
            if (t.kind == token_kind::close) --depth;
            if (t.kind == token_kind::open) ++depth;
            if (t.kind == token_kind::end) {
                fail(start, "the marker that starts here never ends (NEURON's Import3d would read such a file "
                            "forever); expected ')' to end it");
            }
            if (t.kind == token_kind::bad) {
                fail(t, "found " + describe(t) + " inside a marker; NEURON's Import3d would stop on it for ever");
            }
        }
        advance();
    }

    void spine() {
        expect(token_kind::open_spine, "'<'");
        const token start = current();
        advance();
        properties();
        if (!properties_.empty() && properties_.front().label == "Class" && properties_.front().items < 3) {
            fail(start, "a spine's (Class ...) property needs a number and a name after Class, as NEURON's "
                        "Import3d reads them");
        }
        expect(token_kind::open, "'(' to begin the spine's point");
        expect_next(token_kind::number, "the spine point's x coordinate");
        advance();
        optional_comma();
        expect(token_kind::number, "the spine point's y coordinate");
        advance();
        double z = 0, d = 0;
        optional_z(z, d);
        expect(token_kind::close, "')' to end the spine's point");
        advance();
        expect(token_kind::close_spine, "'>' to end the spine");
        advance();
    }

    void points() {
        point();
        for (;;) {
            optional_comma();
            if (current().kind != token_kind::open) break;
            point();
        }
    }

    void point() {
        expect(token_kind::open, "'(' to begin a point");
        const token start = current();
        expect_next(token_kind::number, "the point's x coordinate");
        asc_point p;
        p.line = start.line;
        p.column = start.column;
        p.x = current().number;
        advance();
        optional_comma();
        expect(token_kind::number, "the point's y coordinate");
        p.y = current().number;
        advance();
        optional_z(p.z, p.d);
        read_.push_back(p);
        expect(token_kind::close, "')' to end the point (x y [z [diameter [label]]])");
        advance();
    }

    // z, then the diameter, a label (S1 and the like) and a Bézier control
    // point (four numbers), each only if the one before is there.
    void optional_z(double& z, double& d) {
        optional_comma();
        if (current().kind != token_kind::number) return;
        z = current().number;
        advance();
        optional_comma();
        if (current().kind != token_kind::number) return;
        d = current().number;
        advance();
        optional_comma();
        if (current().kind == token_kind::label) advance();
        optional_comma();
        if (current().kind != token_kind::open) return;
        expect_next(token_kind::number, "a number of the Bézier point");
        for (int i = 0; i < 3; ++i) {
            advance();
            optional_comma();
            expect(token_kind::number, "a number of the Bézier point");
        }
        expect_next(token_kind::close, "')' after the Bézier point's four numbers");
        advance();
    }

    // ---- sections
    // Import3d's newsec: the points read since `begin`, led by a copy of the
    // parent's last point where the branch does not start there.
    asc_section& make_section(std::size_t begin, const token& start) {
        if (begin == read_.size()) fail(start, "a branch without points; expected a point (x y z diameter)");
        asc_section sec;
        sec.type = section_type_;
        const asc_point& first = read_[begin];
        sec.line = first.line;
        sec.column = first.column;
        if (parent_ >= 0) {
            const asc_point& last = out_.sections[static_cast<std::size_t>(parent_)].points.back();
            if (!(hoc_equal(last.x, first.x) && hoc_equal(last.y, first.y) && hoc_equal(last.z, first.z))) {
                asc_point copy = last;
                copy.d = first.d;
                sec.points.push_back(copy);
                sec.starts_at_parent = true;
            }
        }
        for (std::size_t i = begin; i < read_.size(); ++i) {
            check_point(read_[i]);
            sec.points.push_back(read_[i]);
        }
        // NEURON takes a negative diameter for its magnitude, marking a spine
        // there (which adds no area unless a model sets one).
        for (auto& p: sec.points) {
            if (p.d >= 0) continue;
            p.d = -p.d;
            if (section_type_ != 1) {
                out_.warnings.push_back({p.line, "a negative diameter is read as its magnitude, as NEURON does"});
            }
        }
        out_.sections.push_back(std::move(sec));
        return out_.sections.back();
    }

    // NEURON keeps 3-d points in single precision.
    void check_point(const asc_point& p) {
        const auto check = [&](double v, const char* what) {
            if (std::isfinite(v) && std::fabs(v) <= std::numeric_limits<float>::max()) return;
            throw morphology_file_error(name_, p.line,
                                        std::string("the point's ") + what + " is not a finite number of single "
                                        "precision; expected a magnitude below 3.4e38 (NEURON keeps 3-d points in single precision)",
                                        p.column);
        };
        check(p.x, "x coordinate");
        check(p.y, "y coordinate");
        check(p.z, "z coordinate");
        check(p.d, "diameter");
    }

    struct property_item {
        std::string_view label;
        std::size_t items = 1;  // the label and the values after it, RGB colours not counted
    };

    lexer lexer_;
    const std::string& name_;
    std::vector<token> buffer_;
    std::size_t pos_ = 0;
    bool in_text_attempt_ = false;
    int set_depth_ = 0;

    std::vector<asc_point> read_;             // every point read, in order
    std::ptrdiff_t parent_ = -1;              // the branch new branches hang from
    int section_type_ = 0;
    std::vector<property_item> properties_;   // the properties read last
    parsed_asc out_;
};

} // namespace

parsed_asc parse_asc_sections(std::string_view text, const std::string& name) { return parser(text, name).run(); }

} // namespace cajal::asc_detail
