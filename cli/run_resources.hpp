#pragma once
// Before a run allocates anything: its counts and resource estimates, printed
// by `cajal run --dry-run`, and checked against what this machine has.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <cajal/core/prepared_network.hpp>

namespace cajal::cli {

// What this machine offers the run.
struct machine_limits {
    std::optional<std::uint64_t> memory_bytes;   // available to this process (MemAvailable, the cgroup's limit)
    std::optional<std::uint64_t> disk_bytes;     // free where the outputs go
    std::optional<std::uint64_t> gpu_bytes;      // the GPU's memory, where one is usable
};

machine_limits query_limits(const std::filesystem::path& output_folder, bool gpu);

// The counts and estimates, as `--dry-run` prints them.
std::string describe_run(const prepared_network& network, const resource_estimate& estimate, const machine_limits& limits, int ranks,
                         int ranks_per_node);

// Throws environment_error, naming the estimate and the limit, when the run
// would need more memory (host: every rank on this node; device) or disk than
// the machine has.
void check_limits(const resource_estimate& estimate, const machine_limits& limits, int ranks_per_node, bool gpu);

// "1.5 GiB", "12 MiB", "300 bytes".
std::string byte_text(double bytes);

} // namespace cajal::cli
