// A mechanism's C++ and CUDA sources around its per-instance functions (see
// code_generator.hpp): the C++ loops over instances, the CUDA kernels and
// their launchers, the registration (make_mechanism, gpu_kernels), and the
// sources of catalogues and of libraries loaded at run time.
#include "cajal/nmodl/code_generator.hpp"

#include <algorithm>
#include <sstream>

#include "cajal/nmodl/parser.hpp"

#include <cajal/mechanisms/mechanism_library.hpp>

#include "double_literal.hpp"
#include "instance_functions.hpp"

namespace cajal::nmodl {

namespace {

// The kernels a mechanism has besides initialize and advance_state, which all have.
struct optional_kernels {
    bool currents = false;       // compute_currents
    bool net_receive = false;    // deliver_events
    bool net_init = false;       // initialize_connections
    bool watches = false;        // check_watches
};

std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (char c: s) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    return q + "\"";
}

std::string field_list(const std::vector<field_info>& fields) {
    std::string s = "{";
    for (const auto& f: fields) {
        s += "\n        {" + quoted(f.name) + ", " + quoted(f.units) + ", " + real_literal(f.default_value) + ", " + real_literal(f.lower) +
             ", " + real_literal(f.upper) + "},";
    }
    return s + "}";
}

std::string info_source(const mechanism_info& info) {
    std::ostringstream s;
    s << "    auto& info = impl.info;\n    info.name = " << quoted(info.name) << ";\n"
      << "    info.kind = cajal::mechanism_kind::" << (info.kind == mechanism_kind::density ? "density" : "point_process") << ";\n"
      << "    info.parameters = " << field_list(info.parameters) << ";\n"
      << "    info.states = " << field_list(info.states) << ";\n"
      << "    info.assigned = " << field_list(info.assigned) << ";\n";
    for (const auto& ion: info.ions) {
        s << "    {\n        cajal::ion_dependency d;\n        d.ion = " << quoted(ion.ion) << ";\n";
        const std::pair<const char*, bool> flags[] = {{"reads_reversal", ion.reads_reversal}, {"reads_internal", ion.reads_internal},
                                                      {"reads_external", ion.reads_external}, {"writes_current", ion.writes_current},
                                                      {"writes_internal", ion.writes_internal}, {"writes_external", ion.writes_external}};
        for (const auto& [flag, on]: flags) {
            if (on) s << "        d." << flag << " = true;\n";
        }
        if (ion.valence) s << "        d.valence = " << *ion.valence << ";\n";
        s << "        info.ions.push_back(d);\n    }\n";
    }
    s << "    info.receives_events = " << (info.receives_events ? "true" : "false") << ";\n"
      << "    info.net_receive_arguments = " << info.net_receive_arguments << ";\n"
      << "    info.artificial = " << (info.artificial ? "true" : "false") << ";\n"
      << "    info.reads_geometry = " << (info.reads_geometry ? "true" : "false") << ";\n"
      << "    info.writes_nonspecific_current = " << (info.writes_nonspecific_current ? "true" : "false") << ";\n";
    return s.str();
}

// The assignments of a mechanism_kernels table (`table` is "impl.cpu." or "k."),
// the same for both backends.
std::string kernel_assignments(const std::string& table, const optional_kernels& kernels) {
    return "    " + table + "initialize = initialize;\n" +
           "    " + table + "compute_currents = " + (kernels.currents ? "compute_currents" : "nullptr") + ";\n" +
           "    " + table + "advance_state = advance_state;\n" +
           "    " + table + "deliver_events = " + (kernels.net_receive ? "deliver_events" : "nullptr") + ";\n" +
           "    " + table + "initialize_connections = " + (kernels.net_init ? "initialize_connections" : "nullptr") + ";\n" +
           "    " + table + "check_watches = " + (kernels.watches ? "check_watches" : "nullptr") + ";\n";
}

// The per-instance functions in loops over the instances, and make_mechanism.
std::string cpu_source(const std::string& prologue, const std::string& elements, const optional_kernels& kernels, const mechanism_info& info,
                       const std::string& scope) {
    const bool density = info.kind == mechanism_kind::density;
    // A point process's instances share per-CV state only through currents
    // (which may share a CV) and concentrations it writes.
    const bool writes_concentrations =
        std::any_of(info.ions.begin(), info.ions.end(), [](const auto& d) { return d.writes_internal || d.writes_external; });
    const bool independent_states = density || !writes_concentrations;
    std::ostringstream cpu;
    cpu << prologue << elements;
    // Each loop works on a local copy of the view: stores through its arrays
    // cannot change a local, so what the view holds (the arrays, t, dt,
    // celsius) and what depends only on it (a Q10 factor) leave the loop.
    const auto loop = [&](const std::string& kernel, const std::string& element, bool independent) {
        cpu << "void " << kernel << "(const mechanism_view& _view) {\n    const mechanism_view _m = _view;\n";
        if (independent) cpu << "#pragma omp simd\n";
        cpu << "    for (std::size_t _i = 0; _i < _m.width; ++_i) " << element << "(_m, _i);\n}\n\n";
    };
    // INITIAL of a point process may send events, which queue in order.
    loop("initialize", "initialize_instance", density);
    if (kernels.currents && (density || writes_concentrations)) {
        // A density mechanism has one instance per CV, so instances are independent.
        loop("compute_currents", "compute_currents_instance", density);
    } else if (kernels.currents) {
        // Point processes may share a CV: the arithmetic in SIMD lanes, a
        // block of instances at a time, then the sums in instance order.
        cpu << "void compute_currents(const mechanism_view& _view) {\n    const mechanism_view _m = _view;\n"
            << "    constexpr std::size_t _block = 64;\n    double _out[current_outputs * _block];\n"
            << "    for (std::size_t _first = 0; _first < _m.width; _first += _block) {\n"
            << "        const std::size_t _n = _m.width - _first < _block ? _m.width - _first : _block;\n"
            << "#pragma omp simd\n"
            << "        for (std::size_t _k = 0; _k < _n; ++_k) currents_in_lane(_m, _first + _k, _out + _k, _block);\n"
            << "        for (std::size_t _k = 0; _k < _n; ++_k) add_currents(_m, _first + _k, _out + _k, _block);\n"
            << "    }\n}\n\n";
    }
    loop("advance_state", "advance_state_instance", independent_states);
    if (kernels.net_receive) {
        cpu << "void deliver_events(const mechanism_view& _m, const cajal::mechanism_event* _events, std::size_t _count) {\n"
            << "    for (std::size_t _k = 0; _k < _count; ++_k) net_receive_instance(_m, static_cast<std::size_t>(_events[_k].instance), "
               "_events[_k].connection, _events[_k].flag, _events[_k].time);\n}\n\n";
    }
    if (kernels.watches) loop("check_watches", "check_watches_instance", false);
    if (kernels.net_init) {
        cpu << "void initialize_connections(const mechanism_view& _m, const cajal::mechanism_event* _connections, std::size_t _count) {\n"
            << "    for (std::size_t _k = 0; _k < _count; ++_k) net_init_instance(_m, static_cast<std::size_t>(_connections[_k].instance), "
               "_connections[_k].connection);\n}\n\n";
    }
    // The GPU kernels come from the CUDA source, which the build compiles and
    // links only where it defines CAJAL_NMODL_WITH_CUDA.
    cpu << "#if defined(CAJAL_NMODL_WITH_CUDA)\ncajal::mechanism_kernels gpu_kernels();\n#endif\n\n"
        << "cajal::mechanism_implementation make_mechanism() {\n    cajal::mechanism_implementation impl;\n" << info_source(info)
        << kernel_assignments("impl.cpu.", kernels)
        << "#if defined(CAJAL_NMODL_WITH_CUDA)\n    impl.gpu = gpu_kernels();\n#endif\n"
        << "    return impl;\n}\n\n} // namespace cajal::nmodl_generated::" << scope << "\n";
    return cpu.str();
}

// The CUDA source repeats the per-instance functions and names its launchers
// as the C++ loops are named; internal linkage keeps the two apart where both
// are linked into one library.
std::string cuda_source(const std::string& prologue, const std::string& elements, const optional_kernels& kernels, const std::string& scope) {
    std::ostringstream cuda;
    cuda << prologue << "namespace {\n\n" << elements;
    const auto kernel = [&](const std::string& name, const std::string& element) {
        cuda << "__global__ void " << name << "_kernel(const mechanism_view _m) {\n"
             << "    const std::size_t _i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;\n"
             << "    if (_i < _m.width) " << element << "(_m, _i);\n}\n\n"
             << "void " << name << "(const mechanism_view& _m) {\n    if (_m.width == 0) return;\n"
             << "    constexpr unsigned block = 128;\n"
             << "    " << name << "_kernel<<<static_cast<unsigned>((_m.width + block - 1) / block), block>>>(_m);\n}\n\n";
    };
    kernel("initialize", "initialize_instance");
    if (kernels.currents) kernel("compute_currents", "compute_currents_instance");
    kernel("advance_state", "advance_state_instance");
    if (kernels.watches) kernel("check_watches", "check_watches_instance");
    if (kernels.net_receive) {
        // Events for one instance must apply in order; one thread takes them all.
        cuda << "__global__ void deliver_events_kernel(const mechanism_view _m, const cajal::mechanism_event* _events, std::size_t _count) {\n"
             << "    if (blockIdx.x != 0 || threadIdx.x != 0) return;\n"
             << "    for (std::size_t _k = 0; _k < _count; ++_k) net_receive_instance(_m, static_cast<std::size_t>(_events[_k].instance), "
                "_events[_k].connection, _events[_k].flag, _events[_k].time);\n}\n\n"
             << "void deliver_events(const mechanism_view& _m, const cajal::mechanism_event* _events, std::size_t _count) {\n"
             << "    if (_count) deliver_events_kernel<<<1, 1>>>(_m, _events, _count);\n}\n\n";
    }
    if (kernels.net_init) {
        // Each connection has its own row; several may share an instance, so one thread takes them all, in order.
        cuda << "__global__ void initialize_connections_kernel(const mechanism_view _m, const cajal::mechanism_event* _connections, "
                "std::size_t _count) {\n"
             << "    if (blockIdx.x != 0 || threadIdx.x != 0) return;\n"
             << "    for (std::size_t _k = 0; _k < _count; ++_k) net_init_instance(_m, static_cast<std::size_t>(_connections[_k].instance), "
                "_connections[_k].connection);\n}\n\n"
             << "void initialize_connections(const mechanism_view& _m, const cajal::mechanism_event* _connections, std::size_t _count) {\n"
             << "    if (_count) initialize_connections_kernel<<<1, 1>>>(_m, _connections, _count);\n}\n\n";
    }
    cuda << "} // namespace\n\ncajal::mechanism_kernels gpu_kernels() {\n    cajal::mechanism_kernels k;\n"
         << kernel_assignments("k.", kernels)
         << "    return k;\n}\n\n} // namespace cajal::nmodl_generated::" << scope << "\n";
    return cuda.str();
}

std::string scope_of(const std::string& name) { return "mod_" + name; }

} // namespace

