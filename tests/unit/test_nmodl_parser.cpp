// The NMODL parser: the shape of the syntax tree for small hand-written
// snippets.

#include <string>
#include <type_traits>
#include <variant>

#include <catch2/catch.hpp>

#include "cajal/nmodl/parser.hpp"

namespace nmodl = cajal::nmodl;

namespace {

nmodl::mod_file parse(const std::string& source) { return nmodl::parse_module(source, "t.mod"); }

// An expression as an s-expression: "(- (^ a b))", "(call f x 1[um])".
std::string render(const nmodl::expression& expression);

std::string render_op(nmodl::binary_op op) {
    using nmodl::binary_op;
    switch (op) {
    case binary_op::logical_or: return "||";
    case binary_op::logical_and: return "&&";
    case binary_op::less: return "<";
    case binary_op::less_equal: return "<=";
    case binary_op::greater: return ">";
    case binary_op::greater_equal: return ">=";
    case binary_op::equal: return "==";
    case binary_op::not_equal: return "!=";
    case binary_op::add: return "+";
    case binary_op::subtract: return "-";
    case binary_op::multiply: return "*";
    case binary_op::divide: return "/";
    case binary_op::modulo: return "%";
    case binary_op::power: return "^";
    }
    return "?";
}

std::string render_ref(const nmodl::variable_ref& ref) {
    return ref.index ? ref.name + "[" + render(*ref.index) + "]" : ref.name;
}

std::string render(const nmodl::expression& expression) {
    return std::visit(
        [](const auto& node) -> std::string {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, nmodl::number_literal>) {
                return node.unit.empty() ? node.text : node.text + "[" + node.unit + "]";
            } else if constexpr (std::is_same_v<T, nmodl::string_literal>) {
                return "\"" + node.value + "\"";
            } else if constexpr (std::is_same_v<T, nmodl::variable_ref>) {
                return render_ref(node);
            } else if constexpr (std::is_same_v<T, nmodl::unary_expression>) {
                return std::string(node.op == nmodl::unary_op::negate ? "(neg " : "(! ") + render(*node.operand) + ")";
            } else if constexpr (std::is_same_v<T, nmodl::binary_expression>) {
                return "(" + render_op(node.op) + " " + render(*node.lhs) + " " + render(*node.rhs) + ")";
            } else {
                std::string text = "(call " + node.function;
                for (const auto& argument : node.arguments) text += " " + render(*argument);
                return text + ")";
            }
        },
        expression.node);
}

template <class T>
const T& item(const nmodl::mod_file& module, std::size_t index) {
    REQUIRE(index < module.items.size());
    REQUIRE(std::holds_alternative<T>(module.items[index].node));
    return std::get<T>(module.items[index].node);
}

template <class T>
const T& statement(const nmodl::statement_block& block, std::size_t index) {
    REQUIRE(index < block.statements.size());
    REQUIRE(std::holds_alternative<T>(block.statements[index].node));
    return std::get<T>(block.statements[index].node);
}

// The value assigned by `x = <expression>` in a BREAKPOINT.
std::string expression_of(const std::string& text) {
    const auto module = parse("BREAKPOINT { x = " + text + " }");
    return render(statement<nmodl::assignment>(item<nmodl::code_block>(module, 0).body, 0).value);
}

} // namespace

TEST_CASE("nmodl parser: operator precedence", "[nmodl]") {
    CHECK(expression_of("-a^b") == "(neg (^ a b))");
    CHECK(expression_of("a^b^c") == "(^ a (^ b c))");
    CHECK(expression_of("2^-x") == "(^ 2 (neg x))");
    CHECK(expression_of("a - b - c") == "(- (- a b) c)");
    CHECK(expression_of("a || b && c < d + e * f") == "(|| a (&& b (< c (+ d (* e f)))))");
    CHECK(expression_of("!a == b") == "(== (! a) b)");
    CHECK(expression_of("-(a + b) % 2") == "(% (neg (+ a b)) 2)");
    CHECK(expression_of("v<-50") == "(< v (neg 50))");
    CHECK(expression_of("f(x, y[i+1]) * 1(um)") == "(* (call f x y[(+ i 1)]) 1[um])");
    CHECK(expression_of("1e-7 (mM) / g()") == "(/ 1e-7[mM] (call g))");
}

