// Unit expressions of NMODL: NEURON's values, prefixes, powers, UNITS-block
// aliases and the errors.

#include <string>

#include <catch2/catch.hpp>

#include "cajal/nmodl/units.hpp"

namespace nmodl = cajal::nmodl;
using nmodl::base_dimension;
using nmodl::conversion_factor;
using nmodl::parse_unit;

namespace {

nmodl::dimension dims(int length, int mass, int time, int charge, int temperature = 0) {
    return {length, mass, time, charge, temperature};
}

std::string error_of(const auto& call) {
    try {
        call();
    } catch (const nmodl::unit_error& error) {
        return error.what();
    }
    return "no error";
}

} // namespace

// Measured from NEURON 8.2.2 (Debian package): a .mod file whose UNITS block
// holds `c = (a) (b)` for each pair, compiled with nrnivmodl, each constant
// returned by a FUNCTION and printed from Python as repr() and float.hex();
// nocmodl also writes them into the .c file as hex floats. These are the
// default (modern, SI 2019) values, nrnunit_use_legacy() == 0.
TEST_CASE("physical constants equal NEURON's to the last bit", "[nmodl][units]") {
    CHECK(conversion_factor("faraday", "coulomb") == 96485.33212331001);
    CHECK(conversion_factor("faraday", "coulombs") == 96485.33212331001);
    CHECK(conversion_factor("faraday", "coul") == 96485.33212331001);
    CHECK(conversion_factor("faraday", "kilocoulombs") == 96.48533212331002);
    CHECK(conversion_factor("faraday", "10000 coulomb") == 9.648533212331001);
    CHECK(conversion_factor("k-mole", "joule/degC") == 8.31446261815324);
    CHECK(conversion_factor("R", "joule/K") == 8.31446261815324);
    CHECK(conversion_factor("pi", "1") == 3.141592653589793);
    CHECK(conversion_factor("e", "coulombs") == 1.602176634e-19);
    CHECK(conversion_factor("k", "joule/degC") == 1.380649e-23);
    CHECK(conversion_factor("mole", "1") == 6.02214076e+23);
    CHECK(conversion_factor("percent", "1") == 0.01);
    CHECK(conversion_factor("degC", "kelvin") == 1.0);
}

TEST_CASE("conversion factors equal NEURON's to the last bit", "[nmodl][units]") {
    // Measured as above, with the UNITS block of the usual .mod file.
    nmodl::unit_table table;
    table.add_alias("mA", "milliamp");
    table.add_alias("nA", "nanoamp");
    table.add_alias("S", "siemens");
    table.add_alias("uS", "microsiemens");
    table.add_alias("um", "micron");
    table.add_alias("molar", "1/liter");
    table.add_alias("mM", "millimolar");
    table.add_alias("mol", "1");
    // nocmodl does not check dimensions here; its value is the plain ratio
    CHECK(table.parse("mA/cm2").factor / table.parse("mM um/ms").factor == 10000.000000000002);
    CHECK(table.parse("faraday").factor / table.parse("meter").factor == 96485.33212331001);
    CHECK(table.convert("micron", "m") == 1e-06);
    CHECK(table.convert("um", "meter") == 1e-06);
    CHECK(table.convert("mho", "S") == 1.0);
    CHECK(table.convert("millimho", "siemens") == 0.001);
    CHECK(table.convert("molar", "1/m3") == 999.9999999999998);
    CHECK(table.convert("mM", "molar") == 0.001);
    CHECK(table.convert("liter", "m3") == 0.0010000000000000002);
    CHECK(table.convert("uS", "mho") == 1e-06);
    CHECK(table.convert("ms", "minute") == 1.6666666666666667e-05);
    CHECK(table.convert("nA", "mA") == 1e-06);
    CHECK(table.convert("mA/cm2", "ampere/m2") == 10.0);
    CHECK(table.convert("mol/cm3", "mM") == 1000000.0000000002);
    CHECK(table.convert("cm2", "um2") == 100000000.0);
    CHECK(table.convert("hour", "s") == 3600.0);
    CHECK(table.convert("100/coulomb meter", "1/coulomb m") == 100.0);
    CHECK(table.convert("kilocoulomb", "C") == 1000.0);
    CHECK(table.convert("megohm", "ohm") == 1000000.0);
    CHECK(table.convert("1-10 um2/ms", "m2/s") == 9.999999999999999e-20);
    CHECK(table.convert(".001 coul/cm3", "coulomb/liter") == 1.0000000000000002);
    CHECK(table.convert("mins", "s") == 60.0);
    CHECK(table.convert("milli", "1") == 0.001);
    CHECK(table.convert("ks", "joule/K") == 1.380649e-23); // NEURON strips the plural: boltzmann, not kilosecond
    CHECK(table.parse("1e7").factor == 2.71002162339357e-132); // 1 times the elementary charge to the 7th
}

