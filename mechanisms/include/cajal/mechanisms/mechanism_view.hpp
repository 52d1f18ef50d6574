#pragma once
// The view of one mechanism's instances that its kernels receive: plain
// pointers into structure-of-arrays storage, identical on the CPU and the GPU.
//
// Units: v in mV, t and dt in ms; per-CV current in nA (outward positive) and
// conductance dI/dv in µS. A density mechanism computes mA/cm² and S/cm² and
// multiplies by `scale` (= CV area in µm² × 1e-2); a point process computes nA
// and µS directly and has scale 1.

#include <cstddef>

namespace cajal {

// One ion's per-CV arrays, indexed by the CV of each instance.
struct ion_view {
    double* current = nullptr;        // nA, accumulated by writers
    double* conductance = nullptr;    // µS, dI_ion/dv accumulated by writers
    double* reversal = nullptr;       // mV
    double* internal = nullptr;       // mM
    double* external = nullptr;       // mM
    double valence = 1;
};

// What a NET_RECEIVE (or INITIAL) block asks of the event system: net_send
// (a self-event), net_move (retime the instance's pending self-event) or
// net_event (a spike from this point process).
enum class event_request_kind { send, move, spike };

struct event_request {
    event_request_kind kind = event_request_kind::send;
    int instance = 0;
    double time = 0;     // ms, when the event is due (or the spike's time)
    double flag = 0;     // NET_RECEIVE's `flag` for the self-event
    // The connection whose event sent it: the self-event carries that
    // connection's arguments, as in NEURON. -1 when sent from INITIAL.
    int connection = -1;
};

// Where kernels append event requests; `count` may pass `capacity`, which
// tells the simulation that requests were lost.
struct event_request_buffer {
    event_request* requests = nullptr;
    unsigned* count = nullptr;
    unsigned capacity = 0;
};

struct mechanism_view {
    std::size_t width = 0;               // number of instances
    const int* cv = nullptr;             // CV of each instance
    const double* scale = nullptr;       // per instance, see above
    const double* v = nullptr;           // per CV
    double* current = nullptr;           // per CV, accumulated
    double* conductance = nullptr;       // per CV, accumulated
    double t = 0, dt = 0, celsius = 0;   // t: the time currents or states are evaluated at
    const double* globals = nullptr;     // mechanism_info::globals order
    double* const* fields = nullptr;     // fields[k][instance], mechanism_info instance-field order
    const ion_view* ions = nullptr;      // mechanism_info::ions order
    event_request_buffer requests;       // for mechanisms that send events
    const double* area = nullptr;        // per CV, µm²; for mechanisms that read geometry
    const double* diam = nullptr;        // per CV, µm; likewise
    // NET_RECEIVE's arguments of each connection into these instances (NEURON's
    // NetCon weight vector): rows of mechanism_info::net_receive_arguments
    // values, the weight first, then state the mechanism keeps per connection.
    double* connection_args = nullptr;
    // Per CV, set only where a probe records the membrane current (NEURON's
    // i_membrane_, which leaves out electrodes): the share of `current` and
    // `conductance` that ELECTRODE_CURRENT mechanisms add, which they also add
    // here (NEURON's fast_imem bookkeeping). Other mechanisms ignore them.
    double* electrode_current = nullptr;
    double* electrode_conductance = nullptr;
};

// An event for a point process instance (NET_RECEIVE), delivered in the step
// containing its time.
struct mechanism_event {
    int instance = 0;
    int connection = -1; // its row of connection_args; -1 for a self-event sent from INITIAL
    double flag = 0;     // 0 for events from outside, net_send's flag for self-events
    double time = 0;     // ms, the event's own time (NET_RECEIVE sees it as t)
};

} // namespace cajal