TEST_CASE("nmodl parser: a DERIVATIVE block solved by cnexp", "[nmodl]") {
    const auto module = parse("NEURON { SUFFIX hh USEION na READ ena WRITE ina RANGE gbar, g }\n"
                              "STATE { m h }\n"
                              "BREAKPOINT {\n"
                              "    SOLVE states METHOD cnexp\n"
                              "    ina = gbar*m^3*h*(v - ena)\n"
                              "}\n"
                              "DERIVATIVE states {\n"
                              "    m' = (minf - m)/mtau\n"
                              "}\n");
    REQUIRE(module.items.size() == 4);
    const auto& state = item<nmodl::declaration_block>(module, 1);
    CHECK(state.kind == nmodl::declaration_kind::state);
    REQUIRE(state.variables.size() == 2);
    CHECK(state.variables[1].name.text == "h");

    const auto& breakpoint = item<nmodl::code_block>(module, 2);
    CHECK(breakpoint.kind == nmodl::code_block_kind::breakpoint);
    const auto& solve = statement<nmodl::solve_statement>(breakpoint.body, 0);
    CHECK(solve.block.text == "states");
    CHECK(solve.kind == nmodl::solve_kind::method);
    REQUIRE(solve.method);
    CHECK(solve.method->text == "cnexp");
    CHECK(solve.method->position == nmodl::source_position{4, 25});
    const auto& current = statement<nmodl::assignment>(breakpoint.body, 1);
    CHECK(current.target.name == "ina");
    CHECK(render(current.value) == "(* (* (* gbar (^ m 3)) h) (- v ena))");

    const auto& derivative = item<nmodl::code_block>(module, 3);
    CHECK(derivative.kind == nmodl::code_block_kind::derivative);
    REQUIRE(derivative.name);
    CHECK(derivative.name->text == "states");
    const auto& m_prime = statement<nmodl::derivative_assignment>(derivative.body, 0);
    CHECK(m_prime.state.name == "m");
    CHECK(render(m_prime.value) == "(/ (- minf m) mtau)");
    CHECK(derivative.body.statements[0].position == nmodl::source_position{8, 5});
}

TEST_CASE("nmodl parser: KINETIC reactions, fluxes, CONSERVE, COMPARTMENT", "[nmodl]") {
    const auto module = parse("KINETIC kin {\n"
                              "    COMPARTMENT i, diam*vol[i] {ca Buffer}\n"
                              "    ~ c1 <-> c2 (kf1, kb1)\n"
                              "    ~ 2 c2 + o <-> c1 (a*b, 0)\n"
                              "    ~ ca[0] << (-ica/(2*FARADAY))\n"
                              "    FROM i = 0 TO N-2 { ~ ca[i] <-> ca[i+1] (D, D) }\n"
                              "    CONSERVE c1 + c2 + o = 1\n"
                              "}\n");
    const auto& kinetic = item<nmodl::code_block>(module, 0);
    CHECK(kinetic.kind == nmodl::code_block_kind::kinetic);

    const auto& compartment = statement<nmodl::compartment_statement>(kinetic.body, 0);
    CHECK_FALSE(compartment.longitudinal_diffusion);
    REQUIRE(compartment.index);
    CHECK(compartment.index->text == "i");
    CHECK(render(compartment.value) == "(* diam vol[i])");
    REQUIRE(compartment.species.size() == 2);
    CHECK(compartment.species[1].text == "Buffer");

    const auto& simple = statement<nmodl::reaction_statement>(kinetic.body, 1);
    REQUIRE(simple.lhs.size() == 1);
    REQUIRE(simple.rhs.size() == 1);
    CHECK(simple.lhs[0].species.name == "c1");
    CHECK(simple.rhs[0].species.name == "c2");
    CHECK(render(simple.forward_rate) == "kf1");
    CHECK(render(simple.backward_rate) == "kb1");

    const auto& two = statement<nmodl::reaction_statement>(kinetic.body, 2);
    REQUIRE(two.lhs.size() == 2);
    CHECK(two.lhs[0].coefficient == 2);
    CHECK(two.lhs[0].species.name == "c2");
    CHECK(two.lhs[1].coefficient == 1);
    CHECK(two.lhs[1].position == nmodl::source_position{4, 14});
    CHECK(render(two.forward_rate) == "(* a b)");

    const auto& flux = statement<nmodl::flux_statement>(kinetic.body, 3);
    CHECK(render_ref(flux.species) == "ca[0]");
    CHECK(render(flux.flux) == "(/ (neg ica) (* 2 FARADAY))");

    const auto& loop = statement<nmodl::from_statement>(kinetic.body, 4);
    CHECK(loop.variable.text == "i");
    CHECK(render(loop.to) == "(- N 2)");
    const auto& inner = statement<nmodl::reaction_statement>(loop.body, 0);
    CHECK(render_ref(inner.rhs[0].species) == "ca[(+ i 1)]");

    const auto& conserve = statement<nmodl::conserve_statement>(kinetic.body, 5);
    CHECK(render(conserve.lhs) == "(+ (+ c1 c2) o)");
    CHECK(render(conserve.rhs) == "1");
}

