TITLE Hodgkin-Huxley squid axon sodium, potassium and leak channels

COMMENT
Rates of Hodgkin & Huxley (1952), shifted to a resting potential of -65 mV,
with a temperature factor 3^((celsius - 6.3)/10). They are computed exactly
at every step; no rate table is built.
ENDCOMMENT

NEURON {
    SUFFIX hh
    USEION na READ ena WRITE ina
    USEION k READ ek WRITE ik
    NONSPECIFIC_CURRENT il
    RANGE gnabar, gkbar, gl, el, gna, gk
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    gnabar = 0.12 (S/cm2) <0, 1e9>
    gkbar = 0.036 (S/cm2) <0, 1e9>
    gl = 0.0003 (S/cm2) <0, 1e9>
    el = -54.3 (mV)
}

STATE {
    m h n
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ena (mV)
    ek (mV)
    gna (S/cm2)
    gk (S/cm2)
    ina (mA/cm2)
    ik (mA/cm2)
    il (mA/cm2)
    minf hinf ninf
    mtau (ms) htau (ms) ntau (ms)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gna = gnabar * m * m * m * h
    ina = gna * (v - ena)
    gk = gkbar * n * n * n * n
    ik = gk * (v - ek)
    il = gl * (v - el)
}

INITIAL {
    rates(v)
    m = minf
    h = hinf
    n = ninf
}

DERIVATIVE states {
    rates(v)
    m' = (minf - m) / mtau
    h' = (hinf - h) / htau
    n' = (ninf - n) / ntau
}

UNITSOFF

PROCEDURE rates(v (mV)) {
    LOCAL alpha, beta, sum, q10
    q10 = 3^((celsius - 6.3) / 10)
    : sodium activation
    alpha = 0.1 * vtrap(-(v + 40), 10)
    beta = 4 * exp(-(v + 65) / 18)
    sum = alpha + beta
    mtau = 1 / (q10 * sum)
    minf = alpha / sum
    : sodium inactivation
    alpha = 0.07 * exp(-(v + 65) / 20)
    beta = 1 / (exp(-(v + 35) / 10) + 1)
    sum = alpha + beta
    htau = 1 / (q10 * sum)
    hinf = alpha / sum
    : potassium activation
    alpha = 0.01 * vtrap(-(v + 55), 10)
    beta = 0.125 * exp(-(v + 65) / 80)
    sum = alpha + beta
    ntau = 1 / (q10 * sum)
    ninf = alpha / sum
}

: x / (exp(x/y) - 1), with its limit near x = 0
FUNCTION vtrap(x, y) {
    if (fabs(x / y) < 1e-6) {
        vtrap = y * (1 - x / y / 2)
    } else {
        vtrap = x / (exp(x / y) - 1)
    }
}

UNITSON
