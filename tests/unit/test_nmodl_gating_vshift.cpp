// gating_vshift, the parameter the NMODL compiler adds to shift a mechanism's
// gating (docs/nmodl.md, "Shifting the gating voltage"): which mechanisms get
// it, the error for a file that declares the name, and runs in cajal alone: a
// shift of 0 changes nothing, and a shift gives bit for bit what the hand edit
// a NEURON user makes gives (test_nmodl_gating_vshift_neuron.cpp compares both
// with NEURON).
#include <algorithm>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "cajal/nmodl/analysis.hpp"
#include "cajal/nmodl/parser.hpp"
#include "cajal/nmodl/semantic_error.hpp"
#include "gating_vshift_cases.hpp"
#include "test_support.hpp"

using namespace cajal;

namespace {

// What analysis says of `text` (as test.mod): the description, and the field of gating_vshift.
struct analysis_result {
    mechanism_info info;
    std::optional<std::size_t> gating_vshift_field;
};

analysis_result analyzed(const std::string& text) {
    const auto module = nmodl::parse_module(text, "test.mod");
    const auto mechanism = nmodl::analyze(module);
    return {mechanism.info, mechanism.gating_vshift_field};
}

bool has_shift(const mechanism_info& info) {
    return std::any_of(info.parameters.begin(), info.parameters.end(), [](const field_info& f) { return f.name == "gating_vshift"; });
}

std::string error_of(const std::string& text) {
    try {
        analyzed(text);
    } catch (const nmodl::semantic_error& error) {
        return error.what();
    }
    return "no error";
}

// Mechanisms whose gating (INITIAL, a DERIVATIVE) reads v only through
// `@CALL@`, the text of a call in both blocks.
std::string gate_through(const std::string& call, const std::string& callees) {
    return test::vshift::replaced(R"(NEURON { SUFFIX test }
STATE { n }
ASSIGNED { v (mV) ninf }
BREAKPOINT { SOLVE states METHOD cnexp }
INITIAL { @CALL@ n = ninf }
DERIVATIVE states { @CALL@ n' = ninf - n }
)", "@CALL@", call, 2) + callees;
}

} // namespace

TEST_CASE("nmodl gating_vshift: the built-in mechanisms with gating have it, the others not", "[nmodl][gating_vshift]") {
    const auto& hh = builtin_catalogue().get("hh").info;
    REQUIRE(has_shift(hh));
    const auto& shift = hh.parameters.back();   // after the file's own parameters
    CHECK(shift.name == "gating_vshift");
    CHECK(shift.units == "mV");
    CHECK(shift.default_value == 0.0);
    CHECK(shift.in_range(-1e6));
    CHECK(shift.in_range(1e6));
    CHECK(hh.instance_field_index("gating_vshift") == std::optional<std::size_t>(4));
    CHECK(has_shift(builtin_catalogue().get("Kv3st").info));
    // No gating, gating without v (a calcium decay), or no STATE (SEClamp reads v only for its current).
    for (const char* name: {"pas", "CaDecay", "ExpSyn", "Exp2Syn", "IClamp", "SEClamp"}) {
        INFO(name);
        CHECK_FALSE(has_shift(builtin_catalogue().get(name).info));
    }
}

TEST_CASE("nmodl gating_vshift: v read through FUNCTIONs and PROCEDUREs at any depth counts, a hidden v not", "[nmodl][gating_vshift]") {
    // Through a PROCEDURE's argument, and through a FUNCTION that a PROCEDURE calls.
    CHECK(analyzed(gate_through("rates(v)", "PROCEDURE rates(x) { ninf = x }")).gating_vshift_field.has_value());
    CHECK(analyzed(gate_through("rates()", "PROCEDURE rates() { ninf = f(1) }\nFUNCTION f(x) { f = x * v }")).gating_vshift_field.has_value());
    // An argument, a LOCAL or a FROM variable named v is no membrane voltage.
    CHECK_FALSE(analyzed(gate_through("rates(-65)", "PROCEDURE rates(v) { ninf = v }")).gating_vshift_field.has_value());
    CHECK_FALSE(analyzed(gate_through("rates()", "PROCEDURE rates() { LOCAL v\n v = 1\n ninf = v }")).gating_vshift_field.has_value());
    CHECK_FALSE(analyzed(gate_through("rates()", "PROCEDURE rates() { LOCAL v\n FROM v = 1 TO 2 { ninf = v } }")).gating_vshift_field.has_value());
    // Recursion ends, and a callee with v still counts.
    CHECK(analyzed(gate_through("rates(3)", "PROCEDURE rates(k) { if (k > 0) { rates(k - 1) } else { ninf = v } }")).gating_vshift_field.has_value());
    // A KINETIC rate, and a STEADYSTATE solved in INITIAL.
    CHECK(analyzed(R"(NEURON { SUFFIX test }
STATE { c o }
ASSIGNED { v (mV) }
BREAKPOINT { SOLVE kin METHOD sparse }
INITIAL { SOLVE kin STEADYSTATE sparse }
KINETIC kin { ~ c <-> o (exp(v / 20), 1) }
)").gating_vshift_field.has_value());
}

TEST_CASE("nmodl gating_vshift: absent where only BREAKPOINT's own statements, NET_RECEIVE or no STATE read v", "[nmodl][gating_vshift]") {
    // An instantaneous gate computed in BREAKPOINT is not shifted.
    CHECK_FALSE(has_shift(analyzed(R"(NEURON { SUFFIX test NONSPECIFIC_CURRENT i }
ASSIGNED { v (mV) i (mA/cm2) minf }
BREAKPOINT { rates(v) i = minf * (v + 80) }
PROCEDURE rates(x (mV)) { minf = 1 / (1 + exp(-x)) }
)").info));
    CHECK_FALSE(has_shift(analyzed(R"(NEURON { POINT_PROCESS test NONSPECIFIC_CURRENT i }
STATE { g }
ASSIGNED { v (mV) i (nA) }
BREAKPOINT { SOLVE decay METHOD cnexp i = g * v }
DERIVATIVE decay { g' = -g }
NET_RECEIVE (w) { if (v > 0) { g = g + w } }
)").info));
    CHECK_FALSE(has_shift(analyzed(R"(NEURON { SUFFIX test NONSPECIFIC_CURRENT i }
ASSIGNED { v (mV) i (mA/cm2) x }
INITIAL { x = v }
BREAKPOINT { SOLVE follow i = x }
PROCEDURE follow() { x = v }
)").info));
    // A point process follows the same rule.
    CHECK(has_shift(analyzed(R"(NEURON { POINT_PROCESS test }
STATE { n }
ASSIGNED { v (mV) }
INITIAL { n = v }
)").info));
    CHECK_FALSE(has_shift(analyzed(R"(NEURON { ARTIFICIAL_CELL test }
STATE { n }
INITIAL { n = 1 }
NET_RECEIVE (w) { net_event(t) }
)").info));
}

TEST_CASE("nmodl gating_vshift: a file that declares the name is refused at the name", "[nmodl][gating_vshift][errors]") {
    const std::string message = "'gating_vshift' is reserved: cajal adds it as the parameter that shifts the voltage the gating sees "
                                "(docs/nmodl.md); rename this one";
    CHECK(error_of("NEURON { SUFFIX test }\nPARAMETER {\n    gating_vshift = 0 (mV)\n}\n") == "test.mod:3:5: " + message);
    CHECK(error_of("NEURON { SUFFIX test }\nASSIGNED { x gating_vshift }\n") == "test.mod:2:14: " + message);
    CHECK(error_of("NEURON { SUFFIX test RANGE gating_vshift }\n") == "test.mod:1:28: " + message);
    CHECK(error_of("NEURON { SUFFIX test }\nFUNCTION gating_vshift() { gating_vshift = 1 }\n") == "test.mod:2:10: " + message);
    CHECK(error_of("NEURON { SUFFIX test }\nCONSTANT { gating_vshift = 2 }\n") == "test.mod:2:12: " + message);
    // Without gating too: the name is reserved in every file.
    CHECK(error_of("NEURON { SUFFIX test }\nLOCAL gating_vshift\n") == "test.mod:2:7: " + message);
}

TEST_CASE("nmodl gating_vshift: a shift is bit for bit the hand edit, and a shift of 0 changes nothing", "[nmodl][gating_vshift]") {
    const auto data = test::shared_data();
    if (!data) CAJAL_SKIP("../shared/data is absent");
    const auto hay2011 = *data / "mod" / "hay2011";
    for (auto s: test::vshift::setups(hay2011)) {
        DYNAMIC_SECTION(s.mod.file_name) {
            // The file as written and the hand-edited copy, each compiled from a folder (a built-in mechanism,
            // compiled with the build's flags, may round differently) into a catalogue of its own.
            if (builtin_catalogue().contains(s.mod.mechanism)) {
                const auto renamed = s.mod.mechanism + "_as_written";
                s.mod.original = test::vshift::replaced(s.mod.original, "SUFFIX " + s.mod.mechanism + "\n", "SUFFIX " + renamed + "\n", 1);
                s.mod.mechanism = renamed;
            }
            test::temp_folder written, edited;
            test::vshift::write_files(s, hay2011, written.path, false);
            test::vshift::write_files(s, hay2011, edited.path, true);
            const auto as_written = test::vshift::catalogue_of(written.path), as_edited = test::vshift::catalogue_of(edited.path);
            const auto v = [&](const mechanism_catalogue& catalogue, test::cell_run cell) {
                return test::simulate(cell, catalogue).traces.at(0).values;
            };
            auto not_set = test::vshift::setup_cell(s, s.mod.mechanism, "gating_vshift", 0.0);
            not_set.painted.back().parameters.erase("gating_vshift");
            const auto unshifted = v(as_written, not_set);
            // Bit for bit: the largest difference is 0.
            CHECK(test::max_difference(v(as_written, test::vshift::setup_cell(s, s.mod.mechanism, "gating_vshift", 0.0)), unshifted) == 0.0);
            CHECK(test::max_difference(v(as_edited, test::vshift::setup_cell(s, s.mod.edited_mechanism, "vshift", 0.0)), unshifted) == 0.0);
            for (const double shift: {-10.0, 10.0}) {
                INFO("shift " << shift << " mV");
                const auto shifted = v(as_written, test::vshift::setup_cell(s, s.mod.mechanism, "gating_vshift", shift));
                CHECK(test::max_difference(shifted, unshifted) > 1.0);   // the shift shows
                CHECK(test::max_difference(v(as_edited, test::vshift::setup_cell(s, s.mod.edited_mechanism, "vshift", shift)), shifted) == 0.0);
            }
        }
    }
}
