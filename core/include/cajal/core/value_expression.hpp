#pragma once
// Values that vary over a cell, written as formulas of where they are
// evaluated: "0.0002*(-0.8696 + 2.087*exp(3.6161*relative_distance))",
// "if(distance > 685 and distance < 885, 0.0187, 0.000187)". A painted
// parameter or cm takes one at each CV (see docs/model-format.md).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/support/errors.hpp>

namespace cajal {

// Where a value is evaluated: the CV's node, measured as NEURON measures it.
struct value_site {
    double distance = 0;            // µm from the cell's distance origin, node to node
    double relative_distance = 0;   // distance ÷ the largest distance in the painted region
    double diameter = 0;            // µm, the CV's (NEURON's seg.diam)
};

// A fault in a formula: what() is "column C: message".
class expression_error: public input_error {
public:
    expression_error(std::size_t column, const std::string& message);
    std::size_t column() const noexcept { return column_; }
    const std::string& message() const noexcept { return message_; }

private:
    std::size_t column_;
    std::string message_;
};

class value_expression {
public:
    // A constant.
    value_expression(double value = 0);
    // Parses a formula; throws expression_error naming the column.
    static value_expression parse(std::string_view text);

    double evaluate(const value_site& at) const;
    bool is_constant() const noexcept;
    bool uses_relative_distance() const noexcept { return uses_relative_distance_; }
    // The formula as written, or the constant's shortest text.
    const std::string& text() const noexcept { return text_; }

    struct node;

private:
    std::shared_ptr<const node> root_;
    std::string text_;
    bool uses_relative_distance_ = false;
};

} // namespace cajal
