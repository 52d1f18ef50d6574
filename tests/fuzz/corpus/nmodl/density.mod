TITLE leak and a gated potassium current

NEURON {
    SUFFIX kd
    USEION k READ ek WRITE ik
    RANGE gbar, g
    GLOBAL ninf, ntau
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gbar = 0.036 (S/cm2) <0, 1e9>
    q10 = 3
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    g (S/cm2)
    ninf
    ntau (ms)
}

STATE { n }

BREAKPOINT {
    SOLVE states METHOD cnexp
    g = gbar * n^4
    ik = g * (v - ek)
}

INITIAL {
    rates(v)
    n = ninf
}

DERIVATIVE states {
    rates(v)
    n' = (ninf - n) / ntau
}

PROCEDURE rates(v (mV)) {
    LOCAL a, b
    TABLE ninf, ntau FROM -100 TO 100 WITH 200
    UNITSOFF
    a = 0.01 * vtrap(-(v + 55), 10)
    b = 0.125 * exp(-(v + 65) / 80)
    ntau = 1 / (a + b)
    ninf = a * ntau
    UNITSON
}

FUNCTION vtrap(x, y) {
    if (fabs(x / y) < 1e-6) {
        vtrap = y * (1 - x / y / 2)
    } else if (x > 1000) {
        vtrap = x
    } else {
        vtrap = x / (exp(x / y) - 1)
    }
}
