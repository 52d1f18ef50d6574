#pragma once
// The recursive-descent parser behind parse_module(). Its methods are spread
// over parser_*.cpp by the part of the grammar they handle.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cajal/nmodl/ast_module.hpp"
#include "cajal/nmodl/lexer.hpp"

namespace cajal::nmodl {

class parser {
public:
    parser(std::string_view source, const std::string& file);
    mod_file parse_module();

private:
    // What '~' starts in the block being parsed.
    enum class tilde_context { none, reaction, equation };

    // Counts nesting, `levels` at first and one more on each enter(); throws
    // once the count passes max_nesting_depth. Leaves all its levels when
    // destroyed.
    class depth_guard {
    public:
        explicit depth_guard(parser& owner, int levels = 1);
        ~depth_guard();
        depth_guard(const depth_guard&) = delete;
        depth_guard& operator=(const depth_guard&) = delete;
        void enter();

    private:
        parser& parser_;
        int levels_ = 0;
    };

    // ---- Tokens (parser_tokens.cpp)
    const token& peek_next();
    token advance();
    bool at(token_kind kind) const { return current_.kind == kind; }
    bool at_keyword(std::string_view word) const;
    bool accept(token_kind kind);
    bool accept_keyword(std::string_view word);
    token expect(token_kind kind);
    void expect_keyword(std::string_view word);
    identifier expect_name(std::string_view what);
    std::vector<identifier> parse_name_list(std::string_view what);
    std::optional<array_extent> parse_optional_array_size();
    std::string parse_optional_unit();
    double parse_signed_number(std::string_view what);
    long long parse_integer(std::string_view what);
    double number_value(const token& token) const;
    [[noreturn]] void fail_expected(std::string_view what) const;
    [[noreturn]] void fail(source_position position, const std::string& message) const;

    // ---- Expressions (parser_expression.cpp)
    expression parse_expression();
    expression parse_binary(int level);
    expression parse_unary();
    expression parse_primary();
    expression parse_call(identifier function);
    variable_ref parse_variable_ref(identifier name);

    // ---- Statements (parser_statement.cpp)
    statement_block parse_block(bool allow_nested_initial = false);
    statement parse_statement(bool allow_nested_initial);
    statement parse_name_statement();
    statement parse_if();
    statement parse_while();
    statement parse_from();
    statement parse_solve();
    statement parse_table();
    statement parse_watch();
    statement parse_protect();
    local_statement parse_local();

    // ---- Kinetic, linear and nonlinear statements (parser_kinetic.cpp)
    statement parse_tilde();
    std::vector<reaction_term> parse_reaction_terms();
    statement parse_conserve();
    statement parse_compartment(bool longitudinal_diffusion);

    // ---- Declarations (parser_declaration.cpp)
    neuron_block parse_neuron_block();
    neuron_statement parse_neuron_statement();
    units_block parse_units_block();
    declaration_block parse_declaration_block(declaration_kind kind);
    variable_declaration parse_variable_declaration();
    independent_block parse_independent_block();
    define parse_define();

    // ---- Top level and blocks of code (parser_module.cpp)
    module_item parse_module_item();
    code_block parse_code_block(code_block_kind kind);
    std::vector<argument> parse_arguments();

    lexer lexer_;
    token current_;
    std::optional<token> next_;
    int depth_ = 0;
    tilde_context tilde_context_ = tilde_context::none;
    bool watch_allowed_ = false; // in NET_RECEIVE and INITIAL
};

} // namespace cajal::nmodl
