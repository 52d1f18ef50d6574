INCLUDE "pacer.inc"
NEURON { ARTIFICIAL_CELL pacer ELECTRODE_CURRENT i RANGE x }
ASSIGNED { x y i }
STATE { p q }
FUNCTION_TABLE tabf(v (mV), c) (/ms)
LINEAR lin {
    ~ p + q = 1
    ~ 2 * p - q = x
}
NONLINEAR nonlin {
    ~ p^2 = y
}
BREAKPOINT {
    SOLVE lin
    x = tabf(-1.5e2, .5) != 3. ^ -2
}
