#pragma once
// A place in an NMODL source file: 1-based line and column.

namespace cajal::nmodl {

struct source_position {
    int line = 0;
    int column = 0;
    friend bool operator==(const source_position&, const source_position&) = default;
};

} // namespace cajal::nmodl
