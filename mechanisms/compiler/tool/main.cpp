// cajal-nmodl: compiles NMODL .mod files into C++ (CPU) and CUDA (GPU) sources.
//
//   cajal-nmodl FILE.mod --cpu OUT.cpp --cuda OUT.cu
//   cajal-nmodl --catalogue FUNCTION --cpu OUT.cpp A.mod B.mod ...
//
// With --catalogue, OUT.cpp also defines `void FUNCTION(cajal::mechanism_catalogue&)`
// adding every mechanism; --cuda then writes all the mechanisms' CUDA.
// Compiling OUT.cpp with -DCAJAL_NMODL_WITH_CUDA (and linking OUT.cu) gives
// the mechanisms their GPU kernels; without it OUT.cpp stands alone.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <cajal/nmodl/code_generator.hpp>

namespace {

// Writes only when the text changed, so builds do not redo what is current.
void write_if_changed(const std::string& path, const std::string& text) {
    {
        std::ifstream in(path, std::ios::binary);
        if (in) {
            const std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (old == text) return;
        }
    }
    const auto temporary = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary);
        out << text;
        if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
    }
    std::filesystem::rename(temporary, path);
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Compiles NMODL .mod files into C++ and CUDA sources for cajal."};
    std::vector<std::string> files;
    std::string cpu, cuda, catalogue;
    app.add_option("files", files, ".mod files")->required()->check(CLI::ExistingFile);
    app.add_option("--cpu", cpu, "write the C++ source here");
    app.add_option("--cuda", cuda, "write the CUDA source here");
    app.add_option("--catalogue", catalogue, "also define this function, adding the mechanisms to a catalogue");
    CLI11_PARSE(app, argc, argv);
    if (files.size() > 1 && catalogue.empty()) {
        std::cerr << "cajal-nmodl: several files need --catalogue\n";
        return 2;
    }
    try {
        std::vector<cajal::nmodl::generated_mechanism> mechanisms;
        std::string cpu_text;
        for (const auto& f: files) {
            mechanisms.push_back(cajal::nmodl::compile_mod_file(f));
            cpu_text += mechanisms.back().cpu_source;
        }
        const auto cuda_text = cajal::nmodl::library_cuda_source(mechanisms);
        if (!catalogue.empty()) cpu_text += cajal::nmodl::catalogue_source(mechanisms, catalogue);
        if (!cpu.empty()) write_if_changed(cpu, cpu_text);
        if (!cuda.empty()) write_if_changed(cuda, cuda_text);
        if (cpu.empty() && cuda.empty()) std::cout << cpu_text;
    } catch (const std::exception& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
    return 0;
}
