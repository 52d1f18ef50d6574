"""The model of benchmarks/cpu_hh.cpp in NEURON: a population of cells, each a
soma with unbranched all-hh dendrites and an IClamp at the soma; one thread,
cache_efficient(1). Usage: neuron_hh.py CELLS DENDRITES SEGMENTS TSTOP [--tables]"""
import json
import sys
import time

from neuron import h

args = [a for a in sys.argv[1:] if not a.startswith("--")]
cells, dendrites, segments, tstop = int(args[0]), int(args[1]), int(args[2]), float(args[3])
h.load_file("stdrun.hoc")
h.usetable_hh = 1 if "--tables" in sys.argv else 0
h.CVode().cache_efficient(1)
keep = []
spikes = h.Vector()
for c in range(cells):
    soma = h.Section(name=f"soma{c}")
    soma.pt3dadd(-10, 0, 0, 20)
    soma.pt3dadd(10, 0, 0, 20)
    for d in range(dendrites):
        sec = h.Section(name=f"dend{c}_{d}")
        sec.pt3dadd(10, 0, 0, 1)
        sec.pt3dadd(510, d, 0, 1)
        sec.nseg = segments
        sec.connect(soma(1))
        keep.append(sec)
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 1e9, 5
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = -10
    nc.record(spikes)
    keep += [soma, stim, nc]
for sec in h.allsec():
    sec.Ra = 100
    sec.cm = 1
    sec.insert("hh")
h.dt = 0.025
h.v_init = -65
h.celsius = 6.3
h.finitialize(-65)
start = time.perf_counter()
h.continuerun(tstop)
seconds = time.perf_counter() - start
cvs = sum(sec.nseg for sec in h.allsec())
steps = round(tstop / h.dt)
print(json.dumps({"simulator": "neuron" + (" (tables)" if h.usetable_hh else ""), "cells": cells, "cvs": cvs, "steps": steps,
                  "seconds": round(seconds, 4), "cv_steps_per_second": float(f"{cvs * steps / seconds:.4g}"),
                  "spikes": len(spikes)}))
