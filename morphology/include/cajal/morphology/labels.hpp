#pragma once
// The label language: regions (parts of a cell) and locsets (sets of
// locations) as s-expressions, named and reused by a cell's labels (see
// docs/labels.md). "(intersect (tag 4) (distance-between 685 885))",
// "(widest (on-distance 620 apic))", "(uniform dend 200 7)".

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/morphology.hpp>
#include <cajal/morphology/region.hpp>
#include <cajal/support/errors.hpp>

namespace cajal {

// A fault in an expression: what() is "column C: message" (columns in
// characters from 1), or the message alone where no column applies.
class label_error: public input_error {
public:
    label_error(std::size_t column, const std::string& message);
    std::size_t column() const noexcept { return column_; }   // 0: none
    const std::string& message() const noexcept { return message_; }

private:
    std::size_t column_;
    std::string message_;
};

enum class label_kind { region, locset };

// What an expression is evaluated against: the cell, its named labels
// (name -> expression), the origin of path distances (default: the soma's
// centre), and its discretization, made when an expression about CVs first
// asks for it (null: not known).
struct label_context {
    const morphology* morph = nullptr;
    const std::map<std::string, std::string>* labels = nullptr;
    std::optional<location> origin;
    std::function<const discretization*()> discretized;
};

// Whether an expression (or a label's name) is a region or a locset.
label_kind kind_of(std::string_view expression, const label_context& context);

// Sorted by branch, merged: each branch's intervals disjoint and increasing.
std::vector<branch_interval> evaluate_region(std::string_view expression, const label_context& context);
// A region of a cell without labels, distances from its default origin.
std::vector<branch_interval> resolve_region(const morphology& m, std::string_view expression);

// In the order the expression gives them (uniform draws sorted along the cell).
std::vector<location> evaluate_locset(std::string_view expression, const label_context& context);

// The origin of path distances when none is given: the soma's centre, or the
// root's start for a cell without a soma.
location default_distance_origin(const morphology& m);

} // namespace cajal
