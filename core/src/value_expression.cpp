// Formulas of where a value is evaluated (see value_expression.hpp): a
// recursive-descent parser to a small tree, evaluated per CV.
#include <cajal/core/value_expression.hpp>

#include <cctype>
#include <charconv>
#include <cmath>

#include "number_text.hpp"

namespace cajal {

expression_error::expression_error(std::size_t column, const std::string& message):
    input_error("column " + std::to_string(column) + ": " + message), column_(column), message_(message) {}

struct value_expression::node {
    enum class kind { constant, distance, relative_distance, diameter, negate, logical_not, binary, call };
    enum class op { add, sub, mul, div, pow, lt, le, gt, ge, eq, ne, logical_and, logical_or };
    enum class function { exp, log, sqrt, abs, sigmoid, pow, min, max, if_ };

    kind what = kind::constant;
    double value = 0;
    op binary_op = op::add;
    function fn = function::exp;
    std::vector<std::shared_ptr<const node>> args;

    double evaluate(const value_site& at) const {
        switch (what) {
        case kind::constant: return value;
        case kind::distance: return at.distance;
        case kind::relative_distance: return at.relative_distance;
        case kind::diameter: return at.diameter;
        case kind::negate: return -args[0]->evaluate(at);
        case kind::logical_not: return args[0]->evaluate(at) == 0 ? 1 : 0;
        case kind::binary: return apply(args[0]->evaluate(at), args[1]->evaluate(at));
        case kind::call: return call(at);
        }
        return 0;
    }

private:
    double apply(double a, double b) const {
        switch (binary_op) {
        case op::add: return a + b;
        case op::sub: return a - b;
        case op::mul: return a * b;
        case op::div: return a / b;
        case op::pow: return std::pow(a, b);
        case op::lt: return a < b;
        case op::le: return a <= b;
        case op::gt: return a > b;
        case op::ge: return a >= b;
        case op::eq: return a == b;
        case op::ne: return a != b;
        case op::logical_and: return a != 0 && b != 0;
        case op::logical_or: return a != 0 || b != 0;
        }
        return 0;
    }

    double call(const value_site& at) const {
        if (fn == function::if_) return args[0]->evaluate(at) != 0 ? args[1]->evaluate(at) : args[2]->evaluate(at);
        const double a = args[0]->evaluate(at);
        switch (fn) {
        case function::exp: return std::exp(a);
        case function::log: return std::log(a);
        case function::sqrt: return std::sqrt(a);
        case function::abs: return std::fabs(a);
        case function::sigmoid: return 1 / (1 + std::exp(-a));
        case function::pow: return std::pow(a, args[1]->evaluate(at));
        case function::min:
        case function::max: {
            double r = a;
            for (std::size_t i = 1; i < args.size(); ++i) {
                const double b = args[i]->evaluate(at);
                r = fn == function::min ? std::fmin(r, b) : std::fmax(r, b);
            }
            return r;
        }
        case function::if_: break;
        }
        return 0;
    }
};

namespace {

using node = value_expression::node;
using node_ptr = std::shared_ptr<const node>;

constexpr std::string_view known_names = "distance, relative_distance, diameter";
constexpr std::string_view known_functions = "exp, log, sqrt, abs, sigmoid, pow, min, max, if";
// Deeper nesting than any formula needs would only exhaust the stack.
constexpr int max_depth = 200;

class parser {
public:
    explicit parser(std::string_view text): text_(text) {}

    node_ptr whole(bool& uses_relative) {
        skip_blanks();
        if (at_end()) fail("an empty formula; expected a number, a name such as distance, or a function such as exp(...)");
        auto root = disjunction();
        skip_blanks();
        if (!at_end()) fail("unexpected '" + std::string(1, text_[pos_]) + "' after the formula");
        uses_relative = uses_relative_;
        return root;
    }

private:
    [[noreturn]] void fail(const std::string& message) const { fail_at(pos_, message); }
    [[noreturn]] void fail_at(std::size_t pos, const std::string& message) const {
        std::size_t column = 1;
        for (std::size_t i = 0; i < pos && i < text_.size(); ++i) column += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
        throw expression_error(column, message);
    }

    bool at_end() const { return pos_ >= text_.size(); }
    void skip_blanks() {
        while (!at_end() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    // Consumes `token` if it comes next (after blanks); words must end there.
    bool accept(std::string_view token) {
        skip_blanks();
        if (text_.substr(pos_, token.size()) != token) return false;
        const bool word = std::isalpha(static_cast<unsigned char>(token.front()));
        const std::size_t after = pos_ + token.size();
        if (word && after < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[after])) || text_[after] == '_')) return false;
        pos_ = after;
        return true;
    }
    void expect(char c, const std::string& what) {
        skip_blanks();
        if (at_end() || text_[pos_] != c) fail("expected '" + std::string(1, c) + "' " + what);
        ++pos_;
    }

    static node_ptr make(node::kind what, std::vector<node_ptr> args = {}) {
        auto n = std::make_shared<node>();
        n->what = what;
        n->args = std::move(args);
        return n;
    }
    static node_ptr binary(node::op op, node_ptr a, node_ptr b) {
        auto n = std::make_shared<node>();
        n->what = node::kind::binary;
        n->binary_op = op;
        n->args = {std::move(a), std::move(b)};
        return n;
    }

    struct depth_guard {
        parser& p;
        explicit depth_guard(parser& owner): p(owner) {
            if (++p.depth_ > max_depth) p.fail("the formula nests deeper than " + std::to_string(max_depth) + " levels");
        }
        ~depth_guard() { --p.depth_; }
    };

