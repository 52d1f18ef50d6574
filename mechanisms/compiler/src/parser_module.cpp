// The top level of a .mod file, the blocks of code, and the public entry
// points.

#include <utility>

#include <cajal/support/text_file.hpp>

#include "cajal/nmodl/parser.hpp"
#include "parser_impl.hpp"

namespace cajal::nmodl {

mod_file parser::parse_module() {
    mod_file module{lexer_.file(), {}};
    while (!at(token_kind::end)) module.items.push_back(parse_module_item());
    return module;
}

module_item parser::parse_module_item() {
    const source_position position = current_.position;
    if (at(token_kind::title)) return module_item{position, title{advance().text}};
    if (at(token_kind::verbatim)) return module_item{position, verbatim{advance().text}};
    if (!at(token_kind::identifier)) fail_expected("a block (NEURON, PARAMETER, ...)");
    const std::string keyword = current_.text;
    const auto code = [&](code_block_kind kind) { return module_item{position, parse_code_block(kind)}; };
    const auto declarations = [&](declaration_kind kind) {
        advance();
        return module_item{position, parse_declaration_block(kind)};
    };
    if (keyword == "PARAMETER") return declarations(declaration_kind::parameter);
    if (keyword == "CONSTANT") return declarations(declaration_kind::constant);
    if (keyword == "ASSIGNED") return declarations(declaration_kind::assigned);
    if (keyword == "STATE") return declarations(declaration_kind::state);
    if (keyword == "INITIAL") return code(code_block_kind::initial);
    if (keyword == "BREAKPOINT") return code(code_block_kind::breakpoint);
    if (keyword == "DERIVATIVE") return code(code_block_kind::derivative);
    if (keyword == "KINETIC") return code(code_block_kind::kinetic);
    if (keyword == "LINEAR") return code(code_block_kind::linear);
    if (keyword == "NONLINEAR") return code(code_block_kind::nonlinear);
    if (keyword == "PROCEDURE") return code(code_block_kind::procedure);
    if (keyword == "FUNCTION") return code(code_block_kind::function);
    if (keyword == "FUNCTION_TABLE") return code(code_block_kind::function_table);
    if (keyword == "NET_RECEIVE") return code(code_block_kind::net_receive);
    advance();
    if (keyword == "NEURON") return module_item{position, parse_neuron_block()};
    if (keyword == "UNITS") return module_item{position, parse_units_block()};
    if (keyword == "INDEPENDENT") return module_item{position, parse_independent_block()};
    if (keyword == "DEFINE") return module_item{position, parse_define()};
    if (keyword == "LOCAL") return module_item{position, parse_local()};
    if (keyword == "UNITSON") return module_item{position, units_toggle{true}};
    if (keyword == "INCLUDE") {
        if (!at(token_kind::string)) fail_expected("a file name in quotes");
        return module_item{position, include{advance().text}};
    }
    if (keyword == "UNITSOFF") return module_item{position, units_toggle{false}};
    fail(position, "expected a block (NEURON, PARAMETER, ...), found '" + keyword + "'");
}

code_block parser::parse_code_block(code_block_kind kind) {
    advance();
    code_block block{kind, std::nullopt, {}, "", {}};
    const bool named = kind != code_block_kind::initial && kind != code_block_kind::breakpoint &&
                       kind != code_block_kind::net_receive;
    if (named) block.name = expect_name("a block name");
    const bool has_arguments = kind == code_block_kind::procedure || kind == code_block_kind::function ||
                               kind == code_block_kind::function_table || kind == code_block_kind::net_receive;
    if (has_arguments) block.arguments = parse_arguments();
    if (kind == code_block_kind::function || kind == code_block_kind::function_table) {
        block.return_unit = parse_optional_unit();
    }
    if (kind == code_block_kind::function_table) return block;
    tilde_context_ = kind == code_block_kind::kinetic ? tilde_context::reaction
                     : (kind == code_block_kind::linear || kind == code_block_kind::nonlinear) ? tilde_context::equation
                                                                                               : tilde_context::none;
    watch_allowed_ = kind == code_block_kind::initial || kind == code_block_kind::net_receive;
    block.body = parse_block(kind == code_block_kind::net_receive);
    tilde_context_ = tilde_context::none;
    watch_allowed_ = false;
    return block;
}

// `(v (mV), k)`.
std::vector<argument> parser::parse_arguments() {
    expect(token_kind::left_paren);
    std::vector<argument> arguments;
    if (!accept(token_kind::right_paren)) {
        do {
            identifier name = expect_name("an argument name");
            arguments.push_back(argument{std::move(name), parse_optional_unit()});
        } while (accept(token_kind::comma));
        expect(token_kind::right_paren);
    }
    return arguments;
}

mod_file parse_module(std::string_view source, const std::string& file) { return parser(source, file).parse_module(); }

mod_file parse_module_file(const std::filesystem::path& path) {
    return parse_module(read_text_file(path, mod_file_limit, ".mod file"), path.string());
}

} // namespace cajal::nmodl
