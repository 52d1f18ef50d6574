"""NEURON's NetStim with noise = 0: the event times of regular trains.

Usage: netstim.py START:INTERVAL:NUMBER:TSTOP ...

Each argument is one train, run alone at dt = 0.025 ms from finitialize to
TSTOP (continuerun); the times are those a NetCon from the NetStim records.
Prints JSON: {"trains": [[t0, t1, ...], ...]} in the order of the arguments.
"""
import json
import os
import sys

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402


def train(start, interval, number, tstop):
    stim = h.NetStim()
    stim.start, stim.interval, stim.number, stim.noise = start, interval, number, 0
    netcon = h.NetCon(stim, None)
    times = h.Vector()
    netcon.record(times)
    h.dt = 0.025
    h.finitialize(-65)
    h.continuerun(tstop)
    return list(times)


h.load_file("stdrun.hoc")
trains = [train(*[float(x) for x in arg.split(":")]) for arg in sys.argv[1:]]
print(json.dumps({"trains": trains}))
