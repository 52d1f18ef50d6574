// The NMODL compiler after parsing: every semantic_error that analysis and the
// back end raise, each from a minimal .mod text, with its exact
// "file:line:column: message"; and small correct mechanisms of each kind that
// compile.

#include <string>

#include <catch2/catch.hpp>

#include "cajal/nmodl/analysis.hpp"
#include "cajal/nmodl/code_generator.hpp"
#include "cajal/nmodl/parser.hpp"

namespace nmodl = cajal::nmodl;

namespace {

// Parses, analyzes and generates `text` as the file test.mod.
nmodl::generated_mechanism compile_text(const std::string& text) {
    const nmodl::mod_file module = nmodl::parse_module(text, "test.mod");
    return nmodl::generate(nmodl::analyze(module));
}

// The semantic_error's text, or "no error". A parse_error escapes: every text
// here must parse.
std::string error_of(const std::string& text) {
    try {
        compile_text(text);
    } catch (const nmodl::semantic_error& error) {
        return error.what();
    }
    return "no error";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

// ---- Constructs cajal does not support

TEST_CASE("nmodl semantic errors: VERBATIM", "[nmodl][errors]") {
    const std::string message = "VERBATIM blocks hold C code, which cajal does not translate: rewrite it in NMODL";
    CHECK(error_of(R"(NEURON { SUFFIX test }
VERBATIM
int x;
ENDVERBATIM
)") == "test.mod:2:1: " + message);
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    VERBATIM
    x = 1;
    ENDVERBATIM
}
)") == "test.mod:3:5: " + message);
}

TEST_CASE("nmodl semantic errors: INCLUDE", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
INCLUDE "other.inc"
)") == "test.mod:2:1: INCLUDE is not supported: copy the included file's declarations and blocks into this file");
}

TEST_CASE("nmodl semantic errors: POINTER and BBCOREPOINTER", "[nmodl][errors]") {
    const std::string message = "POINTER variables reach into other mechanisms' memory, which cajal does not allow: pass the value as "
                                "a parameter, or couple cells with a gap-junction mechanism instead";
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    POINTER p
}
)") == "test.mod:3:5: " + message);
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    BBCOREPOINTER p
}
)") == "test.mod:3:5: " + message);
}

TEST_CASE("nmodl semantic errors: FUNCTION_TABLE", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
FUNCTION_TABLE tau(v (mV)) (ms)
)") == "test.mod:2:1: FUNCTION_TABLE reads its values from hoc at run time, which cajal has no equivalent of: write the "
       "function in NMODL");
}

TEST_CASE("nmodl semantic errors: an ARTIFICIAL_CELL has no membrane", "[nmodl][errors]") {
    const std::string message = "an ARTIFICIAL_CELL has no membrane, so no ";
    CHECK(error_of("NEURON { ARTIFICIAL_CELL test }\nASSIGNED { x }\nINITIAL { x = v }\n") ==
          "test.mod:3:15: " + message + "v: make it a POINT_PROCESS");
    CHECK(error_of("NEURON { ARTIFICIAL_CELL test }\nASSIGNED { x }\nNET_RECEIVE(w) { x = diam }\n") ==
          "test.mod:3:22: " + message + "diam: make it a POINT_PROCESS");
    CHECK(error_of("NEURON { ARTIFICIAL_CELL test NONSPECIFIC_CURRENT i }\nASSIGNED { i }\n") ==
          "test.mod:1:51: " + message + "current: make it a POINT_PROCESS");
    CHECK(error_of("NEURON { ARTIFICIAL_CELL test USEION ca WRITE ica }\nASSIGNED { ica }\n") ==
          "test.mod:1:47: " + message + "current: make it a POINT_PROCESS");
}

TEST_CASE("nmodl semantic errors: LONGITUDINAL_DIFFUSION", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { a b }
BREAKPOINT {
    SOLVE kin METHOD sparse
}
KINETIC kin {
    LONGITUDINAL_DIFFUSION 1 { a }
    ~ a <-> b (1, 2)
}
)") == "test.mod:7:5: LONGITUDINAL_DIFFUSION couples neighbouring segments, which this version of cajal does not support");
}

TEST_CASE("nmodl semantic errors: LINEAR and NONLINEAR blocks", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { x y }
BREAKPOINT {
    SOLVE eq
}
NONLINEAR eq {
    ~ x * x = y
}
)") == "test.mod:6:14: block 'eq' has 1 equation(s) for 2 unknown STATE(s) (x, y): every STATE its equations name is solved for");
    CHECK(error_of(R"(NEURON { SUFFIX test }
PARAMETER { p = 1 }
BREAKPOINT {
    SOLVE eq
}
LINEAR eq {
    ~ p = 1
}
)") == "test.mod:4:5: block 'eq' has no equation with a STATE to solve for");
}

