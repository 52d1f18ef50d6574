#pragma once
// A model that cannot be simulated, and where in the model the fault lies, in
// the model's own terms (the reader of a model file turns that into the
// file's JSON path); and a run that diverges.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <cajal/support/errors.hpp>

namespace cajal {

// A part of a network (network.hpp) and a place inside it.
struct model_address {
    enum class part { settings, cell, population, source, connection, probe };
    part where = part::settings;
    // The population (part::population, and part::cell: the population whose
    // cell it is), source population, connection rule or probe.
    std::size_t index = 0;
    // Inside the part, as its fields are named, dotted, with [i] for elements:
    // "painted[2].parameters.gbar", "placed[0].label", "detectors[1].name"
    // (cell); "spike_detector" (population); "synapse", "delay" (connection);
    // "variable", "interval", "location", "gid" (probe); "tstop" (settings).
    std::string item;
};

class model_error: public input_error {
public:
    explicit model_error(const std::string& message): input_error(message), message_(message) {}
    model_error(model_address address, const std::string& message):
        input_error(message), address_(std::move(address)), message_(message) {}

    const std::optional<model_address>& address() const noexcept { return address_; }
    const std::string& message() const noexcept { return message_; }

private:
    std::optional<model_address> address_;
    std::string message_;
};

// A run whose state became NaN or infinite: the model (or its dt) is at fault.
class simulation_error: public input_error {
public:
    explicit simulation_error(const std::string& message, std::optional<std::uint64_t> gid = std::nullopt): input_error(message), gid_(gid) {}
    // The cell whose state it was, where one is known.
    const std::optional<std::uint64_t>& gid() const noexcept { return gid_; }

private:
    std::optional<std::uint64_t> gid_;
};

} // namespace cajal
