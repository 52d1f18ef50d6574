#pragma once
// The UNITS block for semantic analysis: aliases and the values of named
// constants, with unit errors reported at their place in the file.

#include <string>

#include "cajal/nmodl/ast_module.hpp"
#include "cajal/nmodl/semantic_error.hpp"
#include "cajal/nmodl/units.hpp"

namespace cajal::nmodl {

class unit_constants {
public:
    void add_alias(const std::string& alias, const std::string& definition, const std::string& file, source_position where) {
        try {
            table_.add_alias(alias, definition);
        } catch (const unit_error& e) {
            throw semantic_error(file, where, e.what());
        }
    }

    // `NAME = number (unit)` is the number; `NAME = (a) (b)` the factor from a to b.
    double value_of(const unit_constant& c, const std::string& file, source_position where) const {
        if (c.value) return *c.value;
        try {
            return table_.convert(c.physical_constant, c.unit);
        } catch (const unit_error& e) {
            throw semantic_error(file, where, e.what());
        }
    }

private:
    unit_table table_;
};

} // namespace cajal::nmodl