TEST_CASE("nmodl semantic errors: writing a reversal potential", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    USEION na WRITE ena
}
)") == "test.mod:3:21: writing a reversal potential is not supported: write the concentrations and cajal computes ena from "
       "them");
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    USEION na READ ena
}
INITIAL {
    ena = 1
}
)") == "test.mod:6:5: 'ena' is read from the ion and cannot be written: write the concentrations and cajal computes ena from "
       "them");
}

TEST_CASE("nmodl semantic errors: a point process reading an ion current", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON {
    POINT_PROCESS test
    USEION ca READ ica
}
)") == "test.mod:3:20: a point process cannot read an ion's current density; read it in a density mechanism");
}

TEST_CASE("nmodl semantic errors: an undeclared ion current", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    USEION na READ ena WRITE ina
}
BREAKPOINT { ina = 0 }
)") == "test.mod:3:30: current 'ina' is not declared: add it to ASSIGNED");
}

TEST_CASE("nmodl semantic errors: SOLVE inside if, while or FROM", "[nmodl][errors]") {
    const std::string message = "SOLVE states must stand at the top level of BREAKPOINT or INITIAL, outside if, while and FROM";
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
BREAKPOINT {
    if (t > 1) {
        SOLVE states METHOD cnexp
    }
}
DERIVATIVE states { m' = -m }
)") == "test.mod:5:9: " + message);
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
INITIAL {
    LOCAL i
    FROM i = 0 TO 1 {
        SOLVE states STEADYSTATE derivimplicit
    }
}
DERIVATIVE states { m' = 1 - m }
)") == "test.mod:6:9: " + message);
}

// ---- The NEURON block

TEST_CASE("nmodl semantic errors: no SUFFIX or POINT_PROCESS", "[nmodl][errors]") {
    const std::string message = "the NEURON block names no mechanism: add SUFFIX name or POINT_PROCESS name";
    CHECK(error_of("TITLE no name\n\nNEURON { RANGE g }\nPARAMETER { g = 1 }\n") == "test.mod:3:1: " + message);
    CHECK(error_of("PARAMETER { g = 1 }\n") == "test.mod:1:1: " + message);
}

TEST_CASE("nmodl semantic errors: a name that is no variable of its ion", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    USEION na READ ek
}
)") == "test.mod:3:20: 'ek' is not a variable of ion na (ena, nai, nao or ina)");
}

TEST_CASE("nmodl semantic errors: an undeclared NONSPECIFIC_CURRENT", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    NONSPECIFIC_CURRENT i
}
BREAKPOINT { i = 0 }
)") == "test.mod:3:25: current 'i' is not declared: add it to ASSIGNED");
}

TEST_CASE("nmodl semantic errors: a NONSPECIFIC_CURRENT that is no variable of the mechanism", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    USEION na READ ina
    NONSPECIFIC_CURRENT ina
}
ASSIGNED { ina (mA/cm2) }
)") == "test.mod:4:25: current 'ina' is a variable of ion na: give this current a name of its own, or write it with USEION "
       "na WRITE ina");
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    NONSPECIFIC_CURRENT v
}
ASSIGNED { v (mV) }
)") == "test.mod:3:25: current 'v' must be an ASSIGNED variable");
}

TEST_CASE("nmodl semantic errors: NET_RECEIVE in a density mechanism", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
NET_RECEIVE(w) { }
)") == "test.mod:2:16: NET_RECEIVE belongs in a POINT_PROCESS");
}

// ---- Declarations

TEST_CASE("nmodl semantic errors: a variable declared twice", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
PARAMETER { g = 1 }
ASSIGNED { g }
)") == "test.mod:3:12: 'g' is declared twice");
    CHECK(error_of(R"(NEURON { SUFFIX test }
PARAMETER { g = 1 }
LOCAL g
)") == "test.mod:3:7: 'g' is declared twice");
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    LOCAL x, x
}
)") == "test.mod:3:14: LOCAL 'x' is declared twice in this block");
}

TEST_CASE("nmodl semantic errors: a block defined twice", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
PROCEDURE p() { }
PROCEDURE p() { }
)") == "test.mod:3:11: 'p' is defined twice");
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
DERIVATIVE states { m' = -m }
DERIVATIVE states { m' = m }
)") == "test.mod:4:12: 'states' is defined twice");
}

