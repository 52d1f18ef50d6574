// The names of the backends in model files and on the command line.
#include <cajal/io/model_file.hpp>

namespace cajal {

std::vector<std::string> backend_names() { return {"cpu", "gpu", "auto"}; }

std::optional<backend_kind> backend_from_name(std::string_view name) {
    if (name == "cpu") return backend_kind::cpu;
    if (name == "gpu") return backend_kind::gpu;
    if (name == "auto") return backend_kind::automatic;
    return std::nullopt;
}

} // namespace cajal
