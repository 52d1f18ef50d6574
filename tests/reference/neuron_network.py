"""A network in NEURON for the network comparison tests, with ParallelContext
in one process: `cells` ball-and-stick cells as tests/unit/test_cells.hpp
builds them (hh soma 20 um long and wide; a 200 um dendrite of diameter 2 um,
`segments` segments, pas g 1e-4 e -65; Ra 35.4, cm 1), an ExpSyn (tau 2 ms) at
the middle of each soma, threshold -10 mV there; hh with exact rates (no tables).

Usage: neuron_network.py SPEC.json, where SPEC holds "cells", "segments", "dt",
"tstop", "connections": [[source gid, target gid, weight, delay], ...] between
cells, and "inputs": [[time, target gid, weight, delay], ...], spikes from
outside (each a NetStim firing once). Prints {"spikes": [[gid, t], ...]} of the
cells, in NEURON's order, and nothing else on stdout."""
import json
import sys

from neuron import h

spec = json.load(open(sys.argv[1]))
h.load_file("stdrun.hoc")
pc = h.ParallelContext()
cells = []
for gid in range(spec["cells"]):
    soma = h.Section(name=f"soma{gid}")
    soma.pt3dadd(0, 0, 0, 20)
    soma.pt3dadd(20, 0, 0, 20)
    soma.insert("hh")
    dend = h.Section(name=f"dend{gid}")
    dend.pt3dadd(20, 0, 0, 2)
    dend.pt3dadd(220, 0, 0, 2)
    dend.nseg = spec["segments"]
    dend.insert("pas")
    for seg in dend:
        seg.pas.g = 1e-4
        seg.pas.e = -65
    dend.connect(soma(1))
    syn = h.ExpSyn(soma(0.5))
    syn.tau = 2
    pc.set_gid2node(gid, pc.id())
    detector = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    detector.threshold = -10
    pc.cell(gid, detector)
    cells.append((soma, dend, syn))

keep = []
for source, target, weight, delay in spec["connections"]:
    nc = pc.gid_connect(int(source), cells[int(target)][2])
    nc.weight[0] = weight
    nc.delay = delay
    keep.append(nc)
for time, target, weight, delay in spec["inputs"]:
    stim = h.NetStim()
    stim.number, stim.start, stim.interval, stim.noise = 1, time, 0.5, 0
    nc = h.NetCon(stim, cells[int(target)][2])
    nc.weight[0] = weight
    nc.delay = delay
    keep.append((stim, nc))

times, gids = h.Vector(), h.Vector()
pc.spike_record(-1, times, gids)
h.dt = spec["dt"]
h.steps_per_ms = 1.0 / spec["dt"]
h.celsius = 6.3
h.usetable_hh = 0   # exact rates, as cajal computes them
h.CVode().active(0)
pc.set_maxstep(10)
h.finitialize(-65)
pc.psolve(spec["tstop"])
print(json.dumps({"spikes": [[int(g), t] for g, t in zip(gids, times)]}))