TEST_CASE("nmodl semantic errors: a CONSTANT without a value", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
CONSTANT { c }
)") == "test.mod:2:12: CONSTANT 'c' needs a value");
}

TEST_CASE("nmodl semantic errors: array sizes", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a[N] }
)") == "test.mod:2:12: array size 'N' is not DEFINEd");
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a[0] }
)") == "test.mod:2:12: array size must be between 1 and 100000");
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    LOCAL x[N]
}
)") == "test.mod:3:11: array size 'N' is not DEFINEd");
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    LOCAL x[0]
}
)") == "test.mod:3:11: array size must be between 1 and 100000");
}

TEST_CASE("nmodl semantic errors: UNITS the table does not know", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
UNITS { (mV) = (furlong) }
)") == "test.mod:2:9: unknown unit 'furlong' in (furlong)");
    CHECK(error_of(R"(NEURON { SUFFIX test }
UNITS { F = (faraday) (mV) }
)") == "test.mod:2:9: cannot convert (faraday) to (mV): C is not m2 kg/s2 C");
}

// ---- Names and calls

TEST_CASE("nmodl semantic errors: an undeclared variable", "[nmodl][errors]") {
    const std::string message = "'b' is not declared: declare it in PARAMETER, ASSIGNED or STATE, or as a LOCAL";
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a }
INITIAL {
    a = b
}
)") == "test.mod:4:9: " + message);
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    b = 1
}
)") == "test.mod:3:5: " + message);
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { a b }
BREAKPOINT {
    SOLVE kin METHOD sparse
}
KINETIC kin {
    COMPARTMENT 1 { a c }
    ~ a <-> b (1, 2)
}
)") == "test.mod:7:23: 'c' is not declared");
}

TEST_CASE("nmodl semantic errors: an unknown function", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a }
INITIAL {
    a = g(1)
}
)") == "test.mod:4:9: 'g' is not a FUNCTION, PROCEDURE or built-in function");
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    q(1)
}
)") == "test.mod:3:5: 'q' is not a FUNCTION, PROCEDURE or built-in function");
}

TEST_CASE("nmodl semantic errors: the wrong number of arguments", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a }
INITIAL {
    a = f(1, 2)
}
FUNCTION f(x) { f = x }
)") == "test.mod:4:9: 'f' takes 1 argument(s), not 2");
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    p(1)
}
PROCEDURE p() { }
)") == "test.mod:3:5: 'p' takes 0 argument(s), not 1");
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a }
INITIAL {
    a = exp(1, 2)
}
)") == "test.mod:4:9: 'exp' takes 1 argument(s), not 2");
    CHECK(error_of(R"(NEURON { POINT_PROCESS test }
NET_RECEIVE(w) {
    net_send(0)
}
)") == "test.mod:3:5: 'net_send' takes 2 argument(s), not 1");
}

TEST_CASE("nmodl semantic errors: a FUNCTION without its argument list", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a }
INITIAL {
    a = f
}
FUNCTION f() { f = 1 }
)") == "test.mod:4:9: FUNCTION 'f' needs an argument list: f(...)");
}

TEST_CASE("nmodl semantic errors: a call without a value used as one", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a }
INITIAL {
    a = p()
}
PROCEDURE p() { }
)") == "test.mod:4:9: PROCEDURE 'p' has no value; call it as a statement");
    CHECK(error_of(R"(NEURON { POINT_PROCESS test }
ASSIGNED { a }
NET_RECEIVE(w) {
    a = net_send(0, 1)
}
)") == "test.mod:4:9: 'net_send' has no value; call it as a statement");
}

TEST_CASE("nmodl semantic errors: net_move outside NET_RECEIVE", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { POINT_PROCESS test }
INITIAL {
    net_move(1)
}
NET_RECEIVE(w) { }
)") == "test.mod:3:5: net_move belongs in NET_RECEIVE");
}

TEST_CASE("nmodl semantic errors: a string outside printf", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a }
INITIAL {
    a = "text"
}
)") == "test.mod:4:9: a string can only be an argument of printf, which cajal ignores");
}

