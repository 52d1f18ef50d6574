"""NEURON's segments for a morphology: per section, the area and ri of every
node, NEURON's node numbering, and the d_lambda nseg (geom_nseg).

Usage: neuron_segments.py INPUT.json

INPUT.json holds either "sections", a list of
    {"points": [[x, y, z, diam], ...], "parent": index or -1, "parent_x": 1, "nseg": 1}
(parents before children), or "swc": a path loaded through Import3d. Optional:
"Ra" (Ω·cm, default 35.4), "nseg" (default for sections without one), and
"d_lambda": {"frequency", "d_lambda", "Ra", "cm"}; when given, every section's
nseg is set by geom_nseg's rule before measuring.

Prints JSON: {"sections": [{"name", "n3d", "L", "first", "last", "parent",
"parent_x", "lambda_f", "geom_nseg", "nseg", "area", "ri", "ri_end", "nodes"}]},
where "area"/"ri" list the nseg segment nodes, "ri_end" is ri of the x=1 node,
and "nodes" holds NEURON's node index of sec(0), each segment, and sec(1).
"""
import json
import os
import sys

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402
from import3d_swc import load_swc  # noqa: E402


def build_sections(spec):
    sections = []
    for i, s in enumerate(spec["sections"]):
        sec = h.Section(name="sec%d" % i)
        for x, y, z, d in s["points"]:
            h.pt3dadd(x, y, z, d, sec=sec)
        if s.get("parent", -1) >= 0:
            sec.connect(sections[s["parent"]](s.get("parent_x", 1.0)), 0)
        sections.append(sec)
    return sections


def geom_nseg(sec, p):
    lam = h.lambda_f(p["frequency"], sec=sec)
    return int((sec.L / (p["d_lambda"] * lam) + 0.9) / 2) * 2 + 1, lam


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    h.load_file("stdlib.hoc")
    sections = load_swc(spec["swc"]) if "swc" in spec else build_sections(spec)
    index = {sec.name(): i for i, sec in enumerate(sections)}

    rule = spec.get("d_lambda")
    out = []
    for i, sec in enumerate(sections):
        sec.Ra = rule["Ra"] if rule else spec.get("Ra", 35.4)
        sec.cm = rule["cm"] if rule else 1.0
        entry = {}
        if rule:
            entry["geom_nseg"], entry["lambda_f"] = geom_nseg(sec, rule)
            sec.nseg = entry["geom_nseg"]
        elif "sections" in spec:
            sec.nseg = spec["sections"][i].get("nseg", spec.get("nseg", 1))
        else:
            sec.nseg = spec.get("nseg", 1)
        out.append(entry)
    # Measure with the Ra the caller asked for (d_lambda's Ra sets only nseg).
    for sec in sections:
        sec.Ra = spec.get("Ra", 35.4)
    h.finitialize(-65)

    for sec, entry in zip(sections, out):
        parent = sec.parentseg()
        n = sec.n3d()
        entry.update({
            "name": sec.name(),
            "n3d": n,
            "L": sec.L,
            "first": [sec.x3d(0), sec.y3d(0), sec.z3d(0), sec.diam3d(0)],
            "last": [sec.x3d(n - 1), sec.y3d(n - 1), sec.z3d(n - 1), sec.diam3d(n - 1)],
            "parent": index[parent.sec.name()] if parent is not None else -1,
            "parent_x": parent.x if parent is not None else 0.0,
            "nseg": sec.nseg,
            "area": [seg.area() for seg in sec],
            "ri": [seg.ri() for seg in sec],
            "ri_end": sec(1).ri(),
            "nodes": [seg.node_index() for seg in sec.allseg()],
        })
    json.dump({"sections": out}, sys.stdout)


main()
