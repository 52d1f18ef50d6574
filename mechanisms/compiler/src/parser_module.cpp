// The top level of a .mod file, the blocks of code, and the public entry
// points.

#include <fstream>
#include <sstream>
#include <utility>

#include "cajal/nmodl/parser.hpp"
#include "parser_impl.hpp"

namespace cajal::nmodl {

Module Parser::parse_module() {
    Module module{lexer_.file(), {}};
    while (!at(TokenKind::End)) module.items.push_back(parse_module_item());
    return module;
}

ModuleItem Parser::parse_module_item() {
    const SourcePosition position = current_.position;
    if (at(TokenKind::Title)) return ModuleItem{position, Title{advance().text}};
    if (at(TokenKind::Verbatim)) return ModuleItem{position, Verbatim{advance().text}};
    if (!at(TokenKind::Identifier)) fail_expected("a block (NEURON, PARAMETER, ...)");
    const std::string keyword = current_.text;
    const auto code = [&](CodeBlockKind kind) { return ModuleItem{position, parse_code_block(kind)}; };
    const auto declarations = [&](DeclarationKind kind) {
        advance();
        return ModuleItem{position, parse_declaration_block(kind)};
    };
    if (keyword == "PARAMETER") return declarations(DeclarationKind::Parameter);
    if (keyword == "CONSTANT") return declarations(DeclarationKind::Constant);
    if (keyword == "ASSIGNED") return declarations(DeclarationKind::Assigned);
    if (keyword == "STATE") return declarations(DeclarationKind::State);
    if (keyword == "INITIAL") return code(CodeBlockKind::Initial);
    if (keyword == "BREAKPOINT") return code(CodeBlockKind::Breakpoint);
    if (keyword == "DERIVATIVE") return code(CodeBlockKind::Derivative);
    if (keyword == "KINETIC") return code(CodeBlockKind::Kinetic);
    if (keyword == "LINEAR") return code(CodeBlockKind::Linear);
    if (keyword == "NONLINEAR") return code(CodeBlockKind::Nonlinear);
    if (keyword == "PROCEDURE") return code(CodeBlockKind::Procedure);
    if (keyword == "FUNCTION") return code(CodeBlockKind::Function);
    if (keyword == "FUNCTION_TABLE") return code(CodeBlockKind::FunctionTable);
    if (keyword == "NET_RECEIVE") return code(CodeBlockKind::NetReceive);
    advance();
    if (keyword == "NEURON") return ModuleItem{position, parse_neuron_block()};
    if (keyword == "UNITS") return ModuleItem{position, parse_units_block()};
    if (keyword == "INDEPENDENT") return ModuleItem{position, parse_independent_block()};
    if (keyword == "DEFINE") return ModuleItem{position, parse_define()};
    if (keyword == "LOCAL") return ModuleItem{position, parse_local()};
    if (keyword == "UNITSON") return ModuleItem{position, UnitsToggle{true}};
    if (keyword == "UNITSOFF") return ModuleItem{position, UnitsToggle{false}};
    fail(position, "expected a block (NEURON, PARAMETER, ...), found '" + keyword + "'");
}

CodeBlock Parser::parse_code_block(CodeBlockKind kind) {
    advance();
    CodeBlock block{kind, std::nullopt, {}, "", {}};
    const bool named = kind != CodeBlockKind::Initial && kind != CodeBlockKind::Breakpoint &&
                       kind != CodeBlockKind::NetReceive;
    if (named) block.name = expect_name("a block name");
    const bool has_arguments = kind == CodeBlockKind::Procedure || kind == CodeBlockKind::Function ||
                               kind == CodeBlockKind::FunctionTable || kind == CodeBlockKind::NetReceive;
    if (has_arguments) block.arguments = parse_arguments();
    if (kind == CodeBlockKind::Function || kind == CodeBlockKind::FunctionTable) block.return_unit = parse_optional_unit();
    if (kind == CodeBlockKind::FunctionTable) return block;
    tilde_context_ = kind == CodeBlockKind::Kinetic ? TildeContext::Reaction
                     : (kind == CodeBlockKind::Linear || kind == CodeBlockKind::Nonlinear) ? TildeContext::Equation
                                                                                          : TildeContext::None;
    block.body = parse_block(kind == CodeBlockKind::NetReceive);
    tilde_context_ = TildeContext::None;
    return block;
}

// `(v (mV), k)`.
std::vector<Argument> Parser::parse_arguments() {
    expect(TokenKind::LeftParen);
    std::vector<Argument> arguments;
    if (!accept(TokenKind::RightParen)) {
        do {
            Name name = expect_name("an argument name");
            arguments.push_back(Argument{std::move(name), parse_optional_unit()});
        } while (accept(TokenKind::Comma));
        expect(TokenKind::RightParen);
    }
    return arguments;
}

Module parse_module(std::string_view source, const std::string& file) { return Parser(source, file).parse_module(); }

Module parse_module_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ParseError(path.string(), SourcePosition{}, "cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    return parse_module(source, path.string());
}

} // namespace cajal::nmodl
