#include "run_resources.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <sys/statvfs.h>

#include <cajal/core/gpu.hpp>
#include <cajal/support/errors.hpp>

namespace cajal::cli {

namespace fs = std::filesystem;

namespace {

std::optional<std::uint64_t> meminfo_available() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::uint64_t kib = 0;
    std::string unit;
    while (in >> key >> kib >> unit) {
        if (key == "MemAvailable:") return kib * 1024;
    }
    return std::nullopt;
}

// cgroup v2: the limit less what is used; none where there is no limit.
std::optional<std::uint64_t> cgroup_available() {
    std::ifstream max("/sys/fs/cgroup/memory.max"), current("/sys/fs/cgroup/memory.current");
    std::string limit;
    std::uint64_t used = 0;
    if (!(max >> limit) || limit == "max" || !(current >> used)) return std::nullopt;
    const std::uint64_t bytes = std::stoull(limit);
    return bytes > used ? bytes - used : 0;
}

std::optional<std::uint64_t> free_disk(fs::path where) {
    std::error_code ec;
    where = fs::absolute(where, ec);
    while (!where.empty() && !fs::exists(where, ec)) where = where.parent_path();
    struct statvfs s {};
    // Pseudo file systems (no blocks) say nothing of room.
    if (where.empty() || ::statvfs(where.c_str(), &s) != 0 || s.f_blocks == 0) return std::nullopt;
    return static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
}

} // namespace

std::string byte_text(double bytes) {
    if (bytes >= 1073741824.0) return fmt::format("{:.3g} GiB", bytes / 1073741824.0);
    if (bytes >= 1048576.0) return fmt::format("{:.3g} MiB", bytes / 1048576.0);
    if (bytes >= 1024.0) return fmt::format("{:.3g} KiB", bytes / 1024.0);
    return fmt::format("{:.0f} bytes", bytes);
}

machine_limits query_limits(const fs::path& output_folder, bool gpu) {
    machine_limits limits;
    limits.memory_bytes = meminfo_available();
    if (const auto cgroup = cgroup_available(); cgroup && (!limits.memory_bytes || *cgroup < *limits.memory_bytes)) limits.memory_bytes = cgroup;
    limits.disk_bytes = free_disk(output_folder);
    if (gpu) {
        const auto info = query_gpu();
        if (info.available) limits.gpu_bytes = info.memory_bytes;
    }
    return limits;
}

std::string describe_run(const prepared_network& network, const resource_estimate& e, const machine_limits& limits, int ranks, int ranks_per_node) {
    const auto c = network.counts();
    const auto& model = network.model();
    std::string instances;
    for (const auto& [name, count]: c.instances) instances += fmt::format("{}{} {}", instances.empty() ? "" : ", ", name, count);
    auto limit = [](const std::optional<std::uint64_t>& bytes) { return bytes ? byte_text(double(*bytes)) : std::string("unknown"); };
    std::string out;
    out += fmt::format("cells: {} in {} population{}; spike sources: {}\n", c.cells, model.populations.size(), model.populations.size() == 1 ? "" : "s", c.sources);
    out += fmt::format("CVs: {}\n", c.cvs);
    out += fmt::format("mechanism instances: {}\n", instances.empty() ? "none" : instances);
    out += fmt::format("point processes: {}\n", c.point_processes);
    out += fmt::format("connections: {:.0f}{}\n", c.connections,
                       std::any_of(model.connections.begin(), model.connections.end(), [](const connection_rule& r) { return std::holds_alternative<probability_rule>(r); })
                           ? " (expected)"
                           : "");
    out += fmt::format("steps: {} (tstop {} ms, dt {} ms)\n", c.steps, model.settings.tstop, model.settings.dt);
    out += fmt::format("probes: {}, {} samples\n", c.probes, c.samples);
    out += fmt::format("memory: about {} per rank on {} rank{} ({} on this node of {} rank{}; available: {})\n", byte_text(double(e.host_bytes)), ranks,
                       ranks == 1 ? "" : "s", byte_text(double(e.host_bytes) * ranks_per_node), ranks_per_node, ranks_per_node == 1 ? "" : "s",
                       limit(limits.memory_bytes));
    if (e.device_bytes) out += fmt::format("GPU memory: about {} per rank (the GPU has: {})\n", byte_text(double(e.device_bytes)), limit(limits.gpu_bytes));
    out += fmt::format("outputs: about {} (free: {})\n", byte_text(double(e.output_bytes)), limit(limits.disk_bytes));
    return out;
}

void check_limits(const resource_estimate& e, const machine_limits& limits, int ranks_per_node, bool gpu) {
    const char* advice = "simulate fewer cells or less time, record less (probe intervals), use more nodes, or pass --ignore-limits to try anyway";
    const double host = double(e.host_bytes) * ranks_per_node;
    if (limits.memory_bytes && host > double(*limits.memory_bytes)) {
        throw environment_error(fmt::format("the run needs about {} of memory on this node ({} rank{}), more than the {} available; {}", byte_text(host),
                                            ranks_per_node, ranks_per_node == 1 ? "" : "s", byte_text(double(*limits.memory_bytes)), advice));
    }
    if (gpu && limits.gpu_bytes && double(e.device_bytes) > double(*limits.gpu_bytes)) {
        throw environment_error(fmt::format("the run needs about {} of GPU memory per rank, more than the GPU's {}; {}", byte_text(double(e.device_bytes)),
                                            byte_text(double(*limits.gpu_bytes)), advice));
    }
    if (limits.disk_bytes && double(e.output_bytes) > double(*limits.disk_bytes)) {
        throw environment_error(fmt::format("the outputs would take about {}, more than the {} free where they go; {}", byte_text(double(e.output_bytes)),
                                            byte_text(double(*limits.disk_bytes)), advice));
    }
}

} // namespace cajal::cli