TEST_CASE("nmodl parser: LINEAR and NONLINEAR equations", "[nmodl]") {
    const auto module = parse("NONLINEAR nl { ~ x + y*z = a }\nLINEAR lin { ~ vi = v + fac*vo }");
    const auto& nonlinear = item<nmodl::code_block>(module, 0);
    CHECK(nonlinear.kind == nmodl::code_block_kind::nonlinear);
    const auto& equation = statement<nmodl::equation_statement>(nonlinear.body, 0);
    CHECK(render(equation.lhs) == "(+ x (* y z))");
    CHECK(render(equation.rhs) == "a");
    CHECK(item<nmodl::code_block>(module, 1).kind == nmodl::code_block_kind::linear);
}

TEST_CASE("nmodl parser: PARAMETER and STATE units, defaults, limits, arrays", "[nmodl]") {
    const auto module = parse("DEFINE NANN 4\n"
                              "PARAMETER {\n"
                              "    gbar = 0.12 (S/cm2) <0, 1e9>\n"
                              "    ena = -50 (mV)\n"
                              "    celsius (degC)\n"
                              "    vol[3]\n"
                              "}\n"
                              "STATE { ca[NANN] (mM) <1e-6>  z FROM 0 TO 1 }\n");
    const auto& define = item<nmodl::define>(module, 0);
    CHECK(define.name.text == "NANN");
    CHECK(define.value == 4);

    const auto& parameters = item<nmodl::declaration_block>(module, 1);
    CHECK(parameters.kind == nmodl::declaration_kind::parameter);
    REQUIRE(parameters.variables.size() == 4);
    const auto& gbar = parameters.variables[0];
    CHECK(gbar.name.text == "gbar");
    CHECK(gbar.name.position == nmodl::source_position{3, 5});
    CHECK(gbar.value == 0.12);
    CHECK(gbar.unit == "S/cm2");
    REQUIRE(gbar.limits);
    CHECK(gbar.limits->first == 0.0);
    CHECK(gbar.limits->second == 1e9);
    CHECK(parameters.variables[1].value == -50.0);
    CHECK(parameters.variables[1].unit == "mV");
    CHECK_FALSE(parameters.variables[1].limits);
    CHECK_FALSE(parameters.variables[2].value);
    CHECK(parameters.variables[2].unit == "degC");
    REQUIRE(parameters.variables[3].array_size);
    CHECK(parameters.variables[3].array_size->value == 3);

    const auto& state = item<nmodl::declaration_block>(module, 2);
    REQUIRE(state.variables.size() == 2);
    REQUIRE(state.variables[0].array_size);
    CHECK(state.variables[0].array_size->define == "NANN");
    CHECK(state.variables[0].unit == "mM");
    CHECK(state.variables[0].tolerance == 1e-6);
    REQUIRE(state.variables[1].range);
    CHECK(state.variables[1].range->second == 1.0);
}