TEST_CASE("nmodl semantic errors: an array without an index, an index on a scalar", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a[2] }
INITIAL {
    a = 1
}
)") == "test.mod:4:5: array 'a' needs an index");
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { a }
INITIAL {
    a[0] = 1
}
)") == "test.mod:4:5: 'a' is not an array");
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    LOCAL x[2]
    x = 1
}
)") == "test.mod:4:5: array 'x' needs an index");
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL {
    LOCAL x
    x[1] = 1
}
)") == "test.mod:4:5: 'x' is not an array");
}

TEST_CASE("nmodl semantic errors: a FROM loop over a mechanism variable", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
ASSIGNED { i }
INITIAL {
    FROM i = 0 TO 2 { }
}
)") == "test.mod:4:10: FROM loop variable 'i' must be LOCAL");
}

// ---- Assignments

TEST_CASE("nmodl semantic errors: assigning t, dt, celsius, area or diam", "[nmodl][errors]") {
    for (const std::string name: {"t", "dt", "celsius", "area", "diam"}) {
        CHECK(error_of("NEURON { SUFFIX test }\nINITIAL {\n    " + name + " = 1\n}\n") ==
              "test.mod:3:5: '" + name + "' belongs to the simulation and cannot be assigned");
    }
    // Declaring celsius, as many files do, does not make it the mechanism's.
    CHECK(error_of(R"(NEURON { SUFFIX test }
PARAMETER { celsius (degC) }
INITIAL {
    celsius = 1
}
)") == "test.mod:4:5: 'celsius' belongs to the simulation and cannot be assigned");
}

TEST_CASE("nmodl semantic errors: assigning a constant", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
CONSTANT { c = 1 }
INITIAL {
    c = 2
}
)") == "test.mod:4:5: 'c' is a constant and cannot be assigned");
    CHECK(error_of(R"(NEURON { SUFFIX test }
DEFINE N 3
INITIAL {
    N = 2
}
)") == "test.mod:4:5: 'N' is a constant and cannot be assigned");
    CHECK(error_of(R"(NEURON { SUFFIX test }
UNITS { F = (faraday) (coulomb) }
INITIAL {
    F = 2
}
)") == "test.mod:4:5: 'F' is a constant and cannot be assigned");
}

TEST_CASE("nmodl semantic errors: writing an ion variable that is only READ", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    USEION ca READ cai
}
INITIAL {
    cai = 1
}
)") == "test.mod:6:5: 'cai' is read from the ion; to write it, name it in USEION ... WRITE");
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    USEION na READ ina
}
INITIAL {
    ina = 1
}
)") == "test.mod:6:5: 'ina' is read from the ion; to write it, name it in USEION ... WRITE");
    CHECK(error_of(R"(NEURON {
    SUFFIX test
    USEION ca READ cai
}
BREAKPOINT {
    SOLVE states METHOD cnexp
}
DERIVATIVE states {
    cai' = -cai
}
)") == "test.mod:9:5: 'cai' is read from the ion; to integrate it, name it in USEION ... WRITE");
}

// ---- SOLVE and integration methods

TEST_CASE("nmodl semantic errors: SOLVE of a missing block", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
BREAKPOINT {
    SOLVE states METHOD cnexp
}
)") == "test.mod:3:11: SOLVE names 'states', which is not a DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block");
}

TEST_CASE("nmodl semantic errors: SOLVE of a DERIVATIVE without METHOD", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
BREAKPOINT {
    SOLVE states
}
DERIVATIVE states { m' = -m }
)") == "test.mod:4:5: SOLVE of DERIVATIVE block 'states' needs METHOD cnexp, derivimplicit or euler");
}

TEST_CASE("nmodl semantic errors: a METHOD the block does not allow", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
BREAKPOINT {
    SOLVE states METHOD runge
}
DERIVATIVE states { m' = -m }
)") == "test.mod:4:25: METHOD runge cannot solve DERIVATIVE block 'states': use cnexp, derivimplicit or euler");
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
INITIAL {
    SOLVE states STEADYSTATE cnexp
}
DERIVATIVE states { m' = -m }
)") == "test.mod:4:30: METHOD cnexp cannot solve DERIVATIVE block 'states': use STEADYSTATE derivimplicit");
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { a b }
BREAKPOINT {
    SOLVE kin METHOD cnexp
}
KINETIC kin { ~ a <-> b (1, 2) }
)") == "test.mod:4:22: METHOD cnexp cannot solve KINETIC block 'kin': use sparse");
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { a b }
BREAKPOINT {
    SOLVE kin METHOD euler
}
KINETIC kin { ~ a <-> b (1, 2) }
)") == "test.mod:4:22: METHOD euler cannot solve KINETIC block 'kin': use sparse");
    CHECK(error_of(R"(NEURON { SUFFIX test }
BREAKPOINT {
    SOLVE p METHOD cnexp
}
PROCEDURE p() { }
)") == "test.mod:3:20: METHOD applies only to DERIVATIVE and KINETIC blocks: write SOLVE p without it");
}

