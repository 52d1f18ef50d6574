: calcium buffering in shells
NEURON {
    SUFFIX cashell
    USEION ca READ cai, ica WRITE cai VALENCE 2
    RANGE kf, kb
}

DEFINE NSHELL 4

CONSTANT { FARADAY = 96485.309 (coul) }

PARAMETER {
    kf = 100 (/mM-ms)
    kb = 0.1 (/ms)
    DCa = 0.6 (um2/ms)
    Btot = 0.05 (mM)
}

ASSIGNED { diam (um) ica (mA/cm2) cai (mM) vol[NSHELL] }

STATE {
    ca[NSHELL] (mM) <1e-10>
    B[NSHELL] (mM)
    CaB[NSHELL] (mM)
    cao START 2 (mM)
}

BREAKPOINT { SOLVE state METHOD sparse }

INITIAL {
    FROM i = 0 TO NSHELL - 1 {
        vol[i] = diam * diam * (i + 0.5) / NSHELL
        ca[i] = 5e-5
    }
    SOLVE state STEADYSTATE sparse
}

KINETIC state {
    COMPARTMENT i, vol[i] {ca B CaB}
    LONGITUDINAL_DIFFUSION i, DCa * diam {ca}
    ~ ca[0] << (-ica * PI * diam / (2 * FARADAY))
    FROM i = 0 TO NSHELL - 2 {
        ~ ca[i] <-> ca[i + 1] (DCa, DCa)
    }
    FROM i = 0 TO NSHELL - 1 {
        ~ ca[i] + B[i] <-> CaB[i] (kf * vol[i], kb * vol[i])
    }
    ~ CaB[NSHELL - 1] -> ca[NSHELL - 1] (kb / 2)
    CONSERVE B[0] + CaB[0] = Btot
    cai = ca[0]
}