TEST_CASE("the built-in names NEURON lacks match the usual UNITS block", "[nmodl][units]") {
    nmodl::unit_table usual;
    usual.add_alias("molar", "1/liter");
    usual.add_alias("mM", "millimolar");
    usual.add_alias("mol", "1");
    usual.add_alias("S", "siemens");
    usual.add_alias("mV", "millivolt");
    usual.add_alias("mA", "milliamp");
    for (const char* unit : {"molar", "mM", "mol/cm2", "S/cm2", "mV", "mA/cm2", "mM/ms"}) {
        INFO(unit);
        CHECK(parse_unit(unit) == usual.parse(unit));
    }
    CHECK(parse_unit("M") == parse_unit("molar"));
    CHECK(parse_unit("l") == parse_unit("liter"));
    CHECK(parse_unit("A") == parse_unit("ampere"));
    CHECK(parse_unit("F") == parse_unit("farad"));
}

TEST_CASE("units carry NEURON's base dimensions", "[nmodl][units]") {
    CHECK(parse_unit("mV").dims == dims(2, 1, -2, -1));
    CHECK(parse_unit("mA/cm2").dims == dims(-2, 0, -1, 1));
    CHECK(parse_unit("S/cm2").dims == dims(-4, -1, 1, 2));
    CHECK(parse_unit("mM").dims == dims(-3, 0, 0, 0)); // the mole is a plain number
    CHECK(parse_unit("faraday").dims == dims(0, 0, 0, 1));
    CHECK(parse_unit("joule/degC").dims == dims(2, 1, -2, 0, -1));
    CHECK(parse_unit("1").dims == nmodl::dimension{});
    CHECK(parse_unit("").factor == 1.0);
    CHECK(nmodl::to_string(parse_unit("volt").dims) == "m2 kg/s2 C");
    CHECK(nmodl::to_string(parse_unit("/ms").dims) == "1/s");
    CHECK(nmodl::to_string(parse_unit("pi").dims) == "1");
    CHECK(parse_unit("kelvin").dims[static_cast<std::size_t>(base_dimension::temperature)] == 1);
}

TEST_CASE("prefixes: whole names first, NEURON's prefixes, then one-letter ones", "[nmodl][units]") {
    CHECK(parse_unit("millivolt") == parse_unit("mV"));
    CHECK(parse_unit("mV").factor == 1e-3);
    CHECK(parse_unit("uS").factor == 1e-6);
    CHECK(parse_unit("nA").factor == 1e-9);
    CHECK(parse_unit("pF").factor == 1e-12);
    CHECK(parse_unit("kV").factor == 1e3);
    CHECK(parse_unit("MV").factor == 1e6);
    CHECK(parse_unit("mmho") == parse_unit("millimho"));
    CHECK(parse_unit("um") == parse_unit("micron"));
    CHECK(parse_unit("uM") == parse_unit("micromolar"));
    CHECK(conversion_factor("decimeter", "dm") == 1.0);
    CHECK(conversion_factor("kilohm", "ohm") == 1000.0);
    // whole names win: milli-second, millimetre, the molar, metre, siemens, second
    CHECK(parse_unit("ms").dims == dims(0, 0, 1, 0));
    CHECK(parse_unit("mm").dims == dims(1, 0, 0, 0));
    CHECK(parse_unit("M").dims == dims(-3, 0, 0, 0));
    CHECK(parse_unit("m").dims == dims(1, 0, 0, 0));
    CHECK(parse_unit("S").dims == dims(-2, -1, 1, 2));
    CHECK(parse_unit("s").dims == dims(0, 0, 1, 0));
    // the plural 's' goes before the one-letter prefixes are tried
    CHECK(parse_unit("coulombs") == parse_unit("coulomb"));
    CHECK(parse_unit("mhos") == parse_unit("mho"));
    CHECK(parse_unit("ps").factor == Approx(1e-12));
}

