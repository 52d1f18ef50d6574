// Reads a model file and runs it, printing its number of spikes: the least a
// program using an installed cajal does.
#include <cstdio>
#include <exception>

#include <cajal/core/simulation.hpp>
#include <cajal/io/model_file.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: consumer MODEL.json\n");
        return 2;
    }
    try {
        const auto file = cajal::read_model_file(argv[1]);
        const auto comm = cajal::make_local_communicator();
        cajal::simulation simulation(file.prepare(), *comm);
        std::printf("spikes: %zu\n", simulation.run().spikes.size());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "consumer: %s\n", e.what());
        return 1;
    }
}