generated_mechanism generate(const analyzed_mechanism& m) {
    const auto elements = instance_functions(m);
    auto info = m.info;
    info.reads_geometry = elements.find("_m.area[") != std::string::npos || elements.find("_m.diam[") != std::string::npos;
    optional_kernels kernels;
    kernels.currents = !m.currents.empty();
    kernels.net_receive = m.net_receive != nullptr;
    kernels.net_init = m.net_receive && nested_initial_of(*m.net_receive);
    kernels.watches = !m.watches.empty();
    generated_mechanism g;
    g.name = m.info.name;
    g.scope = scope_of(m.info.name);
    // The file's name without its folder, so that the same .mod file gives the
    // same code (and cached library) wherever it lies.
    const auto prologue = "// Generated by cajal-nmodl from " + std::filesystem::path(m.file).filename().string() + "; do not edit.\n#include <cajal/mechanisms/mechanism.hpp>\n"
                          "#include <cajal/mechanisms/nmodl_runtime.hpp>\n\nnamespace cajal::nmodl_generated::" + g.scope + " {\n\n";
    g.cpu_source = cpu_source(prologue, elements, kernels, info, g.scope);
    g.cuda_source = cuda_source(prologue, elements, kernels, g.scope);
    return g;
}

generated_mechanism compile_mod_file(const std::filesystem::path& file) {
    const auto module = parse_module_file(file);
    return generate(analyze(module));
}

