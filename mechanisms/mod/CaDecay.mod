TITLE Calcium in a shell under the membrane, with first-order removal

COMMENT
Calcium entering through the membrane (ica, inward negative) raises the
concentration in a shell of the given depth; a pump or buffer returns it to
cai_rest with time constant decay. Only the fraction gamma of the entering
calcium stays free.
ENDCOMMENT

NEURON {
    SUFFIX CaDecay
    USEION ca READ ica WRITE cai
    RANGE gamma, decay, depth, cai_rest
}

UNITS {
    (mA) = (milliamp)
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    gamma = 0.05 <0, 1>
    decay = 80 (ms) <1e-9, 1e9>
    depth = 0.1 (um) <1e-9, 1e9>
    cai_rest = 1e-4 (mM) <0, 1e9>
}

ASSIGNED {
    ica (mA/cm2)
}

STATE {
    cai (mM)
}

INITIAL {
    cai = cai_rest
}

BREAKPOINT {
    SOLVE states METHOD cnexp
}

DERIVATIVE states {
    : 1e4 turns mA/cm2 over um into mM/ms together with FARADAY
    cai' = -(1e4) * gamma * ica / (2 * FARADAY * depth) - (cai - cai_rest) / decay
}
