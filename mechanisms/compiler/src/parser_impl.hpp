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

class Parser {
public:
    Parser(std::string_view source, const std::string& file);
    Module parse_module();

private:
    // What '~' starts in the block being parsed.
    enum class TildeContext { None, Reaction, Equation };

    // Counts nesting; throws once it passes max_nesting_depth.
    class DepthGuard {
    public:
        explicit DepthGuard(Parser& parser);
        ~DepthGuard();
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;

    private:
        Parser& parser_;
    };

    // ---- Tokens (parser_tokens.cpp)
    const Token& peek_next();
    Token advance();
    bool at(TokenKind kind) const { return current_.kind == kind; }
    bool at_keyword(std::string_view word) const;
    bool accept(TokenKind kind);
    bool accept_keyword(std::string_view word);
    Token expect(TokenKind kind);
    void expect_keyword(std::string_view word);
    Name expect_name(std::string_view what);
    std::vector<Name> parse_name_list(std::string_view what);
    std::optional<ArraySize> parse_optional_array_size();
    std::string parse_optional_unit();
    double parse_signed_number(std::string_view what);
    long long parse_integer(std::string_view what);
    double number_value(const Token& token) const;
    [[noreturn]] void fail_expected(std::string_view what) const;
    [[noreturn]] void fail(SourcePosition position, const std::string& message) const;

    // ---- Expressions (parser_expression.cpp)
    Expression parse_expression();
    Expression parse_binary(int level);
    Expression parse_unary();
    Expression parse_primary();
    Expression parse_call(Name function);
    VariableRef parse_variable_ref(Name name);

    // ---- Statements (parser_statement.cpp)
    StatementBlock parse_block(bool allow_nested_initial = false);
    Statement parse_statement(bool allow_nested_initial);
    Statement parse_name_statement();
    Statement parse_if();
    Statement parse_while();
    Statement parse_from();
    Statement parse_solve();
    Statement parse_table();
    LocalStatement parse_local();

    // ---- Kinetic, linear and nonlinear statements (parser_kinetic.cpp)
    Statement parse_tilde();
    std::vector<ReactionTerm> parse_reaction_terms();
    Statement parse_conserve();
    Statement parse_compartment(bool longitudinal_diffusion);

    // ---- Declarations (parser_declaration.cpp)
    NeuronBlock parse_neuron_block();
    NeuronStatement parse_neuron_statement();
    UnitsBlock parse_units_block();
    DeclarationBlock parse_declaration_block(DeclarationKind kind);
    VariableDeclaration parse_variable_declaration();
    IndependentBlock parse_independent_block();
    Define parse_define();

    // ---- Top level and blocks of code (parser_module.cpp)
    ModuleItem parse_module_item();
    CodeBlock parse_code_block(CodeBlockKind kind);
    std::vector<Argument> parse_arguments();

    Lexer lexer_;
    Token current_;
    std::optional<Token> next_;
    int depth_ = 0;
    TildeContext tilde_context_ = TildeContext::None;
};

} // namespace cajal::nmodl
