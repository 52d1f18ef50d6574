#include "linear_form.hpp"

#include "double_literal.hpp"

namespace cajal::nmodl {

namespace {

expression_ptr make(decltype(expression::node) node) {
    auto e = std::make_unique<expression>();
    e->node = std::move(node);
    return e;
}

expression_ptr binary(binary_op op, expression_ptr a, expression_ptr b) { return make(binary_expression{op, std::move(a), std::move(b)}); }

bool is_number(const expression_ptr& e, double value) {
    if (!e) return value == 0.0;
    const auto* n = std::get_if<number_literal>(&e->node);
    return n && n->value == value;
}

// Locals are followed through their definitions at most this deep, so that a
// self-referencing chain cannot recurse forever.
constexpr int max_substitution_depth = 64;

bool reads(const expression& e, const std::string& x, const local_definition& definition_of, int depth) {
    if (depth > max_substitution_depth) return true;
    return std::visit(
        [&](const auto& n) -> bool {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, variable_ref>) {
                if (n.name == x) return true;
                if (n.index && reads(*n.index, x, definition_of, depth)) return true;
                const auto* d = definition_of(n.name);
                return d && reads(*d, x, definition_of, depth + 1);
            } else if constexpr (std::is_same_v<T, unary_expression>) {
                return reads(*n.operand, x, definition_of, depth);
            } else if constexpr (std::is_same_v<T, binary_expression>) {
                return reads(*n.lhs, x, definition_of, depth) || reads(*n.rhs, x, definition_of, depth);
            } else if constexpr (std::is_same_v<T, call_expression>) {
                for (const auto& a: n.arguments) {
                    if (reads(*a, x, definition_of, depth)) return true;
                }
                return false;
            } else {
                return false;
            }
        },
        e.node);
}

std::optional<linear_form> split(const expression& e, const std::string& x, const local_definition& definition_of, int depth) {
    if (!reads(e, x, definition_of, depth)) return linear_form{clone(e), nullptr};
    if (depth > max_substitution_depth) return std::nullopt;
    if (const auto* ref = std::get_if<variable_ref>(&e.node)) {
        if (ref->name == x && !ref->index) return linear_form{nullptr, number(1.0)};
        const auto* d = definition_of(ref->name);
        if (d && !ref->index) return split(*d, x, definition_of, depth + 1);
        return std::nullopt;
    }
    if (const auto* u = std::get_if<unary_expression>(&e.node)) {
        if (u->op != unary_op::negate) return std::nullopt;
        auto f = split(*u->operand, x, definition_of, depth);
        if (!f) return std::nullopt;
        return linear_form{negate(std::move(f->constant)), negate(std::move(f->coefficient))};
    }
    const auto* b = std::get_if<binary_expression>(&e.node);
    if (!b) return std::nullopt;
    switch (b->op) {
    case binary_op::add:
    case binary_op::subtract: {
        auto l = split(*b->lhs, x, definition_of, depth);
        auto r = split(*b->rhs, x, definition_of, depth);
        if (!l || !r) return std::nullopt;
        if (b->op == binary_op::add) {
            return linear_form{add(std::move(l->constant), std::move(r->constant)), add(std::move(l->coefficient), std::move(r->coefficient))};
        }
        return linear_form{subtract(std::move(l->constant), std::move(r->constant)),
                           subtract(std::move(l->coefficient), std::move(r->coefficient))};
    }
    case binary_op::multiply: {
        const bool left_reads = reads(*b->lhs, x, definition_of, depth);
        const bool right_reads = reads(*b->rhs, x, definition_of, depth);
        if (left_reads && right_reads) return std::nullopt;
        const auto& varying = left_reads ? *b->lhs : *b->rhs;
        const auto& factor = left_reads ? *b->rhs : *b->lhs;
        auto f = split(varying, x, definition_of, depth);
        if (!f) return std::nullopt;
        if (left_reads) {
            return linear_form{multiply(std::move(f->constant), clone(factor)), multiply(std::move(f->coefficient), clone(factor))};
        }
        return linear_form{multiply(clone(factor), std::move(f->constant)), multiply(clone(factor), std::move(f->coefficient))};
    }
    case binary_op::divide: {
        if (reads(*b->rhs, x, definition_of, depth)) return std::nullopt;
        auto f = split(*b->lhs, x, definition_of, depth);
        if (!f) return std::nullopt;
        return linear_form{f->constant ? divide(std::move(f->constant), clone(*b->rhs)) : nullptr,
                           f->coefficient ? divide(std::move(f->coefficient), clone(*b->rhs)) : nullptr};
    }
    default: return std::nullopt;
    }
}

} // namespace

expression_ptr clone(const expression& e) {
    auto c = std::make_unique<expression>();
    c->position = e.position;
    c->node = std::visit(
        [](const auto& n) -> decltype(expression::node) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, variable_ref>) {
                return variable_ref{n.name, n.index ? clone(*n.index) : nullptr};
            } else if constexpr (std::is_same_v<T, unary_expression>) {
                return unary_expression{n.op, clone(*n.operand)};
            } else if constexpr (std::is_same_v<T, binary_expression>) {
                return binary_expression{n.op, clone(*n.lhs), clone(*n.rhs)};
            } else if constexpr (std::is_same_v<T, call_expression>) {
                call_expression call{n.function, {}};
                for (const auto& a: n.arguments) call.arguments.push_back(clone(*a));
                return call;
            } else {
                return n;
            }
        },
        e.node);
    return c;
}

expression_ptr number(double value) { return make(number_literal{value, double_literal(value), ""}); }

expression_ptr add(expression_ptr a, expression_ptr b) {
    if (is_number(a, 0)) return b;
    if (is_number(b, 0)) return a;
    return binary(binary_op::add, std::move(a), std::move(b));
}

expression_ptr subtract(expression_ptr a, expression_ptr b) {
    if (is_number(b, 0)) return a;
    if (is_number(a, 0)) return negate(std::move(b));
    return binary(binary_op::subtract, std::move(a), std::move(b));
}

expression_ptr multiply(expression_ptr a, expression_ptr b) {
    if (is_number(a, 0) || is_number(b, 0)) return nullptr;
    if (is_number(a, 1)) return b;
    if (is_number(b, 1)) return a;
    return binary(binary_op::multiply, std::move(a), std::move(b));
}

expression_ptr divide(expression_ptr a, expression_ptr b) {
    if (is_number(a, 0)) return nullptr;
    if (is_number(b, 1)) return a;
    return binary(binary_op::divide, std::move(a), std::move(b));
}

expression_ptr negate(expression_ptr a) {
    if (!a) return nullptr;
    return make(unary_expression{unary_op::negate, std::move(a)});
}

bool depends_on(const expression& e, const std::string& x, const local_definition& definition_of) {
    return reads(e, x, definition_of, 0);
}

std::optional<linear_form> linear_in(const expression& e, const std::string& x, const local_definition& definition_of) {
    return split(e, x, definition_of, 0);
}

} // namespace cajal::nmodl
