#pragma once
// Parts of the JSON summary that cell and network runs write alike.

#include <nlohmann/json.hpp>

#include <cajal/core/cell_model.hpp>
#include <cajal/io/run_output.hpp>

namespace cajal::summary_fields {

inline const char* method_name(integration_method m) {
    return m == integration_method::crank_nicolson ? "crank_nicolson" : "backward_euler";
}

// Seconds per phase, and their total.
inline nlohmann::json wall_time(const run_timings& t) {
    return {{"read", t.read},
            {"lower", t.lower},
            {"initialize", t.initialize},
            {"integrate", t.integrate},
            {"write", t.write},
            {"total", t.read + t.lower + t.initialize + t.integrate + t.write}};
}

} // namespace cajal::summary_fields