    node_ptr disjunction() {
        auto a = conjunction();
        while (accept("or") || accept("||")) a = binary(node::op::logical_or, a, conjunction());
        return a;
    }
    node_ptr conjunction() {
        auto a = negation();
        while (accept("and") || accept("&&")) a = binary(node::op::logical_and, a, negation());
        return a;
    }
    node_ptr negation() {
        depth_guard guard(*this);
        if (accept("not")) return make(node::kind::logical_not, {negation()});
        return comparison();
    }
    node_ptr comparison() {
        auto a = sum();
        struct choice {
            std::string_view token;
            node::op op;
        };
        for (const choice c: {choice{"<=", node::op::le}, choice{">=", node::op::ge}, choice{"==", node::op::eq}, choice{"!=", node::op::ne},
                              choice{"<", node::op::lt}, choice{">", node::op::gt}}) {
            if (accept(c.token)) return binary(c.op, a, sum());
        }
        return a;
    }
    node_ptr sum() {
        auto a = product();
        while (true) {
            if (accept("+")) a = binary(node::op::add, a, product());
            else if (accept("-")) a = binary(node::op::sub, a, product());
            else return a;
        }
    }
    node_ptr product() {
        auto a = unary();
        while (true) {
            if (accept("*")) a = binary(node::op::mul, a, unary());
            else if (accept("/")) a = binary(node::op::div, a, unary());
            else return a;
        }
    }
    node_ptr unary() {
        depth_guard guard(*this);
        if (accept("-")) return make(node::kind::negate, {unary()});
        if (accept("+")) return unary();
        return power();
    }
    // Right-associative, binding tighter than a leading minus: -2^2 is -4.
    node_ptr power() {
        auto base = primary();
        if (accept("^")) return binary(node::op::pow, base, unary());
        return base;
    }

    node_ptr primary() {
        depth_guard guard(*this);
        skip_blanks();
        if (at_end()) fail("the formula ends where a value is expected");
        const char c = text_[pos_];
        if (c == '(') {
            ++pos_;
            auto inner = disjunction();
            expect(')', "to close the '('");
            return inner;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return name();
        fail("unexpected '" + std::string(1, c) + "'; expected a number, a name or '('");
    }

    node_ptr number() {
        const auto start = pos_;
        double value = 0;
        const auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), value);
        if (ec != std::errc()) fail_at(start, "a number out of range");
        pos_ = static_cast<std::size_t>(end - text_.data());
        auto n = std::make_shared<node>();
        n->value = value;
        return n;
    }

    node_ptr name() {
        const auto start = pos_;
        while (!at_end() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
        const std::string word(text_.substr(start, pos_ - start));
        skip_blanks();
        if (!at_end() && text_[pos_] == '(') {
            ++pos_;
            return call(word, start);
        }
        if (word == "distance") return make(node::kind::distance);
        if (word == "relative_distance") {
            uses_relative_ = true;
            return make(node::kind::relative_distance);
        }
        if (word == "diameter") return make(node::kind::diameter);
        fail_at(start, "unknown name '" + word + "'; known: " + std::string(known_names) + "; functions: " + std::string(known_functions));
    }

    node_ptr call(const std::string& word, std::size_t start) {
        struct signature {
            std::string_view name;
            node::function fn;
            std::size_t min_args, max_args;
        };
        static constexpr signature signatures[] = {
            {"exp", node::function::exp, 1, 1}, {"log", node::function::log, 1, 1},  {"sqrt", node::function::sqrt, 1, 1},
            {"abs", node::function::abs, 1, 1}, {"sigmoid", node::function::sigmoid, 1, 1}, {"pow", node::function::pow, 2, 2},
            {"min", node::function::min, 2, 64},
            {"max", node::function::max, 2, 64}, {"if", node::function::if_, 3, 3},
        };
        const signature* s = nullptr;
        for (const auto& candidate: signatures) {
            if (candidate.name == word) s = &candidate;
        }
        if (!s) fail_at(start, "unknown function '" + word + "'; known: " + std::string(known_functions));
        auto n = std::make_shared<node>();
        n->what = node::kind::call;
        n->fn = s->fn;
        skip_blanks();
        if (!(pos_ < text_.size() && text_[pos_] == ')')) {
            do n->args.push_back(disjunction());
            while (accept(","));
        }
        expect(')', "to close " + word + "(");
        if (n->args.size() < s->min_args || n->args.size() > s->max_args) {
            const std::string wanted = s->min_args == s->max_args ? std::to_string(s->min_args) : "at least " + std::to_string(s->min_args);
            fail_at(start, word + "() takes " + wanted + " argument" + (s->min_args == 1 && s->max_args == 1 ? "" : "s") + ", not " +
                               std::to_string(n->args.size()));
        }
        return n;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    bool uses_relative_ = false;
};

} // namespace

value_expression::value_expression(double value): text_(number_text(value)) {
    auto n = std::make_shared<node>();
    n->value = value;
    root_ = n;
}

value_expression value_expression::parse(std::string_view text) {
    value_expression e;
    e.root_ = parser(text).whole(e.uses_relative_distance_);
    e.text_ = std::string(text);
    return e;
}

double value_expression::evaluate(const value_site& at) const { return root_->evaluate(at); }

bool value_expression::is_constant() const noexcept { return root_->what == node::kind::constant; }

} // namespace cajal