TEST_CASE("nmodl parser: NEURON, UNITS, INDEPENDENT, TITLE, VERBATIM", "[nmodl]") {
    const auto module = parse("TITLE calcium pump\n"
                              "NEURON {\n"
                              "    POINT_PROCESS Pump\n"
                              "    USEION ca READ cai, cao WRITE ica VALENCE 2\n"
                              "    NONSPECIFIC_CURRENT i\n"
                              "    GLOBAL k\n"
                              "    THREADSAFE\n"
                              "}\n"
                              "UNITS {\n"
                              "    (mV) = (millivolt)\n"
                              "    FARADAY = (faraday) (coulomb)\n"
                              "    R = 8.314 (J/K)\n"
                              "}\n"
                              "INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }\n"
                              "VERBATIM\nextern int x;\nENDVERBATIM\n");
    CHECK(item<nmodl::title>(module, 0).text == "calcium pump");

    const auto& neuron = item<nmodl::neuron_block>(module, 1);
    REQUIRE(neuron.statements.size() == 5);
    const auto& mechanism = std::get<nmodl::mechanism_name>(neuron.statements[0].node);
    CHECK(mechanism.kind == nmodl::module_kind::point_process);
    CHECK(mechanism.name.text == "Pump");
    const auto& ion = std::get<nmodl::use_ion>(neuron.statements[1].node);
    CHECK(ion.ion.text == "ca");
    REQUIRE(ion.read.size() == 2);
    CHECK(ion.read[1].text == "cao");
    REQUIRE(ion.write.size() == 1);
    CHECK(ion.valence == 2.0);
    CHECK(std::get<nmodl::name_list>(neuron.statements[2].node).kind == nmodl::name_list_kind::nonspecific_current);
    CHECK(std::holds_alternative<nmodl::thread_safe>(neuron.statements[4].node));

    const auto& units = item<nmodl::units_block>(module, 2);
    REQUIRE(units.statements.size() == 3);
    const auto& alias = std::get<nmodl::unit_alias>(units.statements[0].node);
    CHECK(alias.alias == "mV");
    CHECK(alias.definition == "millivolt");
    const auto& faraday = std::get<nmodl::unit_constant>(units.statements[1].node);
    CHECK(faraday.name.text == "FARADAY");
    CHECK(faraday.physical_constant == "faraday");
    CHECK(faraday.unit == "coulomb");
    CHECK_FALSE(faraday.value);
    CHECK(std::get<nmodl::unit_constant>(units.statements[2].node).value == 8.314);

    const auto& independent = item<nmodl::independent_block>(module, 3);
    REQUIRE(independent.variables.size() == 1);
    CHECK(independent.variables[0].unit == "ms");
    CHECK(item<nmodl::verbatim>(module, 4).text == "\nextern int x;\n");
}

