: A leak of its own name, compiled at run time by the installed cajal.
NEURON {
    SUFFIX leak_install
    NONSPECIFIC_CURRENT i
    RANGE g, e
}
PARAMETER { g = 0.0003 (S/cm2)  e = -54.3 (mV) }
ASSIGNED { v (mV)  i (mA/cm2) }
BREAKPOINT { i = g*(v - e) }
