#pragma once
// A place in an NMODL source file: 1-based line and column.

namespace cajal::nmodl {

struct SourcePosition {
    int line = 0;
    int column = 0;
    friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

} // namespace cajal::nmodl