TEST_CASE("nmodl parser: FUNCTION, PROCEDURE, control flow, NET_RECEIVE", "[nmodl]") {
    const auto module = parse("FUNCTION alpha(v (mV), k) (/ms) {\n"
                              "    TABLE DEPEND celsius FROM -100 TO 100 WITH 200\n"
                              "    LOCAL q, w[2]\n"
                              "    UNITSOFF\n"
                              "    if (v < -50) { alpha = 0 } else if (v > 50) { alpha = 1 } else { alpha = k }\n"
                              "    UNITSON\n"
                              "}\n"
                              "PROCEDURE rates() {\n"
                              "    while (n < 3) { n = n + 1 }\n"
                              "    FROM i = 0 TO 3 BY 2 { x[i] = i }\n"
                              "    printf(\"%g\\n\", v)\n"
                              "}\n"
                              "NET_RECEIVE (w (uS)) {\n"
                              "    INITIAL { a = 0 }\n"
                              "    g = g + w\n"
                              "}\n");
    const auto& alpha = item<nmodl::code_block>(module, 0);
    CHECK(alpha.kind == nmodl::code_block_kind::function);
    REQUIRE(alpha.arguments.size() == 2);
    CHECK(alpha.arguments[0].unit == "mV");
    CHECK(alpha.arguments[1].unit.empty());
    CHECK(alpha.return_unit == "/ms");
    const auto& table = statement<nmodl::table_statement>(alpha.body, 0);
    CHECK(table.names.empty());
    REQUIRE(table.depends.size() == 1);
    CHECK(render(table.from) == "(neg 100)");
    CHECK(table.with == 200);
    const auto& local = statement<nmodl::local_statement>(alpha.body, 1);
    REQUIRE(local.variables.size() == 2);
    REQUIRE(local.variables[1].array_size);
    CHECK(local.variables[1].array_size->value == 2);
    CHECK_FALSE(statement<nmodl::units_toggle>(alpha.body, 2).on);
    const auto& branch = statement<nmodl::if_statement>(alpha.body, 3);
    CHECK(render(branch.condition) == "(< v (neg 50))");
    REQUIRE(branch.else_branch);
    const auto& else_if = statement<nmodl::if_statement>(*branch.else_branch, 0);
    CHECK(render(else_if.condition) == "(> v 50)");
    REQUIRE(else_if.else_branch);
    CHECK(render(statement<nmodl::assignment>(*else_if.else_branch, 0).value) == "k");
    CHECK(statement<nmodl::units_toggle>(alpha.body, 4).on);

    const auto& rates = item<nmodl::code_block>(module, 1);
    CHECK(rates.arguments.empty());
    CHECK(render(statement<nmodl::while_statement>(rates.body, 0).condition) == "(< n 3)");
    const auto& loop = statement<nmodl::from_statement>(rates.body, 1);
    REQUIRE(loop.by);
    CHECK(render(*loop.by) == "2");
    CHECK(render_ref(statement<nmodl::assignment>(loop.body, 0).target) == "x[i]");
    CHECK(render(statement<nmodl::call_statement>(rates.body, 2).call) == "(call printf \"%g\\n\" v)");

    const auto& receive = item<nmodl::code_block>(module, 2);
    CHECK(receive.kind == nmodl::code_block_kind::net_receive);
    CHECK_FALSE(receive.name);
    REQUIRE(receive.arguments.size() == 1);
    CHECK(receive.arguments[0].unit == "uS");
    CHECK(statement<nmodl::nested_initial>(receive.body, 0).body.statements.size() == 1);
    CHECK(render(statement<nmodl::assignment>(receive.body, 1).value) == "(+ g w)");
}

TEST_CASE("nmodl parser: module LOCAL, START, FUNCTION_TABLE, diffusion, mutex", "[nmodl]") {
    const auto module = parse("LOCAL a[NANN], b\n"
                              "STATE { nai START 15.7 (mM) }\n"
                              "FUNCTION_TABLE tau1(v (mV)) (ms)\n"
                              "KINETIC k {\n"
                              "    LONGITUDINAL_DIFFUSION D*diam {nai}\n"
                              "}\n"
                              "INITIAL { MUTEXLOCK x = 1 MUTEXUNLOCK }\n");
    const auto& local = item<nmodl::local_statement>(module, 0);
    REQUIRE(local.variables.size() == 2);
    REQUIRE(local.variables[0].array_size);
    CHECK(local.variables[0].array_size->define == "NANN");
    CHECK_FALSE(local.variables[1].array_size);

    const auto& state = item<nmodl::declaration_block>(module, 1);
    REQUIRE(state.variables.size() == 1);
    CHECK(state.variables[0].start == 15.7);
    CHECK(state.variables[0].unit == "mM");

    const auto& table = item<nmodl::code_block>(module, 2);
    CHECK(table.kind == nmodl::code_block_kind::function_table);
    CHECK(table.return_unit == "ms");
    CHECK(table.body.statements.empty());

    const auto& diffusion = statement<nmodl::compartment_statement>(item<nmodl::code_block>(module, 3).body, 0);
    CHECK(diffusion.longitudinal_diffusion);
    CHECK_FALSE(diffusion.index);
    CHECK(render(diffusion.value) == "(* D diam)");

    const auto& initial = item<nmodl::code_block>(module, 4);
    REQUIRE(initial.body.statements.size() == 3);
    CHECK(statement<nmodl::mutex_toggle>(initial.body, 0).lock);
    CHECK_FALSE(statement<nmodl::mutex_toggle>(initial.body, 2).lock);
}

