"""Hay et al. 2011's BAC-firing protocol in NEURON, timed: the authors' hoc
files as tests/reference/hay_l5pc.py builds them (fixed steps of 0.025 ms,
CVODE off, v_init -80 mV), the soma's v recorded every 0.1 ms as cajal's
examples/l5pc/bac_firing.json records it.

Usage: neuron_bac.py MODEL_FOLDER MOD_FOLDER
Prints JSON: {"setup_s", "integrate_s" (wall), "integrate_cpu_s", "spikes"}.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "reference"))
os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402
from hay_l5pc import thickest_site  # noqa: E402
from neuron_cell import load_mod_dirs  # noqa: E402
from quiet_stdout import quietly  # noqa: E402


def main(model_folder, mod_folder):
    t0 = time.perf_counter()
    h.load_file("stdrun.hoc")
    h.load_file("import3d.hoc")
    load_mod_dirs([mod_folder])
    h.load_file(os.path.join(model_folder, "L5PCbiophys3.hoc"))
    h.load_file(os.path.join(model_folder, "L5PCtemplate.hoc"))
    cell = quietly(lambda: h.L5PCtemplate(os.path.join(model_folder, "cell1.asc")))
    h.cvode_active(0)
    h.dt = 0.025
    h.tstop = 600
    h.v_init = -80
    h.CVode().cache_efficient(1)
    soma = cell.soma[0]
    clamp = h.IClamp(soma(0.5))
    clamp.amp, clamp.delay, clamp.dur = 1.9, 295, 5
    sec_index, x = thickest_site(cell, 620)
    site = cell.apic[sec_index]
    epsp = h.epsp(site(x))
    epsp.tau0, epsp.tau1, epsp.onset, epsp.imax = 0.5, 5, 300, 0.5
    v_soma = h.Vector().record(soma(0.5)._ref_v, 0.1)
    v_site = h.Vector().record(site(x)._ref_v, 0.1)
    spikes = h.Vector()
    detector = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    detector.threshold = -10
    detector.record(spikes)
    t1 = time.perf_counter()
    c1 = time.process_time()
    h.finitialize(h.v_init)
    for _ in range(int(round(h.tstop / h.dt))):
        h.fadvance()
    t2 = time.perf_counter()
    c2 = time.process_time()
    json.dump({"setup_s": t1 - t0, "integrate_s": t2 - t1, "integrate_cpu_s": c2 - c1, "spikes": list(spikes),
               "samples": len(v_soma) + len(v_site)}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
