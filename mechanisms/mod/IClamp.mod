TITLE Current clamp: a rectangular current pulse

NEURON {
    POINT_PROCESS IClamp
    RANGE del, dur, amp, i
    ELECTRODE_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
}

PARAMETER {
    del = 0 (ms) <0, 1e9>
    dur = 0 (ms) <0, 1e9>
    amp = 0 (nA)
}

ASSIGNED {
    i (nA)
}

BREAKPOINT {
    : the current is evaluated at the middle of the step
    if (t < del + dur && t >= del) {
        i = amp
    } else {
        i = 0
    }
}