TEST_CASE("nmodl parser: one-way reactions, WATCH, PROTECT, INCLUDE", "[nmodl]") {
    const auto module = parse("INCLUDE \"inc/common.inc\"\n"
                              "KINETIC k {\n"
                              "    ~ 2 A + B -> C (kf*v)\n"
                              "    ~ C <-> A (a, b)\n"
                              "}\n"
                              "INITIAL { WATCH (v > thresh) 2 }\n"
                              "NET_RECEIVE(w) {\n"
                              "    INITIAL { WATCH (x < 1) 3 }\n"
                              "    if (flag == 2) { WATCH (v > -20 (mV)) 1.5, (v < -60) -1 }\n"
                              "    PROTECT count[i] = count[i] + 1\n"
                              "    total = 0\n"
                              "}\n");
    CHECK(item<nmodl::include>(module, 0).file == "inc/common.inc");

    const auto& kinetic = item<nmodl::code_block>(module, 1);
    const auto& one_way = statement<nmodl::reaction_statement>(kinetic.body, 0);
    CHECK(one_way.irreversible);
    REQUIRE(one_way.lhs.size() == 2);
    CHECK(one_way.lhs[0].coefficient == 2);
    CHECK(one_way.rhs[0].species.name == "C");
    CHECK(render(one_way.forward_rate) == "(* kf v)");
    CHECK(render(one_way.backward_rate) == "0");
    CHECK(one_way.backward_rate.position == nmodl::source_position{3, 15});
    CHECK_FALSE(statement<nmodl::reaction_statement>(kinetic.body, 1).irreversible);

    const auto& initial_watch = statement<nmodl::watch_statement>(item<nmodl::code_block>(module, 2).body, 0);
    REQUIRE(initial_watch.watches.size() == 1);
    CHECK(render(initial_watch.watches[0].condition) == "(> v thresh)");
    CHECK(initial_watch.watches[0].flag == 2);

    const auto& receive = item<nmodl::code_block>(module, 3).body;
    const auto& nested = statement<nmodl::nested_initial>(receive, 0).body;
    CHECK(render(statement<nmodl::watch_statement>(nested, 0).watches[0].condition) == "(< x 1)");
    const auto& branch = statement<nmodl::if_statement>(receive, 1).then_branch;
    const auto& two = statement<nmodl::watch_statement>(branch, 0);
    REQUIRE(two.watches.size() == 2);
    CHECK(render(two.watches[0].condition) == "(> v (neg 20[mV]))");
    CHECK(two.watches[0].flag == 1.5);
    CHECK(render(two.watches[1].condition) == "(< v (neg 60))");
    CHECK(two.watches[1].flag == -1);
    CHECK(branch.statements[0].position == nmodl::source_position{9, 22});

    const auto& protect = statement<nmodl::assignment>(receive, 2);
    CHECK(protect.protect);
    CHECK(render_ref(protect.target) == "count[i]");
    CHECK(render(protect.value) == "(+ count[i] 1)");
    CHECK(receive.statements[2].position == nmodl::source_position{10, 5});
    CHECK_FALSE(statement<nmodl::assignment>(receive, 3).protect);
}
