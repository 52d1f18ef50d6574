COMMENT
A two-state synapse with an event queue.
ENDCOMMENT

NEURON {
    POINT_PROCESS syn2
    RANGE tau1, tau2, e, i
    NONSPECIFIC_CURRENT i
    POINTER stim
    BBCOREPOINTER rng
}

UNITS { (nA) = (nanoamp) (uS) = (microsiemens) R = (k-mole) (joule/degC) }

INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }

PARAMETER { tau1 = 0.1 (ms) <1e-9, 1e9> tau2 = 10 (ms) e = 0 (mV) }

ASSIGNED { v (mV) i (nA) g (uS) factor stim rng }

STATE { A (uS) B (uS) }

LOCAL count

VERBATIM
static int calls;
ENDVERBATIM

INITIAL {
    factor = -exp(-log(tau2 / tau1) * tau1 / (tau2 - tau1)) + 1
    factor = 1 / factor
    A = 0
    B = 0
    net_send(0, 1)
}

BREAKPOINT {
    SOLVE state METHOD derivimplicit
    g = B - A
    i = g * (v - e)
}

DERIVATIVE state { A' = -A / tau1 B' = -B / tau2 }

NET_RECEIVE(weight (uS), tsyn (ms)) {
    INITIAL { tsyn = t WATCH (v > -20 (mV)) 2 }
    PROTECT count = count + 1
    MUTEXLOCK
    if (flag == 1 && !(weight <= 0) || t >= 5 % 2) {
        A = A + weight * factor
        B = B + weight * factor
    }
    MUTEXUNLOCK
    while (count < 3) { count = count + 1 }
    printf("%g\n", 1(ms))
}