TEST_CASE("unit grammar: products, quotients, powers, numbers", "[nmodl][units]") {
    CHECK(parse_unit("cm2").dims == dims(2, 0, 0, 0));
    CHECK(parse_unit("cm2").factor == 0.01 * 0.01);
    CHECK(parse_unit("um3").dims == dims(3, 0, 0, 0));
    CHECK(parse_unit("/ms") == parse_unit("1/ms"));
    CHECK(parse_unit("ms mM") == parse_unit("ms-mM"));
    // everything after the first '/' is in the denominator
    CHECK(parse_unit("/mM-s").dims == dims(3, 0, -1, 0));
    CHECK(parse_unit("mA/cm2-ms") == parse_unit("mA/cm2/ms"));
    CHECK(parse_unit("m/s2").dims == dims(1, 0, -2, 0));
    CHECK(parse_unit("1-10 um2/ms").factor == Approx(1e-19));
    CHECK(parse_unit("1|4").factor == 0.25);
    CHECK(parse_unit("2.5 mV").factor == Approx(2.5e-3));
    CHECK(parse_unit("10000 coulomb").factor == 1e4);
}

TEST_CASE("UNITS block aliases", "[nmodl][units]") {
    nmodl::unit_table table;
    table.add_alias("mV", "millivolt"); // adds nothing new
    table.add_alias("molar", "1/liter"); // redefines a name NEURON lacks
    table.add_alias("M", "1/liter");
    table.add_alias("mM", "milli/liter");
    table.add_alias("uM", "micro/liter");
    table.add_alias("msM", "ms mM");
    table.add_alias("flux", "mM um/ms");
    CHECK(table.parse("mV") == parse_unit("mV"));
    CHECK(table.parse("msM").dims == dims(-3, 0, 1, 0));
    CHECK(table.convert("mA/cm2", "flux coulomb") == Approx(1e4));
    CHECK(table.convert("uM", "mM") == Approx(1e-3));
    CHECK(table.parse("msM2").factor == Approx(1e-6)); // an alias takes powers and plurals
    CHECK(table.parse("msMs") == table.parse("msM"));

    // a name NEURON defines, or one defined before, cannot be redefined
    CHECK(error_of([&] { table.add_alias("ms", "millisecond"); }) ==
          "redefinition of unit (ms), which NEURON defines");
    CHECK(error_of([&] { table.add_alias("mV", "millivolt"); }) == "redefinition of unit (mV)");
    CHECK(error_of([&] { table.add_alias("faraday", "coulomb"); }).starts_with("redefinition"));
    CHECK(error_of([&] { table.add_alias("bad", "nonsense"); }) == "unknown unit 'nonsense' in (nonsense)");
    CHECK(error_of([&] { table.add_alias("x/y", "ms"); }) == "cannot define a unit named (x/y)");
    CHECK(error_of([&] { table.add_alias("2x", "ms"); }) == "cannot define a unit named (2x)");
    CHECK(error_of([&] { table.add_alias("", "ms"); }) == "cannot define a unit named ()");

    // aliases belong to their table
    CHECK(error_of([] { parse_unit("msM"); }) == "unknown unit 'msM' in (msM)");
}

TEST_CASE("unit errors name the offending part", "[nmodl][units]") {
    CHECK(error_of([] { conversion_factor("faraday", "meter"); }) == "cannot convert (faraday) to (meter): C is not m");
    CHECK(error_of([] { conversion_factor("mA/cm2", "mM/ms"); }) ==
          "cannot convert (mA/cm2) to (mM/ms): C/m2 s is not 1/m3 s");
    CHECK(error_of([] { parse_unit("mV/xyz2"); }) == "unknown unit 'xyz' in (mV/xyz2)");
    CHECK(error_of([] { parse_unit("m^2"); }) == "unknown unit 'm^' in (m^2)");
    CHECK(error_of([] { parse_unit("c"); }) == "unknown unit 'c' in (c)"); // a bare one-letter prefix
    CHECK(error_of([] { parse_unit("pk"); }) == "unknown unit 'pk' in (pk)"); // NEURON's peck, not pico-k
    CHECK(error_of([] { parse_unit("1+999 m"); }) == "number out of range in (1+999 m)");
    CHECK(error_of([] { parse_unit("yoctometer9 yoctometer9 yoctometer9"); }) ==
          "unit out of range: (yoctometer9 yoctometer9 yoctometer9)");
    CHECK(error_of([] { parse_unit(std::string(100, 'm') + "V"); }).starts_with("unit name too long"));
    // many ways to split a name are tried, but each part at most once
    CHECK(error_of([] { parse_unit(std::string(60, 'm') + "x"); }).starts_with("unknown unit"));
    CHECK(error_of([] { parse_unit("m" + std::string(60, 's') + "x"); }).starts_with("unknown unit"));
}
