// The hand-written versions of the built-in mechanisms (the reference the
// generated ones are tested against): descriptions and CPU kernels (loops over
// the element functions that the CUDA backend launches).
#include <limits>

#include <cajal/mechanisms/builtin/hh.hpp>
#include <cajal/mechanisms/builtin/pas.hpp>
#include <cajal/mechanisms/builtin/synapses.hpp>
#include <cajal/mechanisms/catalogue.hpp>

#include "simd_math.hpp"

namespace cajal {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// Point processes may share a CV, so their loops stay in order.
template <void (*element)(const mechanism_view&, std::size_t)>
void for_each_instance(const mechanism_view& p) {
    for (std::size_t i = 0; i < p.width; ++i) element(p, i);
}

// A density mechanism has at most one instance per CV: no two iterations touch
// the same accumulator, so the loop may run in SIMD lanes.
template <void (*element)(const mechanism_view&, std::size_t)>
void for_each_density_instance(const mechanism_view& p) {
#pragma omp simd
    for (std::size_t i = 0; i < p.width; ++i) element(p, i);
}

// Density currents: the arithmetic in SIMD lanes, then the scatter into the CVs
// in order (AVX2 has no scatter store).
template <void (*compute)(const mechanism_view&, std::size_t), void (*accumulate)(const mechanism_view&, std::size_t)>
void density_currents(const mechanism_view& p) {
    for_each_density_instance<compute>(p);
    for (std::size_t i = 0; i < p.width; ++i) accumulate(p, i);
}

template <void (*element)(const mechanism_view&, std::size_t, double)>
void for_each_hh_instance(const mechanism_view& p) {
    const double q10 = builtin::hh_q10(p.celsius);
#pragma omp simd
    for (std::size_t i = 0; i < p.width; ++i) element(p, i, q10);
}

ion_dependency reads_rev_writes_current(const char* ion) {
    ion_dependency d;
    d.ion = ion;
    d.reads_reversal = true;
    d.writes_current = true;
    return d;
}

mechanism_implementation make_hh() {
    mechanism_implementation m;
    m.info.name = "hh";
    m.info.kind = mechanism_kind::density;
    m.info.parameters = {{"gnabar", "S/cm2", 0.12, 0, 1e9}, {"gkbar", "S/cm2", 0.036, 0, 1e9},
                         {"gl", "S/cm2", 0.0003, 0, 1e9}, {"el", "mV", -54.3, -inf, inf}, {"gating_vshift", "mV", 0, -inf, inf}};
    m.info.states = {{"m", "1", 0}, {"h", "1", 0}, {"n", "1", 0}};
    m.info.assigned = {{"gna", "S/cm2"}, {"gk", "S/cm2"}, {"ina", "mA/cm2"}, {"ik", "mA/cm2"}, {"il", "mA/cm2"}};
    m.info.ions = {reads_rev_writes_current("na"), reads_rev_writes_current("k")};
    m.info.writes_nonspecific_current = true;
    m.cpu.initialize = for_each_hh_instance<builtin::hh::initialize>;
    m.cpu.compute_currents = density_currents<builtin::hh::compute_currents, builtin::hh::accumulate_currents>;
    m.cpu.advance_state = for_each_hh_instance<builtin::hh::advance_state>;
    return m;
}

mechanism_implementation make_pas() {
    mechanism_implementation m;
    m.info.name = "pas";
    m.info.kind = mechanism_kind::density;
    m.info.parameters = {{"g", "S/cm2", 0.001, 0, 1e9}, {"e", "mV", -70, -inf, inf}};
    m.info.assigned = {{"i", "mA/cm2"}};
    m.info.writes_nonspecific_current = true;
    m.cpu.compute_currents = density_currents<builtin::pas::compute_currents, builtin::pas::accumulate_currents>;
    return m;
}

mechanism_implementation make_iclamp() {
    mechanism_implementation m;
    m.info.name = "IClamp";
    m.info.kind = mechanism_kind::point_process;
    m.info.parameters = {{"del", "ms", 0, 0, 1e9}, {"dur", "ms", 0, 0, 1e9}, {"amp", "nA", 0, -inf, inf}};
    m.info.assigned = {{"i", "nA"}};
    m.info.writes_nonspecific_current = true;
    m.cpu.compute_currents = for_each_instance<builtin::iclamp::compute_currents>;
    return m;
}

void expsyn_events(const mechanism_view& p, const mechanism_event* events, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) p.fields[builtin::expsyn::g][events[k].instance] += p.connection_args[events[k].connection];
}

mechanism_implementation make_expsyn() {
    mechanism_implementation m;
    m.info.name = "ExpSyn";
    m.info.kind = mechanism_kind::point_process;
    m.info.parameters = {{"tau", "ms", 0.1, 1e-9, 1e9}, {"e", "mV", 0, -inf, inf}};
    m.info.states = {{"g", "uS", 0}};
    m.info.assigned = {{"i", "nA"}};
    m.info.receives_events = true;
    m.info.net_receive_arguments = 1;
    m.info.writes_nonspecific_current = true;
    m.cpu.compute_currents = for_each_instance<builtin::expsyn::compute_currents>;
    m.cpu.advance_state = for_each_instance<builtin::expsyn::advance_state>;
    m.cpu.deliver_events = expsyn_events;
    return m;
}

void exp2syn_events(const mechanism_view& p, const mechanism_event* events, std::size_t count) {
    using namespace builtin::exp2syn;
    for (std::size_t k = 0; k < count; ++k) {
        const auto i = static_cast<std::size_t>(events[k].instance);
        const double weight = p.connection_args[events[k].connection];
        p.fields[A][i] += weight * p.fields[factor][i];
        p.fields[B][i] += weight * p.fields[factor][i];
    }
}

mechanism_implementation make_exp2syn() {
    mechanism_implementation m;
    m.info.name = "Exp2Syn";
    m.info.kind = mechanism_kind::point_process;
    m.info.parameters = {{"tau1", "ms", 0.1, 1e-9, 1e9}, {"tau2", "ms", 10, 1e-9, 1e9}, {"e", "mV", 0, -inf, inf}};
    m.info.states = {{"A", "uS", 0}, {"B", "uS", 0}};
    m.info.assigned = {{"g", "uS"}, {"i", "nA"}, {"factor", "1"}};
    m.info.receives_events = true;
    m.info.net_receive_arguments = 1;
    m.info.writes_nonspecific_current = true;
    m.cpu.initialize = for_each_instance<builtin::exp2syn::initialize>;
    m.cpu.compute_currents = for_each_instance<builtin::exp2syn::compute_currents>;
    m.cpu.advance_state = for_each_instance<builtin::exp2syn::advance_state>;
    m.cpu.deliver_events = exp2syn_events;
    return m;
}

} // namespace

const mechanism_catalogue& handwritten_catalogue() {
    static const mechanism_catalogue cat = [] {
        mechanism_catalogue c;
        for (auto m: {make_pas(), make_hh(), make_iclamp(), make_expsyn(), make_exp2syn()}) c.add(std::move(m));
        return c;
    }();
    return cat;
}

} // namespace cajal
