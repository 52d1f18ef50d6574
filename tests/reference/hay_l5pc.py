"""Hay et al. 2011's layer-5 pyramidal cell, run by NEURON from the authors'
own hoc files, as the reference for cajal's model of it.

Usage: hay_l5pc.py MODEL_FOLDER MOD_FOLDER PROTOCOL SAMPLE_EVERY

MODEL_FOLDER holds cell1.asc, L5PCtemplate.hoc and L5PCbiophys3.hoc;
MOD_FOLDER the 13 .mod files (compiled once, see neuron_cell.mod_library).
PROTOCOL is "values" (no run: each section's name and, per segment, the
painted parameters that it has: cm, pas, the channel densities, calcium
dynamics and reversal potentials), "bac" (BAC_firing.hoc: a 1.9 nA somatic pulse at 295 ms for 5 ms
and an EPSP-shaped current from 300 ms at the thickest apical point 620 µm
from the apical dendrite's start, tstop 600 ms) or "step" (Step_current_firing.hoc:
0.793 nA from 700 ms for 2000 ms, tstop 3000 ms). Fixed steps of 0.025 ms with
CVODE off (the hoc files turn it on), v_init -80 mV, celsius left at NEURON's
6.3 as the protocols leave it; exact rates (no TABLEs in these files).

Prints JSON: {"t": [...], "v_soma": [...], "v_site": [...] (the EPSP site, bac
only), "site": {"section", "x", "point": [x, y, z]}, "spikes": [ms] (somatic
upward crossings of -10 mV at step ends, as APCount)}.
"""
import json
import os
import sys

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402
from neuron_cell import load_mod_dirs  # noqa: E402
from quiet_stdout import quietly  # noqa: E402


def point_at(sec, x):
    """The 3-d point at relative position x, interpolated in arc length."""
    n = int(sec.n3d())
    target = x * sec.L
    for i in range(1, n):
        a0, a1 = sec.arc3d(i - 1), sec.arc3d(i)
        if a1 >= target or i == n - 1:
            f = 0.0 if a1 == a0 else (target - a0) / (a1 - a0)
            return [sec.x3d(i - 1) + f * (sec.x3d(i) - sec.x3d(i - 1)), sec.y3d(i - 1) + f * (sec.y3d(i) - sec.y3d(i - 1)),
                    sec.z3d(i - 1) + f * (sec.z3d(i) - sec.z3d(i - 1))]
    return [sec.x3d(0), sec.y3d(0), sec.z3d(0)]


def thickest_site(cell, distance):
    """BAC_firing.hoc's choice: of locateSites' points, the first of the largest diam."""
    sites = cell.locateSites("apic", distance)
    best, widest = None, 0.0
    for i in range(int(sites.count())):
        sec_index, x = int(sites.o(i).x[0]), sites.o(i).x[1]
        d = cell.apic[sec_index](x).diam
        if d > widest:
            best, widest = (sec_index, x), d
    return best


PARAMETERS = ["cm", "g_pas", "e_pas", "gIhbar_Ih", "gCa_LVAstbar_Ca_LVAst", "gCa_HVAbar_Ca_HVA", "gNaTa_tbar_NaTa_t",
              "gSKv3_1bar_SKv3_1", "gSK_E2bar_SK_E2", "gImbar_Im", "gK_Tstbar_K_Tst", "gK_Pstbar_K_Pst", "gNap_Et2bar_Nap_Et2",
              "decay_CaDynamics_E2", "gamma_CaDynamics_E2", "ek", "ena"]


def painted_values(cell):
    """Per section of cell.all: its name and, per segment, the parameters it has."""
    out = []
    for sec in cell.all:
        segments = []
        for seg in sec:
            segments.append({name: getattr(seg, name) for name in PARAMETERS if hasattr(seg, name)})
        out.append({"name": sec.name().split(".")[-1], "segments": segments})
    return out


def main(model_folder, mod_folder, protocol, sample_every):
    h.load_file("stdrun.hoc")
    h.load_file("import3d.hoc")
    load_mod_dirs([mod_folder])
    h.load_file(os.path.join(model_folder, "L5PCbiophys3.hoc"))
    h.load_file(os.path.join(model_folder, "L5PCtemplate.hoc"))
    cell = quietly(lambda: h.L5PCtemplate(os.path.join(model_folder, "cell1.asc")))
    h.cvode_active(0)
    h.dt = 0.025
    h.v_init = -80
    h.CVode().cache_efficient(1)
    soma = cell.soma[0]
    clamp = h.IClamp(soma(0.5))
    out = {}
    records = {}
    if protocol == "values":
        json.dump({"sections": painted_values(cell)}, sys.stdout)
        return
    if protocol == "bac":
        h.tstop = 600
        clamp.amp, clamp.delay, clamp.dur = 1.9, 295, 5
        sec_index, x = thickest_site(cell, 620)
        sec = cell.apic[sec_index]
        epsp = h.epsp(sec(x))
        epsp.tau0, epsp.tau1, epsp.onset, epsp.imax = 0.5, 5, 300, 0.5
        records["v_site"] = h.Vector().record(sec(x)._ref_v, sample_every * h.dt)
        out["site"] = {"section": sec.name(), "x": x, "point": point_at(sec, x), "diam": sec(x).diam}
        out["_keep"] = epsp
    elif protocol == "step":
        h.tstop = 3000
        clamp.amp, clamp.delay, clamp.dur = 0.793, 700, 2000
    else:
        raise SystemExit("unknown protocol %s (bac, step)" % protocol)
    records["v_soma"] = h.Vector().record(soma(0.5)._ref_v, sample_every * h.dt)
    t = h.Vector().record(h._ref_t, sample_every * h.dt)
    spikes = h.Vector()
    detector = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    detector.threshold = -10
    detector.record(spikes)
    h.finitialize(h.v_init)
    steps = int(round(h.tstop / h.dt))
    for _ in range(steps):
        h.fadvance()
    out.pop("_keep", None)
    out["t"] = list(t)
    for name, vec in records.items():
        out[name] = list(vec)
    out["spikes"] = list(spikes)
    out["sections"] = {"nseg": [s.nseg for s in cell.all], "names": [s.name() for s in cell.all]}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