std::string catalogue_source(const std::vector<generated_mechanism>& mechanisms, const std::string& function) {
    std::ostringstream s;
    s << "// Generated by cajal-nmodl; do not edit.\n#include <cajal/mechanisms/catalogue.hpp>\n\n";
    for (const auto& m: mechanisms) s << "namespace cajal::nmodl_generated::" << m.scope << " { cajal::mechanism_implementation make_mechanism(); }\n";
    s << "\nvoid " << function << "(cajal::mechanism_catalogue& catalogue) {\n";
    for (const auto& m: mechanisms) s << "    catalogue.add(cajal::nmodl_generated::" << m.scope << "::make_mechanism());\n";
    s << "}\n";
    return s.str();
}

std::string library_cuda_source(const std::vector<generated_mechanism>& mechanisms) {
    std::string s;
    for (const auto& m: mechanisms) s += m.cuda_source + '\n';
    return s;
}

std::string library_source(const std::vector<generated_mechanism>& mechanisms) {
    std::ostringstream s;
    for (const auto& m: mechanisms) s << m.cpu_source << '\n';
    s << "#include <cajal/mechanisms/mechanism_library.hpp>\n\n"
      << "extern \"C\" int " << mechanism_abi_version_symbol << "(void) { return cajal::mechanism_abi_version; }\n\n"
      << "extern \"C\" void " << mechanism_library_add_symbol << "(cajal_mechanism_sink sink, void* context) {\n";
    for (const auto& m: mechanisms) {
        s << "    {\n        const auto m = cajal::nmodl_generated::" << m.scope << "::make_mechanism();\n        sink(context, &m);\n    }\n";
    }
    s << "}\n";
    return s.str();
}

} // namespace cajal::nmodl
