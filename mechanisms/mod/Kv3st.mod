TITLE Delayed-rectifier potassium channel as a three-state kinetic scheme

COMMENT
Closed C1 <-> closed C2 <-> open O, with voltage-dependent exponential rates
(Q10 = 3 from 22 degC). The open fraction O carries ik = gbar O (v - ek).
Solved by backward Euler (METHOD sparse); INITIAL finds the steady state.
ENDCOMMENT

NEURON {
    SUFFIX Kv3st
    USEION k READ ek WRITE ik
    RANGE gbar, g
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    gbar = 0.01 (S/cm2) <0, 1e9>
    a0 = 0.3 (/ms)
    b0 = 0.05 (/ms)
    za = 0.04 (/mV)
    zb = 0.03 (/mV)
    vhalf = -30 (mV)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    g (S/cm2)
    alpha (/ms)
    beta (/ms)
}

STATE {
    C1 C2 O
}

INITIAL {
    SOLVE scheme STEADYSTATE sparse
}

BREAKPOINT {
    SOLVE scheme METHOD sparse
    g = gbar * O
    ik = g * (v - ek)
}

KINETIC scheme {
    rates(v)
    ~ C1 <-> C2 (2 * alpha, beta)
    ~ C2 <-> O (alpha, 2 * beta)
    CONSERVE C1 + C2 + O = 1
}

PROCEDURE rates(v (mV)) {
    LOCAL q10
    q10 = 3^((celsius - 22) / 10)
    alpha = q10 * a0 * exp(za * (v - vhalf))
    beta = q10 * b0 * exp(-zb * (v - vhalf))
}
