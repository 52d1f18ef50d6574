TITLE Synaptic conductance: the difference of two exponentials

COMMENT
g = B - A rises with time constant tau1 and decays with tau2 (tau1 < tau2).
An event of weight w makes the conductance peak at w: both A and B grow by
w times a factor fixed in INITIAL.
ENDCOMMENT

NEURON {
    POINT_PROCESS Exp2Syn
    RANGE tau1, tau2, e, i, g
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau1 = 0.1 (ms) <1e-9, 1e9>
    tau2 = 10 (ms) <1e-9, 1e9>
    e = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    factor
}

STATE {
    A (uS)
    B (uS)
}

INITIAL {
    LOCAL tpeak
    : keep the rise faster than the decay, and not vanishingly fast
    if (tau1 / tau2 > 0.9999) {
        tau1 = 0.9999 * tau2
    }
    if (tau1 / tau2 < 1e-9) {
        tau1 = tau2 * 1e-9
    }
    A = 0
    B = 0
    tpeak = (tau1 * tau2) / (tau2 - tau1) * log(tau2 / tau1)
    factor = 1 / (-exp(-tpeak / tau1) + exp(-tpeak / tau2))
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    g = B - A
    i = g * (v - e)
}

DERIVATIVE state {
    A' = -A / tau1
    B' = -B / tau2
}

NET_RECEIVE(weight (uS)) {
    A = A + weight * factor
    B = B + weight * factor
}