TEST_CASE("nmodl semantic errors: cnexp on what it cannot integrate", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
BREAKPOINT {
    SOLVE states METHOD cnexp
}
DERIVATIVE states {
    m' = -m * m
}
)") == "test.mod:7:5: cnexp needs an equation linear in its state, and m' = ... is not: use METHOD derivimplicit");
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m[2] }
BREAKPOINT {
    SOLVE states METHOD cnexp
}
DERIVATIVE states {
    m[0]' = -m[0]
}
)") == "test.mod:7:5: cnexp cannot integrate array states: use METHOD derivimplicit");
}

TEST_CASE("nmodl semantic errors: x' outside a solved DERIVATIVE", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
BREAKPOINT {
    m' = -m
}
)") == "test.mod:4:5: m' = ... belongs in a DERIVATIVE block that a SOLVE in BREAKPOINT or INITIAL integrates");
}

TEST_CASE("nmodl semantic errors: a derivative or flux of what is not a STATE", "[nmodl][errors]") {
    const std::string message = "'a' is not a STATE: declare it in the STATE block";
    for (const std::string method: {"cnexp", "derivimplicit", "euler"}) {
        CHECK(error_of("NEURON { SUFFIX test }\nSTATE { m }\nASSIGNED { a }\nBREAKPOINT {\n    SOLVE states METHOD " + method +
                       "\n}\nDERIVATIVE states {\n    m' = -m\n    a' = -a\n}\n") == "test.mod:9:5: " + message);
    }
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { m }
BREAKPOINT {
    SOLVE states METHOD cnexp
}
DERIVATIVE states {
    q' = 1
}
)") == "test.mod:7:5: 'q' is not a STATE: declare it in the STATE block");
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { b }
ASSIGNED { a }
BREAKPOINT {
    SOLVE kin METHOD sparse
}
KINETIC kin {
    ~ a << (1)
}
)") == "test.mod:8:5: " + message);
    // A reactant that is declared but not a STATE is a constant there; one not declared at all is an error.
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { b }
BREAKPOINT {
    SOLVE kin METHOD sparse
}
KINETIC kin {
    ~ b <-> a (1, 2)
}
)") == "test.mod:7:13: " + message);
}

// ---- KINETIC statements

TEST_CASE("nmodl semantic errors: CONSERVE and COMPARTMENT outside KINETIC", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { a b }
INITIAL {
    CONSERVE a + b = 1
}
)") == "test.mod:4:5: CONSERVE belongs in a KINETIC block");
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { a }
INITIAL {
    COMPARTMENT 1 { a }
}
)") == "test.mod:4:5: COMPARTMENT belongs in a KINETIC block");
}

TEST_CASE("nmodl semantic errors: CONSERVE of what is not a sum of states", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { a b }
BREAKPOINT {
    SOLVE kin METHOD sparse
}
KINETIC kin {
    ~ a <-> b (1, 2)
    CONSERVE a - b = 0
}
)") == "test.mod:8:16: CONSERVE needs a sum of states, each with an optional number factor");
    CHECK(error_of(R"(NEURON { SUFFIX test }
STATE { a b c }
BREAKPOINT {
    SOLVE kin METHOD sparse
}
KINETIC kin {
    ~ a <-> b (1, 2)
    CONSERVE a + c = 1
}
)") == "test.mod:8:18: 'c' is not a STATE of this block");
}

// ---- Correct mechanisms of each kind

TEST_CASE("nmodl semantic errors: a density mechanism solved by cnexp compiles", "[nmodl][errors]") {
    const auto g = compile_text(R"(NEURON {
    SUFFIX leak_gate
    NONSPECIFIC_CURRENT i
    RANGE gbar, e
}
PARAMETER {
    gbar = 0.001 (S/cm2)
    e = -65 (mV)
}
STATE { m }
ASSIGNED { i (mA/cm2) }
INITIAL { m = rate(v) }
BREAKPOINT {
    SOLVE states METHOD cnexp
    i = gbar * m * (v - e)
}
DERIVATIVE states { m' = (rate(v) - m) / 5 }
FUNCTION rate(v (mV)) { rate = 1 / (1 + exp(-(v + 40) / 10)) }
)");
    CHECK(g.name == "leak_gate");
    CHECK(g.scope == "mod_leak_gate");
    for (const std::string kernel: {"void initialize(", "void compute_currents(", "void advance_state(", "solve_states_cnexp(",
                                    "f_rate(", "cajal::mechanism_implementation make_mechanism()"}) {
        CHECK(contains(g.cpu_source, kernel));
    }
    CHECK_FALSE(contains(g.cpu_source, "deliver_events("));
    for (const std::string kernel: {"__global__ void initialize_kernel(", "__global__ void compute_currents_kernel(",
                                    "__global__ void advance_state_kernel(", "cajal::mechanism_kernels gpu_kernels()"}) {
        CHECK(contains(g.cuda_source, kernel));
    }
}

