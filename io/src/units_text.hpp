#pragma once
// Units as NMODL and the model file write them ("uS", "mA/cm2", "degC"),
// written for a reader: "µS", "mA/cm²", "°C".

#include <string>
#include <string_view>

namespace cajal {

// A "u" before a unit symbol becomes µ, exponents superscripts ("cm2" → "cm²",
// "ms-1" → "ms⁻¹"), "ohm" Ω, "degC" °C, and a space or "*" between units a
// "·". Dimensionless units ("1" or nothing) give an empty string.
std::string units_text(std::string_view units);

// An exponent in superscript characters: "-5" → "⁻⁵", "2" → "²".
std::string superscript(std::string_view exponent);

} // namespace cajal
