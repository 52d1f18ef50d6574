"""One cell simulated by NEURON, as the reference for cajal's single-cell runs.

Usage: neuron_cell.py MODEL.json

MODEL.json describes the cell the test builds in cajal:
  "cm", "Ra", "v_init", "celsius", "dt", "tstop", "secondorder" (0 or 1),
  "sections": [{"parent": index or -1, "parent_x": x, "points": [[x, y, z, diam], ...]}]
      built with pt3dadd, connected child(0) to parent(parent_x); or instead
  "swc": a file read by Import3d, sections in h.allsec() order,
  "nseg": [per section],
  "mechanisms": [{"name": "pas" | "hh", "sections": [indices], "parameters": {name: value}}],
  "point_processes": [{"label", "name", "section", "x", "parameters"}],
  "events": [{"target": label, "times": [ms], "weight": µS}],
  "probes": [{"section", "x"}], "sample_every": steps between samples.

Runs with exact hh rates (usetable_hh = 0) and cache_efficient, for
round(tstop/dt) fixed steps after finitialize(v_init), and prints JSON:
{"t": [...], "v": [[...] per probe], "nodes": number of nodes}.
"""
import json
import os
import sys

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402
from quiet_stdout import quietly  # noqa: E402


def build_sections(spec):
    sections = [h.Section(name="b%d" % i) for i in range(len(spec))]
    for sec, s in zip(sections, spec):
        h.pt3dclear(sec=sec)
        for x, y, z, d in s["points"]:
            h.pt3dadd(x, y, z, d, sec=sec)
    for sec, s in zip(sections, spec):
        if s["parent"] >= 0:
            sec.connect(sections[s["parent"]](s["parent_x"]), 0)
    return sections


def load_swc(path):
    def f():
        h.load_file("stdlib.hoc")
        h.load_file("import3d.hoc")
        reader = h.Import3d_SWC_read()
        reader.quiet = 1
        reader.input(path)
        h.Import3d_GUI(reader, False).instantiate(None)
    quietly(f)
    return list(h.allsec())


def main(path):
    with open(path) as f:
        model = json.load(f)
    h.load_file("stdrun.hoc")
    sections = load_swc(model["swc"]) if "swc" in model else build_sections(model["sections"])
    if len(sections) != len(model["nseg"]):
        raise SystemExit("model has %d sections, nseg lists %d" % (len(sections), len(model["nseg"])))
    for sec, n in zip(sections, model["nseg"]):
        sec.Ra = model["Ra"]
        sec.cm = model["cm"]
        sec.nseg = n
    for mech in model["mechanisms"]:
        for i in mech["sections"]:
            sec = sections[i]
            sec.insert(mech["name"])
            for name, value in mech["parameters"].items():
                for seg in sec:
                    setattr(getattr(seg, mech["name"]), name, value)
    processes = {}
    for p in model["point_processes"]:
        pp = getattr(h, p["name"])(sections[p["section"]](p["x"]))
        for name, value in p["parameters"].items():
            setattr(pp, "delay" if name == "del" else name, value)
        processes[p["label"]] = pp
    netcons = []
    for e in model["events"]:
        nc = h.NetCon(None, processes[e["target"]])
        nc.weight[0] = e["weight"]
        netcons.append((nc, e["times"]))

    def send():
        for nc, times in netcons:
            for t in times:
                nc.event(t)
    fih = h.FInitializeHandler(send)  # noqa: F841 (kept alive until the run ends)

    records = []
    for p in model["probes"]:
        vec = h.Vector()
        vec.record(sections[p["section"]](p["x"])._ref_v)
        records.append(vec)

    h.usetable_hh = 0
    h.CVode().active(0)
    h.CVode().cache_efficient(1)
    h.secondorder = model.get("secondorder", 0)
    h.celsius = model["celsius"]
    h.dt = model["dt"]
    steps = int(round(model["tstop"] / model["dt"]))
    h.finitialize(model["v_init"])
    for _ in range(steps):
        h.fadvance()
    every = model.get("sample_every", 1)
    json.dump({
        "t": [i * model["dt"] for i in range(0, steps + 1, every)],
        "v": [list(vec)[::every] for vec in records],
        "nodes": sum(sec.nseg + 1 for sec in sections) + 1,
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