TEST_CASE("nmodl semantic errors: a point process with NET_RECEIVE and net_send compiles", "[nmodl][errors]") {
    const auto g = compile_text(R"(NEURON {
    POINT_PROCESS pulse_syn
    NONSPECIFIC_CURRENT i
    RANGE g, e, dur
}
PARAMETER {
    e = 0 (mV)
    dur = 1 (ms)
}
ASSIGNED {
    i (nA)
    g (uS)
}
INITIAL { g = 0 }
BREAKPOINT { i = g * (v - e) }
NET_RECEIVE(weight (uS)) {
    if (flag == 0) {
        g = g + weight
        net_send(dur, 1)
    } else {
        g = g - weight
    }
}
)");
    CHECK(g.name == "pulse_syn");
    for (const std::string kernel: {"void initialize(", "void compute_currents(", "void advance_state(", "void deliver_events(",
                                    "net_receive_instance(", "cajal::event_request_kind::send"}) {
        CHECK(contains(g.cpu_source, kernel));
    }
    CHECK(contains(g.cuda_source, "__global__ void deliver_events_kernel("));
}

TEST_CASE("nmodl semantic errors: KINETIC with CONSERVE and STEADYSTATE compiles", "[nmodl][errors]") {
    const auto g = compile_text(R"(NEURON {
    SUFFIX two_state
    USEION k READ ek WRITE ik
    RANGE gbar
}
PARAMETER { gbar = 0.01 (S/cm2) }
STATE { c o }
ASSIGNED { ik (mA/cm2) }
INITIAL { SOLVE kin STEADYSTATE sparse }
BREAKPOINT {
    SOLVE kin METHOD sparse
    ik = gbar * o * (v - ek)
}
KINETIC kin {
    ~ c <-> o (exp(v / 20), exp(-v / 20))
    CONSERVE c + o = 1
}
)");
    CHECK(g.name == "two_state");
    for (const std::string kernel: {"void initialize(", "void compute_currents(", "void advance_state(", "struct residual_kin",
                                    "solve_kin_implicit(", "rt::newton<2>", "1e9"}) {
        CHECK(contains(g.cpu_source, kernel));
    }
}

TEST_CASE("nmodl semantic errors: derivimplicit and euler compile", "[nmodl][errors]") {
    const auto text = [](const std::string& method) {
        return "NEURON { SUFFIX decay }\nSTATE { x y }\nINITIAL { x = 1 }\nBREAKPOINT {\n    SOLVE states METHOD " + method +
               "\n}\nDERIVATIVE states {\n    x' = -x * x\n    y' = x - y\n}\n";
    };
    const auto implicit = compile_text(text("derivimplicit"));
    for (const std::string kernel: {"void initialize(", "void advance_state(", "struct residual_states", "solve_states_implicit(",
                                    "rt::newton<2>"}) {
        CHECK(contains(implicit.cpu_source, kernel));
    }
    CHECK_FALSE(contains(implicit.cpu_source, "void compute_currents("));   // no currents

    const auto euler = compile_text(text("euler"));
    for (const std::string kernel: {"void initialize(", "void advance_state(", "solve_states_euler(", "_m.dt * _d[1]"}) {
        CHECK(contains(euler.cpu_source, kernel));
    }
}

TEST_CASE("nmodl semantic errors: a block that may appear once appears twice", "[nmodl][errors]") {
    CHECK(error_of(R"(NEURON { SUFFIX test }
INITIAL { }
INITIAL { }
)") == "test.mod:3:1: a second INITIAL block: a mechanism has one");
    CHECK(error_of(R"(NEURON { SUFFIX test }
BREAKPOINT { }
BREAKPOINT { }
)") == "test.mod:3:1: a second BREAKPOINT block: a mechanism has one");
}
