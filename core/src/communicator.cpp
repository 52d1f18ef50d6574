// What every communicator shares: the total order of spikes, and the one-rank
// communicator of a process that no MPI launcher started.
#include <cajal/core/communicator.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace cajal {

bool spike_before(const gid_spike& a, const gid_spike& b) noexcept {
    if (a.time != b.time) return a.time < b.time;
    return a.gid < b.gid;
}

void sort_spikes(std::vector<gid_spike>& spikes) { std::sort(spikes.begin(), spikes.end(), spike_before); }

std::vector<gid_spike> communicator::gather_spikes(const std::vector<gid_spike>& local) {
    std::vector<gid_spike> all = all_gather(local);
    sort_spikes(all);
    return all;
}

std::vector<gid_spike> spike_exchange::finish() {
    std::vector<gid_spike> all = collect();
    sort_spikes(all);
    return all;
}

namespace {

// An exchange done when it was started.
class finished_exchange final: public spike_exchange {
public:
    explicit finished_exchange(std::vector<gid_spike> all): all_(std::move(all)) {}

protected:
    std::vector<gid_spike> collect() override { return std::move(all_); }

private:
    std::vector<gid_spike> all_;
};

} // namespace

std::unique_ptr<spike_exchange> communicator::start_gather_spikes(const std::vector<gid_spike>& local) {
    return std::make_unique<finished_exchange>(all_gather(local));
}

namespace {

class local_communicator final: public communicator {
public:
    int rank() const noexcept override { return 0; }
    int size() const noexcept override { return 1; }
    int local_rank() const noexcept override { return 0; }
    int local_size() const noexcept override { return 1; }
    double min(double value) override { return value; }
    std::uint64_t sum(std::uint64_t value) override { return value; }

    [[noreturn]] void abort(const std::string& message, int status) override {
        std::fprintf(stderr, "cajal: %s\n", message.c_str());
        std::fflush(stderr);
        std::exit(status);
    }

protected:
    std::vector<gid_spike> all_gather(const std::vector<gid_spike>& local) override { return local; }

    gathered_bytes gather_bytes_to_root(const void* data, std::size_t count, std::size_t element_size) override {
        const auto* first = static_cast<const std::byte*>(data);
        return {std::vector<std::byte>(first, first + count * element_size), {count}};
    }
};

} // namespace

std::unique_ptr<communicator> make_local_communicator() { return std::make_unique<local_communicator>(); }

} // namespace cajal
