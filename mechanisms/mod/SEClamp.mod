TITLE Single-electrode voltage clamp with three levels

COMMENT
The command potential is amp1 for dur1 ms from t = 0, then amp2 for dur2 ms,
then amp3 for dur3 ms; after that the clamp is off (i = 0). The electrode
passes i = (vc - v)/rs through the series resistance rs. As NEURON's SEClamp,
the current is recomputed from the new v after each step, so that recorded
values of i belong to the end of the step.
ENDCOMMENT

NEURON {
    POINT_PROCESS SEClamp
    ELECTRODE_CURRENT i
    RANGE dur1, amp1, dur2, amp2, dur3, amp3, rs, vc, i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (MOhm) = (megohm)
}

PARAMETER {
    rs = 1 (MOhm) <1e-9, 1e9>
    dur1 = 0 (ms) <0, 1e9>
    amp1 = 0 (mV)
    dur2 = 0 (ms) <0, 1e9>
    amp2 = 0 (mV)
    dur3 = 0 (ms) <0, 1e9>
    amp3 = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    vc (mV)
    on
}

INITIAL {
    command()
    current()
}

BREAKPOINT {
    SOLVE current
    command()
    current()
}

PROCEDURE command() {
    on = 1
    if (t < dur1) {
        vc = amp1
    } else if (t < dur1 + dur2) {
        vc = amp2
    } else if (t < dur1 + dur2 + dur3) {
        vc = amp3
    } else {
        vc = 0
        on = 0
    }
}

PROCEDURE current() {
    if (on) {
        i = (vc - v) / rs
    } else {
        i = 0
    }
}
